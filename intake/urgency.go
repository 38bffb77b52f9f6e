package intake

import "strings"

// dangerWords mark a report as urgent on their own: fire, flooding, people
// trapped or hurt, live electricity, collapse, crime in progress.
var dangerWords = []string{
	"着火", "起火", "失火", "冒烟", "火灾", "烧起来", "火苗", "冒火", "火花", "烧焦", "焦糊味", "糊味",
	"漏水严重", "水漫", "水淹", "被淹", "往下灌", "哗哗流", "哗哗往外", "往外喷",
	"困人", "被困", "困在", "关在电梯", "卡在电梯", "电梯里出不来",
	"摔倒", "摔了一跤", "晕倒", "昏倒", "倒在地上", "救护车", "打120", "流血", "砸伤", "砸到人", "砸到孩子",
	"触电", "漏电", "电线裸露", "坍塌", "塌了", "坠落", "掉到",
	"持刀", "拿着刀", "拿着棍", "打起来了", "动手了", "翻进", "撬门", "入室", "快报警", "孩子丢了", "孩子走丢",
	"燃气泄漏", "煤气泄漏", "漏气", "没暖气", "停暖",
	// everyday words for the same dangers (issue 10)
	"随时要倒", "要倒了", "快倒了", "要塌", "摇摇欲坠", "要掉下来", "掉下来", "往下掉", "砸下来", "砸到", "砸坏", "砸伤",
	"晃得厉害", "往外鼓", "大缝", "锈断", "头破", "划了一道", "划破", "夹住", "夹到", "咬了", "咬伤", "被咬", "出血", "好多血",
	"救命", "有人倒了", "倒在", "晕过去", "晕了", "起不来", "摔了", "摔下去", "没见人", "没见他", "没见她", "没出门",
	"好几天没见", "两天没见", "敲门也不应", "敲门没人应", "敲门不应", "电话也不接", "电话一直不接", "不接电话",
	"黑烟", "烟好大", "烟很大", "全是烟", "都是烟", "火星", "噼里啪啦", "啪啪", "焦味", "胶皮", "烧塑料", "烧焦",
	"汽油味", "煤气味", "燃气味", "天然气味", "漏油",
	"淹了", "淹到", "进水了", "往里灌", "没过", "往下流", "漏到楼下", "漏水到楼下", "哗哗", "喷水", "滋滋响",
	"没盖", "黑洞", "井盖没了", "井盖被", "井盖丢", "窨井", "一滴水都没有", "没水吃药", "冻得受不了", "冻病", "零下",
	"走丢", "找不到家长", "躺着不动", "不动了", "没看到她", "没看到他", "手夹", "夹了", "卡着", "压到", "嘴唇发紫", "抽搐", "掉进去", "掉进", "陷进去", "出不来", "刮下来", "砸在", "压在", "线都露", "线露出来", "制氧机", "呼吸机", "被烫", "烫伤", "膝盖", "扑倒", "抓破", "没下楼", "没人开", "拖在地上", "吊在", "想不开", "跳楼", "坐在边上", "站在边上", "要跳", "轻生", "追人", "酒瓶", "拿着刀", "拿刀", "太危险", "往上走", "冲顶", "下滑", "边上坐",
}

// dangerPairs are urgent when both parts occur: an object and what is
// happening to it (煤气…味, 水管…爆, 暖气…不热, 电梯…困).
var dangerPairs = []struct{ objects, states []string }{
	{[]string{"煤气", "燃气", "天然气"}, []string{"味", "泄漏", "漏了", "走字"}},
	{[]string{"水管", "管子", "热水管", "暖气管", "管道", "阀门"}, []string{"爆", "破了", "裂了", "喷", "漏水严重"}},
	{[]string{"暖气"}, []string{"不热", "冰凉", "没温度", "没有温度", "一点温度", "不暖", "冰的", "凉的", "冻"}},
	{[]string{"电梯"}, []string{"困", "关在", "出不来", "掉到", "一下掉", "卡在", "卡住", "里面有人", "没关"}},
	{[]string{"栏杆", "护栏", "灯杆", "电线杆", "单杠", "树", "架", "外机", "铁皮", "围墙", "围网", "广告牌", "招牌", "杆子", "扶手", "秋千", "雨棚", "底座", "玻璃", "太阳能", "瓦片", "铁条"},
		[]string{"歪", "斜", "晃", "松了", "要倒", "快断", "要断", "断了", "倒了", "掉", "锈穿", "嘎吱", "掀起", "哐哐", "裂开", "撞"}},
	{[]string{"老人", "奶奶", "爷爷", "大爷", "阿姨", "老爷子", "老太太", "一个人住", "独居"},
		[]string{"没见", "没看到", "不应", "不接", "打不通", "怪味", "没出门", "没开门", "堆在门口", "摔", "晕", "倒", "哭"}},
	{[]string{"电", "灯", "插座", "配电", "电表", "开关"}, []string{"漏水", "滴水", "往下滴", "进水", "泡了", "漫到", "淹", "湿了", "全是水", "往下淌"}},
	{[]string{"烟"}, []string{"冒", "好多", "浓", "呛人", "呛得", "滚滚"}},
	{[]string{"液化气", "气罐", "煤气罐"}, []string{"味", "漏", "滋滋"}},
	{[]string{"积水", "水"}, []string{"越来越深", "开不出去", "没过膝盖", "齐腰"}},
	{[]string{"电梯"}, []string{"在里面", "停在半", "卡半", "人在里"}},
	{[]string{"栅栏", "护栏", "围栏", "围墙", "墙", "门"}, []string{"倒了", "塌了", "要倒"}},
	{[]string{"配电箱", "电箱", "电表", "电线", "插座", "电闸"}, []string{"响", "火", "冒烟", "糊", "焦", "烫", "掉下来", "耷拉", "断", "拖在"}},
	{[]string{"井盖", "井口", "下水井", "窨井"}, []string{"没了", "丢", "翻", "开着", "冲开", "掀开", "没盖", "洞", "黑咕隆咚"}},
	{[]string{"暖气", "没水", "停水"}, []string{"零下", "下雪", "冻"}},
}

// calmContext marks danger words that are not a report: news, drills,
// hypotheticals, the past and other communities.
var calmContext = []string{
	"新闻", "别的小区", "其他小区", "隔壁小区", "演练", "演习", "电视上", "电影", "视频", "抖音", "听说",
	"万一", "如果", "幸好", "还好", "也不怕", "注意安全", "提醒大家", "科普", "修好了", "已经修好", "解决了", "去年", "以前", "后来", "怎么自救", "隐患", "风险", "以防", "防火",
}

// negations before a danger word cancel it (没砸到人, 差点起火 is still a
// hazard but nobody is in danger right now).
var negations = []string{"没", "没有", "不会", "未", "防止"}

// detectUrgency reports whether the normalised text mentions danger, and
// whether it does so in a calm context (news, drills, hypotheticals).
func detectUrgency(norm string) (danger, calm bool) { return urgencyOf(scanCues(norm)) }

func urgencyOf(cues cueSet) (danger, calm bool) {
	danger = cues.has(cueDanger)
	for i := range dangerPairs {
		if cues.has(cuePairBase+cueGroup(2*i)) && cues.has(cuePairBase+cueGroup(2*i+1)) {
			danger = true
		}
	}
	return danger, danger && cues.has(cueCalm)
}

func negated(before string) bool {
	for _, n := range negations {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}
