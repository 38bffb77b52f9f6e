package intake

import "strings"

// One's own things whose names hold a facility word (issue 10, session 10):
// 燃气灶 holds 燃气, 电池没电 holds 没电, 洗衣机排水管 holds 水管. Inside such a
// name the facility word is not the building's, so it does not make the
// message about the estate (structure.facility), and a private thing's
// trouble stays the writer's own (structure.gate). The building's supply
// itself stays a report: 我家没电了, 电表没电了, 燃气表没气了 name no battery
// or appliance.
var (
	// ownAfterFacility: a facility word followed by one of these names an
	// appliance or a bill of one's own (燃气灶, 煤气热水器, 燃气费), not the
	// building's supply.
	ownAfterFacility = []string{"灶", "热水器", "费", "卡", "账单"}
	// ownCompounds are one's own cards and remotes named by what they open
	// (门禁卡, 车库遥控): lost or flat, they are the writer's.
	ownCompounds = []string{"门禁卡", "电梯卡", "车库遥控", "车库卡", "停车卡", "地库遥控"}
	// batteryHolders run on their own battery: their 没电 is a flat battery,
	// not an outage (手机快没电了, 车钥匙没电了, 电动车没电了).
	batteryHolders = []string{"电池", "电瓶", "手机", "充电宝", "电动车", "电瓶车", "电车", "钥匙", "遥控器", "遥控", "耳机",
		"手表", "电脑", "笔记本", "平板", "相机", "指纹锁", "密码锁", "门锁", "智能锁", "手电", "音箱", "鼠标", "键盘",
		"剃须刀", "牙刷", "助听器", "玩具", "pad", "ipad", "血压计",
		// any machine of one's own: 老人机, 收音机, 游戏机, 学习机
		"机"}
	// waterHolders hold their own water or ink: their 没水 is empty, not a
	// cut supply (圆珠笔没水了, 加湿器没水了).
	waterHolders = []string{"笔", "笔芯", "墨盒", "加湿器", "鱼缸", "水壶", "水杯", "杯子", "暖壶", "暖瓶", "饮水机", "水桶", "花瓶", "喷壶", "雾化器"}
	// applianceParts: a facility word right after an appliance of one's
	// own (洗衣机排水管, 热水器的水管) is that appliance's part.
	applianceParts = []string{"洗衣机", "洗碗机", "热水器", "净水器", "冰箱", "空调", "鱼缸", "饮水机"}
	// batteryFillers may stand between a battery holder and 没电 (手机快没电,
	// 电瓶又没电, 钥匙都没电).
	batteryFillers = []string{"快", "又", "都", "也", "就", "已经", "早就", "要", "突然", "直接", "的"}
	// partFillers may stand between an appliance and its part.
	partFillers = []string{"的", "排", "进", "出", "上", "里", "后面"}
	// swimBefore: 下水 after these is going into the water (孩子不肯下水), not
	// the drains.
	swimBefore = []string{"肯", "敢", "想", "去", "跳", "别", "让", "带"}
	// bitesOnBody: an insect's bite or a habit is the writer's body, not a
	// dog at large (被蚊子叮了好几个包, 孩子又咬指甲).
	// So are a blocked nose, a heavy heart and a throat "smoking" with thirst
	// (鼻子堵了, 心里堵得慌, 嗓子都冒烟了).
	bitesOnBody = []string{"被蚊子", "蚊子咬", "蚊子叮", "咬指甲", "啃指甲", "咬嘴唇", "咬舌头", "咬到舌头",
		"鼻子堵", "鼻塞", "心里堵", "嗓子冒烟", "嗓子都冒烟", "嗓子眼冒烟", "上火"}
	// quarrelAfter: 吵 followed by one of these is a quarrel or a child
	// asking for something (吵架, 吵嘴, 吵着要买玩具), not the building's noise;
	// a quarrel heard through the wall stays the building's by its other
	// words (楼下有人吵架, 隔壁天天吵架).
	quarrelAfter = []string{"架", "嘴", "着要", "着买", "着去", "着让", "着不", "着非", "翻"}
	// awayPlaces are places off the estate that the writer or their family go
	// to: a facility word right after one (孩子学校暖气不热, 公司楼下电梯坏了,
	// 学校食堂的电梯) is that place's, not the building's.
	awayPlaces = []string{"学校", "公司", "单位", "宿舍", "食堂", "商场", "医院", "健身房"}
	// ownLostThings: small things one carries; lost, they are lost and found
	// (小区里找遍了也没找到我的耳机), not a report.
	ownLostThings = []string{"耳机", "钥匙", "钱包", "手机", "眼镜", "手表", "充电器", "水杯", "雨伞", "门禁卡", "饭卡", "公交卡",
		"身份证", "银行卡", "工牌", "u盘", "发卡", "戒指", "耳环"}
	// ownLostWords say a thing of one's own is missing.
	ownLostWords = []string{"丢了", "没找到", "找不到", "找不着", "不见了", "弄丢", "掉了"}
)

// ownFacilityWord reports whether the facility word w at norm[i:] belongs to
// one of the writer's own things: an appliance or bill named with it, a
// battery that ran flat, an appliance's own pipe.
func ownFacilityWord(norm string, i int, w string) bool {
	rest := norm[i+len(w):]
	for _, c := range ownCompounds {
		if k := strings.Index(c, w); k >= 0 && k <= i && strings.HasPrefix(norm[i-k:], c) {
			return true
		}
	}
	if endsWithAfter(norm[:i], awayPlaces, partFillers) {
		return true
	}
	switch w {
	case "燃气", "煤气", "天然气":
		return prefixAny(rest, ownAfterFacility)
	case "没电":
		return endsWithAfter(norm[:i], batteryHolders, batteryFillers)
	case "没水":
		return endsWithAfter(norm[:i], waterHolders, batteryFillers)
	case "水管":
		return endsWithAfter(norm[:i], applianceParts, partFillers)
	case "吵":
		return quarrel(norm, i, rest)
	case "下水":
		return !strings.HasPrefix(rest, "道") && (suffixAny(norm[:i], swimBefore) || endsWithAfter(norm[:i], applianceParts, partFillers))
	}
	return false
}

// quarrel reports whether 吵 at norm[i:] (rest follows it) is a quarrel:
// 吵架, 吵着要, 争吵, or 吵了一晚上架 (架 at most five runes after 吵了).
func quarrel(norm string, i int, rest string) bool {
	if prefixAny(rest, quarrelAfter) || strings.HasSuffix(norm[:i], "争") {
		return true
	}
	if r, ok := strings.CutPrefix(rest, "了"); ok {
		for n, k := range []rune(r) {
			if n >= 5 {
				break
			}
			if k == '架' {
				return true
			}
		}
	}
	return false
}

// endsWithAfter reports whether before ends with one of words, followed by
// at most one of fillers (手机 快 | 没电).
func endsWithAfter(before string, words, fillers []string) bool {
	if suffixAny(before, words) {
		return true
	}
	for _, f := range fillers {
		if b, ok := strings.CutSuffix(before, f); ok && suffixAny(b, words) {
			return true
		}
	}
	return false
}

// lostOwnThing reports a small thing of the writer's own gone missing, told
// either way round (车钥匙丢了, 没找到我的耳机), not stolen.
func lostOwnThing(norm string, g structSet) bool {
	return g.has(sOwnLost) && g.has(sLostWord) && !g.has(sCrime) &&
		(pairWithin(norm, ownLostThings, ownLostWords, 4) || pairWithin(norm, ownLostWords, ownLostThings, 4))
}

// The household's supply is the building's: 我家没电了 asked against the
// neighbours (邻居家有电吗, 是整栋楼都停了吗) is a report of an outage here.
var (
	// outageWords say the home's power, water, gas or heating is off.
	outageWords = []string{"没电", "停电", "不来电", "跳闸", "没水", "停水", "没热水", "没气", "停气", "打不着火", "没暖气"}
	// neighbourCompare asks whether the neighbours share it.
	neighbourCompare = []string{"邻居", "对门", "别家", "别人家", "其他家", "整栋", "整个楼", "全楼", "楼里", "只有我家", "就我家",
		"你们家", "大家家", "楼上楼下"}
)

// householdOutage reports the writer's home without a supply, compared with
// the neighbours' (g holds the structure groups of norm).
func householdOutage(norm string, g structSet) bool {
	return g.has(sOutage) && g.has(sNeighbour) && pairWithin(norm, []string{"我家"}, outageWords, 4)
}

// placesHere reports whether a place found in the message names a place
// here, not the facility word inside one's own card or remote (车库遥控).
func placesHere(norm string, locs []string) bool {
	for _, l := range locs {
		inside := 0
		for _, c := range ownCompounds {
			if strings.HasPrefix(c, l) {
				inside += strings.Count(norm, c)
			}
		}
		if inside == 0 || strings.Count(norm, l) > inside {
			return true
		}
	}
	return false
}
