package intake

import (
	"slices"
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
	// session 7 (dev-place): the shared parts of a building and an estate,
	// switch boxes and slides residents place dangers by (配电柜, 滑梯:
	// later sets label them), shops by trade whose modifier is a stop
	// character (面馆), places written in English (lobby); a garden or green
	// only after a relation (relationOnly)
	"花园", "绿地", "架空层", "充电棚", "廊架", "梯厅", "门厅", "大厅", "中庭", "天井", "斜坡", "接送点", "停车位", "监控室",
	"配电箱", "配电柜", "电箱", "电表箱", "滑梯", "面馆", "面包店", "面店", "lobby", "parking lot", "car park", "garage",
	// session 8 (dev-place2): passages, ponds (院子, 小院, 仓库 and 平房 are
	// as often the writer's own or the home village's)
	"过道", "巷子", "胡同", "盲道", "鱼池", "荷花池", "路口",
	// session 10 (dev-s17p and the dev files before it): the facilities
	// of formal letters and work orders (垃圾中转站, 垃圾分类投放点, 大件垃圾
	// 堆放点, 设备层, 便道, Shanghai's 弄堂), a parcel locker by brand (丰巢柜),
	// a public toilet, a changing room, a sandpit, a street's mouth (街口:
	// dev-s13), a passage of any kind (公共通道, modified), a roof
	"中转站", "投放点", "堆放点", "分类点", "设备层", "设备间", "电表间", "便道", "弄堂", "弄堂口", "垃圾箱房", "垃圾池", "丰巢柜",
	"公共厕所", "更衣室", "沙池", "街口", "通道", "屋顶", "操场", "健身房",
	// session 11 (dev-s20a..c, blind): the places of old towns and shop
	// streets residents name everywhere in the south and on the coast: an
	// arcade (骑楼), a back lane (后巷), a courtyard of Qingdao's 里院, a
	// night market and its stalls (夜市, 摊位, 海鲜摊: a stall by its trade,
	// modifiedHeads), an ancestral hall, a banyan square (榕树头), a
	// pavement in southern words (行人路), the management office, a
	// karaoke bar
	"骑楼", "后巷", "里院", "夜市", "摊位", "摊", "祠堂", "榕树头", "行人路", "物业中心", "ktv", "网吧",
	// and as the earlier dev files' reports name them: a market (菜场门口:
	// dev-s13, dev-s17u), a pond (水塘: dev-s17u), a mahjong parlour (麻将馆,
	// whose 将 stops modifiers: dev-s13)
	"菜场", "水塘", "麻将馆",
	// session 11 (loc9, dev-s20d, dev-s22b): a lane's mouth (巷口), a
	// rented house of an urban village, a boardwalk by the sea, a
	// battery-swap locker of delivery riders (as 外卖柜); not 水塔 and 河里
	// (天台水塔 is a thing on the roof; chat names the river as often:
	// 河里水涨起来哉 看看而已)
	"巷口", "出租屋", "栈道", "换电柜",
	// session 12 (loc12, dev-s23a and the earlier dev files): the edge of
	// water (江边, 海边, 泉池边, as 河边 and 湖边), a named tree's foot
	// (榕树下, 大槐树底下: with a modifier, modifiedHeads), the front desk of
	// the management (物业前台), a flagstone path, the ice of the lake
	"江边", "海边", "池边", "塘边", "树下", "树下面", "树底下", "前台", "石板路", "湖面",
	// session 13 (loc13): a building by its name rather than its number
	// (海景楼, 宿舍楼, 放映楼, 矿工楼: namedBuilding guards it); the
	// mailboxes of a building's hall, a shared place as the parcel lockers
	// are (five writers of the dev files read label them)
	"楼", "信报箱",
	// and in Minnan words (dev-s24a): a house (老厝, 古厝, 阮厝: with a
	// modifier), a lane (巷仔口, 巷仔内); a lane's mouth of Shanghai's
	// lanes (总弄口)
	"厝", "巷仔", "弄口",
	// a guesthouse (as a rented house: 隔壁民宿客人半夜唱卡拉OK), the foot
	// of a wall (城墙根有几条野狗: 根 alone is a measure)
	"民宿", "墙根",
}

// relationOnly heads are places only right after a relation word
// (3号楼和5号楼中间的花园, 7号楼后面的绿地): 小区花园 is the estate's garden,
// 幸福花园 a name, and the project's first held-out split labels 在楼下挖了
// 绿地 as 楼下. The lift, the balcony and the stairs are no heads here: since
// session 10 the guideline (testdata/README.md, "Location labels") makes
// them places where something happens, matched with their guards in
// locPatterns (location_relative.go); the rooms of a flat (厨房, 卫生间) are
// roomsOfFlat's since session 13 (location_flat.go).
var relationOnly = map[string]bool{"花园": true, "绿地": true, "路口": true}

// topicPlace reports whether a head of relationOnly, before the text
// after, is a place all the same: it starts the clause (before ends with
// no Chinese character) and a demonstrative points into it (路口那几台共享单车,
// 路口那个配电柜, 花园那边). 下个路口, 在路口等我 and 小区花园 are not; nor, as
// the earlier sets label them, 在花园里 and 在绿地里.
func topicPlace(before, head, after string) bool {
	if r, _ := utf8.DecodeLastRuneInString(before); isHan(r) {
		return false
	}
	return strings.HasPrefix(after, "那") || strings.HasPrefix(after, "这") || head != "路口" && insideTopic(after)
}

// insideTopic reports whether after, the text after a garden or a green
// starting a clause, goes into it or to a thing of it (花园里一条大黄狗,
// 花园里面那个凳子, 花园的长椅): the place the clause is about (session 11,
// dev-s20d, dev-s22b). Not a crossing: the earlier sets leave 路口的井盖
// unlabelled.
func insideTopic(after string) bool {
	return strings.HasPrefix(after, "里") || strings.HasPrefix(after, "的")
}

// modifiedHeads are places only with a modifier before them: 干洗店 and
// 机械车位 are places, a bare 店 or 车位 is not.
var modifiedHeads = map[string]bool{"店": true, "铺": true, "馆": true, "车位": true, "通道": true, "摊": true, "楼": true, "厝": true, "墙根": true,
	"池边": true, "塘边": true, "树下": true, "树下面": true, "树底下": true, "前台": true}

// waterEdges are the edges of open water, a place of the estate's
// neighbourhood (江边那截草丛) but as often where one goes (去海边溜达, 来海边
// 玩): after goingVerbs they are a way, no place. Not after 到: 跑到河边去了,
// 走到湖边去了 say where a child or an old person is now, the place an
// urgent report most needs (session 12 review).
var waterEdges = map[string]bool{"江边": true, "海边": true, "河边": true, "湖边": true}

// goingVerbs, right before a water edge, make it where one goes.
const goingVerbs = "去来往逛"

// lastRune returns the last rune of s, or utf8.RuneError.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// passageHeads are passages whose mouth residents name (后巷口, 胡同口,
// 巷子口): a 口 right after one is part of the place.
var passageHeads = map[string]bool{"后巷": true, "巷子": true, "巷仔": true, "胡同": true, "过道": true, "小路": true, "门洞": true}

// facilityIndex lists the heads under their first rune.
var facilityIndex = headIndex(facilityHeads)

func headIndex(heads []string) map[rune][]string {
	idx := map[rune][]string{}
	for _, h := range heads {
		r, _ := utf8.DecodeRuneInString(h)
		idx[r] = append(idx[r], h)
	}
	return idx
}

// facilityModifierStops end the modifier before a head (in addition to
// nameStops): a verb or a location word is not part of the place's name
// (since session 10 also the verbs the dev files put before a head: 逛超市,
// 路过菜市场, 放门卫室, 堵围墙, 要建地铁站, 讨论停车位, 清扫主干道).
const facilityModifierStops = "，。！？、；：,.!?;: 边面头上下旁块条截个间座片排处栋一二三四五六七八九十两几这那区家将请比邻近靠放堵问钻逛过要开建臭得能而没段次讲进扫论" +
	// session 12 (loc12): weather (一下雨屋顶就渗水) and breaking in (有人撬店铺的锁)
	"雨雪撬砸"

// verbModifiers are verbs of two characters that end right before a head
// and are no modifier of it (占用盲道, 堵住通道, 挡住消防通道).
var verbModifiers = []string{"占用", "占据", "霸占", "堵住", "堵塞", "挡住", "堆满", "停满",
	// and quantities (占了好多车位: session 12, loc12)
	"好多", "很多", "许多", "不少", "所有", "全部"}

// timeModifiers are times that stand where a modifier would (昨天ktv吼坏了,
// 明天菜市场有活动).
var timeModifiers = []string{"今天", "明天", "昨天", "刚才", "现在", "周末", "今年", "去年", "上午", "下午", "中午", "晚上", "早上", "平时", "每天", "今朝"}

// longModifiers are the modifiers longer than two characters a facility
// keeps whole (电动车充电棚, 非机动车库).
var longModifiers = []string{"电动车", "自行车", "非机动", "老年人", "无障碍"}

// scanFacilities finds facility places in the folded text that no other
// component covers. Since session 7 ExtractLocation looks for them in every
// message, next to a numbered place too (棋牌室的烟味飘到楼上来了 3号楼):
// the writers of every labelled set name both.
func scanFacilities(s string, have []locMatch, cands []int, address bool) []locMatch {
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
	next := 0 // no head starts inside the previous head
	for _, i := range cands {
		if i < next {
			continue
		}
		r, _ := decodeRuneAt(s, i)
		head := ""
		for _, h := range facilityIndex[r] {
			if strings.HasPrefix(s[i:], h) && len(h) > len(head) {
				head = h
			}
		}
		if head == "" || overlaps(i, i+len(head)) {
			continue
		}
		if waterEdges[head] && strings.ContainsRune(goingVerbs, lastRune(s[:i])) {
			next = i + len(head)
			continue // (去海边溜达: a way, not a place)
		}
		if relationOnly[head] && !afterRelation(s[last:i]) && !topicPlace(s[:i], head, s[i+len(head):]) ||
			head == "里院" && !innerCourtyard(s[:i], s[i+len(head):]) {
			next = i + len(head)
			continue
		}
		start := facilityModifier(s, last, i, head, covered)
		// (店铺 is the word for shops in general, no shop: 有人撬店铺的锁)
		if start == i && modifiedHeads[head] || head == "摊" && !stallTrade(s[start:i]) || head == "铺" && s[start:i] == "店" ||
			head == "楼" && !namedBuilding(s[start:i], s[i+len(head):]) {
			next = i + len(head)
			continue
		}
		end := facilityEnd(s, head, i+len(head))
		out = append(out, locMatch{kind: kindPlace, start: start, end: end, facility: true})
		next = end
		last = next
	}
	return out
}

// asciiModifier returns where a run of letters and digits right before a
// head at offset i starts (711便利店, a栋超市 is no such run: 栋 ends it),
// given the text before it; i if none.
func asciiModifier(before string, i int) int {
	k := len(before)
	for k > 0 && len(before)-k < 6 && isASCIIAlnum(before[k-1]) {
		k--
	}
	if k == len(before) || k > 0 && isASCIIAlnum(before[k-1]) {
		return i
	}
	return i - (len(before) - k)
}

// afterRelation reports whether the text before a head ends with a
// relation word and an optional 的 (3号楼和5号楼中间的花园): 花园 is a place
// there, while 小区花园 is the estate's garden and 幸福花园 a name.
func afterRelation(before string) bool {
	for n := 1; n <= 4; n++ { // (幼儿园正对着的那个路口: a tail after the relation)
		if tail := lastRunes(before, n); relationTail(tail) {
			if b := before[:len(before)-len(tail)]; b != before && endsWithRelation(b) {
				return true
			}
		}
	}
	return endsWithRelation(before)
}

// endsWithRelation reports whether before ends with a relation word, 中间
// or 之间.
func endsWithRelation(before string) bool {
	for _, w := range relationWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return strings.HasSuffix(before, "中间") || strings.HasSuffix(before, "之间")
}

// followedByRelation reports whether after, the text after a landmark,
// starts with a relation word (小卖部后头, 干洗店旁边的…).
func followedByRelation(after string) bool {
	after = strings.TrimPrefix(after, "的")
	for _, w := range relationWords {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// betweenGap reports whether gap, the text from an address to a landmark,
// places the landmark between two places (3号楼和4号楼中间的空地).
func betweenGap(gap string) bool {
	gap = strings.TrimPrefix(gap, "的")
	return strings.HasPrefix(gap, "中间") || strings.HasPrefix(gap, "之间")
}

// parkingRow returns where a parking row named before a 车位 at offset i
// starts (第三排车位, A排车位, 那排车位), given the text before it; i if
// none.
func parkingRow(before string, i int) int {
	if !strings.HasSuffix(before, "排") {
		return i
	}
	j := len(before) - len("排")
	k := j
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:k])
		if !isNumeral(r) && !(r >= 'a' && r <= 'h') {
			break
		}
		k -= size
	}
	switch {
	case k < j && strings.HasSuffix(before[:k], "第"):
		k -= len("第")
	case k < j:
	case strings.HasSuffix(before[:j], "那") || strings.HasSuffix(before[:j], "这"):
		k -= len("那")
	default:
		return i
	}
	return i - (len(before) - k)
}

// objectOfAddress reports whether facility f follows a numbered address
// with no relation word between them: then it is the thing at that address
// (二十二号楼有人用地锁占公共车位, 21栋门口的化粪池盖子开着, 能不能在35栋
// 楼道设个快递驿站, 6号楼底下的商户… 人行道都没了), and the address is the
// place; one told in a clause of its own, or outside a gate, is not. A landmark told before the address (棋牌室的烟味飘到楼上来了 3号楼)
// or placed by a relation (3号楼后面小卖部, 小卖部后头) is a place of its own.
func objectOfAddress(s string, have []locMatch, f locMatch) bool {
	end, kind := -1, -1 // the end and kind of the nearest address before f
	for _, a := range have {
		switch a.kind {
		case kindGate, kindPlace, kindBareCommunity, kindZone, kindNamed:
			continue // (中心花园的草坪: a named garden is a landmark itself)
		}
		if a.end <= f.start && a.end > end {
			end, kind = a.end, a.kind
		}
	}
	if end < 0 || followedByRelation(s[f.end:]) || kind == kindFloor && shopOnFloor(s[f.start:f.end]) {
		return false // (一号院那个小卖部后头: the landmark places the report)
	}
	if _, _, ok := relationGap(s, end, f.start); ok || betweenGap(s[end:f.start]) {
		return false
	}
	// a clause of its own (…北门外，共享单车乱停乱放，堵住了无障碍坡道), or
	// placed outside a gate (小区北门外的人行道): not a thing at the address
	return !strings.ContainsAny(s[end:f.start], placeClauseMarks) && !outsideGateBefore(s, have, f.start)
}

// shopOnFloor reports whether facility text f, after a floor, is a shop
// there (一楼新开的KTV, 一楼那家麻辣烫店, 一楼商铺): a place of its own, as the
// blind writers label it (session 12, loc12), not a thing on the floor.
func shopOnFloor(f string) bool {
	for _, w := range []string{"店", "铺", "馆", "ktv", "网吧", "超市", "小卖部", "棋牌室"} {
		if strings.HasSuffix(f, w) {
			return true
		}
	}
	return false
}

// placeClauseMarks end a clause (in folded text too): a facility after one of them is told apart
// from the address before (spaces do not: 6号楼底下的商户… 人行道都没了).
const placeClauseMarks = "，。！？；,!?;"

// outsideGateBefore reports whether a gate and 外 (北门外, 东门外面, with
// an optional 的) end right before offset at of s. The gate alone is the
// labelled place (北门), as in the earlier sets.
func outsideGateBefore(s string, have []locMatch, at int) bool {
	before := strings.TrimSuffix(s[:at], "的")
	trimmed := before
	for _, w := range []string{"外面", "外边", "外头", "外"} {
		if strings.HasSuffix(before, w) {
			trimmed = before[:len(before)-len(w)]
			break
		}
	}
	if trimmed == before {
		return false
	}
	for _, m := range have {
		if m.kind == kindGate && m.end == len(trimmed) {
			return true
		}
	}
	return false
}

// facilityModifier returns where the modifier of the head at offset i of s
// starts, no further back than last: a parking row (第三排车位), one of
// longModifiers, letters and digits (711便利店), or up to two Han
// characters that are not a verb done to the place (占用盲道) nor a time
// (昨天ktv); i when there is none. covered reports offsets of places
// already found.
func facilityModifier(s string, last, i int, head string, covered func(int) bool) int {
	start := i
	if head == "车位" {
		start = parkingRow(s[last:i], i) // 第三排车位, 那排车位
	}
	for _, w := range longModifiers {
		if start == i && strings.HasSuffix(s[last:i], w) && !covered(i-len(w)) {
			start = i - len(w)
		}
	}
	if start == i {
		start = asciiModifier(s[last:i], i) // 711便利店
	}
	if start != i {
		return start
	}
	if head == "楼" {
		return buildingNameStart(s, last, i, covered)
	}
	if head == "滑梯" && strings.HasSuffix(s[last:i], "滑") {
		return i - len("滑") // (滑滑梯 is the word: 小孩滑滑梯的地方)
	}
	for n := 0; n < 2 && start > last; n++ {
		pr, psize := utf8.DecodeLastRuneInString(s[last:start])
		if !isHan(pr) || strings.ContainsRune(nameStops, pr) || strings.ContainsRune(facilityModifierStops, pr) || covered(start-psize) {
			break
		}
		start -= psize
	}
	if start < i && straddlesBreak(s, start) {
		_, size := utf8.DecodeRuneInString(s[start:])
		start += size // (隔壁古厝: the modifier starts after 隔壁)
	}
	if suffixAny(s[last:i], verbModifiers) || slices.Contains(timeModifiers, s[start:i]) {
		return i // (占用盲道: what is done to the place; 昨天ktv, 明天菜市场: a time)
	}
	return start
}

// facilityEnd returns where the place whose head ends at offset end of s
// stops: a passage's mouth (后巷口, 胡同口) and 下 after a building (骑楼下,
// 物业楼下, as 7号楼下) are part of it.
func facilityEnd(s, head string, end int) int {
	if passageHeads[head] && strings.HasPrefix(s[end:], "口") {
		return end + len("口")
	}
	if strings.HasSuffix(head, "楼") && strings.HasPrefix(s[end:], "下") {
		return end + len("下")
	}
	return end
}

// stallTrade reports whether modifier, the text before a 摊, names a
// stall by its trade in two characters (海鲜摊, 烧烤摊, 水果摊): one
// character is a verb or a measure (摆摊, 收摊, 一大摊水), and a stall set
// up or packed away is no place, nor are costs shared (水费分摊, 均摊).
func stallTrade(modifier string) bool {
	return utf8.RuneCountInString(modifier) == 2 && !strings.ContainsAny(modifier, "摆收出练地大分均")
}

// innerCourtyard reports whether 里院, between before and after, is the
// courtyard of an old compound (里院那堵老墙, 在里院, 咱们里院) rather than 里
// ending a word before 院子 or 院 (家里院子, 小区里院墙, 咱这里院好): the rune
// before is no Chinese character, or one of courtyardOpeners.
func innerCourtyard(before, after string) bool {
	if r, _ := utf8.DecodeRuneInString(after); strings.ContainsRune("子墙校内外落", r) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return !isHan(r) || strings.ContainsRune(courtyardOpeners, r)
}

// courtyardOpeners may come right before 里院: a verb of place, 的, a
// person (咱里院, 我们里院).
const courtyardOpeners = "在到去从住是的咱俺我们"

// buildingNameStart returns where the name of a building whose bare 楼 is
// at offset i of s starts, no further back than last: up to three Han
// characters, none of them a word that ends names (nameStops), a stop of
// modifiers (facilityModifierStops: 下楼, 整栋楼) nor a place already found
// (海景楼, 矿工楼), with such a stop, the text's start or last before them;
// i when there is none.
func buildingNameStart(s string, last, i int, covered func(int) bool) int {
	start := i
	for n := 0; start > last; n++ {
		r, size := utf8.DecodeLastRuneInString(s[last:start])
		if !isHan(r) || strings.ContainsRune(nameStops, r) || strings.ContainsRune(facilityModifierStops, r) || covered(start-size) {
			break
		}
		if n == 3 {
			return i // (今日发现楼内, 声音隔着楼板: no name is bounded there)
		}
		start -= size
	}
	return start
}

// namedBuilding reports whether a bare 楼 after the modifier (the
// facility scan's: buildingNameStart) and before the text after is a
// building called by its name (海景楼的电梯, 宿舍楼电梯又停了, 老放映楼那个
// 电梯): not a way up or down (爬楼, 扛上楼: 上 and 下 stop the modifier), a
// word 楼 starts (楼主, 楼盘, 楼市, 楼层, 楼长, 楼板) nor a price (跳楼价); the
// name has two or three characters. The parts of a
// building (楼道, 楼上, 楼下) and numbered ones (3号楼, 六楼) are the
// patterns'.
func namedBuilding(modifier, after string) bool {
	if utf8.RuneCountInString(modifier) < 2 || strings.ContainsAny(modifier, climbVerbs) || slices.Contains(timeModifiers, modifier) {
		return false // (老楼, 新楼 and 全楼 say which building, not its name)
	}
	return !strings.ContainsRune("主盘市层梯道宇价花长板", firstRune(after))
}

// climbVerbs, in the modifier of a bare 楼, make it a way up or down, not a
// building (人爬楼, 跳楼, 搬楼).
const climbVerbs = "爬跳搬扛抬背拎送回"
