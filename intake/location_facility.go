package intake

import (
	"strings"
	"unicode/utf8"
)

// facilityHeads are the head nouns of places on an estate that residents
// name by what they are rather than by number: a station, a room, a kiosk,
// a shed, a court, a pond (快递驿站, 老年食堂, 锅炉房, 垃圾分类亭, 羽毛球场).
// A head with up to two modifying characters before it is a place
// (菜鸟驿站, 垃圾分类亭), unless a word that ends names (我, 的, 在…) stops it.
var facilityHeads = []string{
	"驿站", "食堂", "医务室", "卫生站", "卫生室", "活动室", "活动中心", "服务中心", "服务站", "党群服务", "锅炉房", "换热站", "热力站",
	"泵房", "配电室", "变电站", "变电箱", "物业楼", "办公楼", "岗亭", "门卫室", "门岗", "值班室", "车棚", "球场", "乐园",
	"游乐区", "池塘", "水池", "喷泉", "亭子", "分类亭", "分类站", "回收站", "长廊", "连廊", "篮球架", "报刊亭", "小卖部",
	"超市", "便利店", "菜市场", "菜店", "公交站", "储藏室", "会所", "泳池", "假山", "小花园", "空地", "小路", "主干道", "坡道",
	"化粪池", "下水井", "排水沟", "水沟", "工地", "围墙", "人行道", "步道", "地下通道", "车道", "门洞", "楼门", "小广场", "中心广场", "洗衣房", "水房",
	// issue 10, urgency round: places residents name when there is no number
	// (things at a place — a switch box, a swing — are not places)
	"人工湖", "湖边", "河边", "小河", "桥洞", "桥下", "桥边", "沙坑", "草地", "树林", "竹林", "地铁口", "地铁站", "洗车房", "洗车点",
	"消防楼梯", "楼梯拐角", "主路", "后院", "前院", "机房", "保安亭", "商铺", "底商", "出入口",
	// session 6 (dev-s8): shops named by their trade (干洗店, 早餐铺), parking
	// by kind (机械车位, 访客车位), courtyards by side, rooms by use
	"店", "铺", "馆", "车位", "彩票站", "棋牌室", "外卖柜", "控制室", "配电间", "内院", "南院", "北院", "东院", "西院",
}

// modifiedHeads are places only with a modifier before them: 干洗店 and
// 机械车位 are places, a bare 店 or 车位 is not.
var modifiedHeads = map[string]bool{"店": true, "铺": true, "馆": true, "车位": true}

// besideHeads are the facility heads looked for right after a relation to
// an address (3号楼和5号楼中间的花园): a garden or green there is the place,
// while 小区花园 alone is the community's garden, not a place name.
var besideHeads = append([]string{"花园", "绿地"}, facilityHeads...)

// facilityIndex and besideIndex list the heads under their first rune.
var facilityIndex, besideIndex = headIndex(facilityHeads), headIndex(besideHeads)

func headIndex(heads []string) map[rune][]string {
	idx := map[rune][]string{}
	for _, h := range heads {
		r, _ := utf8.DecodeRuneInString(h)
		idx[r] = append(idx[r], h)
	}
	return idx
}

// facilityModifierStops end the modifier before a head (in addition to
// nameStops): a verb or a location word is not part of the place's name.
const facilityModifierStops = "，。！？、；：,.!?;: 边面头上下旁块条截个间座片排处栋一二三四五六七八九十两几这那区家"

// scanFacilities finds facility places in the folded text that no other
// component covers. ExtractLocation looks for them only when a message names
// no numbered or listed place: a landmark is how a place is named when
// there is no number, and next to a number it is usually the thing at it.
func scanFacilities(s string, have []locMatch, heads map[rune][]string) []locMatch {
	var out []locMatch
	overlaps := func(a, b int) bool {
		for _, m := range have {
			if a < m.end && m.start < b {
				return true
			}
		}
		return false
	}
	covered := func(i int) bool { return overlaps(i, i+1) }
	last := 0 // no modifier reaches before the previous match
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		head := ""
		for _, h := range heads[r] {
			if strings.HasPrefix(s[i:], h) && len(h) > len(head) {
				head = h
			}
		}
		if head == "" || overlaps(i, i+len(head)) {
			i += size
			continue
		}
		start := i
		for n := 0; n < 2 && start > last; n++ {
			pr, psize := utf8.DecodeLastRuneInString(s[last:start])
			if !isHan(pr) || strings.ContainsRune(nameStops, pr) || strings.ContainsRune(facilityModifierStops, pr) || covered(start-psize) {
				break
			}
			start -= psize
		}
		if start == i && modifiedHeads[head] {
			i += len(head)
			continue
		}
		out = append(out, locMatch{kind: kindPlace, start: start, end: i + len(head), facility: true})
		i += len(head)
		last = i
	}
	return out
}
