package intake

// The private register (testdata/ACKS-CV-13.md). A private text (to a
// partner, a parent, a friend, a colleague) uses the words of trouble as a
// group report does, but it speaks to one person about the writer's own
// day: what happened yesterday, at work, on a trip, on television, in the
// family, with money. registerGroups name those kinds of words; with
// registerFeatures each kind found gives the linear models one feature
// ("rg:past", …), whose weight they learn from their rows like any other:
// no rule reads them. One feature for a kind pools its words, so that a
// word the rows never held (姑姑 where they held 奶奶) still counts.

// registerFeatures gives the linear models the private register's
// features. Off: the models are as before (the opt-in cross-validation of
// testdata/ACKS-CV-13.md turns it on).
var registerFeatures = false

// registerGroup is one kind of private-register word and its feature.
type registerGroup struct {
	feature string
	words   []string
}

// registerGroupCount is len(registerGroups) (a constant for the cue
// groups' numbering).
const registerGroupCount = 9

var registerGroups = [registerGroupCount]registerGroup{
	// a time already past: a story, not a present problem
	{"rg:past", []string{"昨天", "昨晚", "昨儿", "昨日", "前天", "前晚", "上周", "上星期", "上个月", "上次", "去年", "前年",
		"年前", "以前", "那时候", "那时", "那天", "那次", "当时", "后来", "结果是"}},
	// one person addressed (你, not 你们: a group's address to the office)
	{"rg:you", []string{"你", "妳"}},
	// the family, spoken to or of
	{"rg:kin", []string{"妈", "爸", "老公", "老婆", "媳妇", "亲爱的", "宝贝", "儿子", "闺女", "女儿", "奶奶", "爷爷", "姥姥", "姥爷",
		"外婆", "外公", "姑姑", "姨", "舅", "叔叔", "婶", "侄", "孙子", "孙女", "公公", "婆婆", "岳父", "丈母娘"}},
	// work and study
	{"rg:work", []string{"上班", "下班", "加班", "老板", "领导", "客户", "客人", "出差", "开会", "工资", "工钱", "工地", "店里",
		"厂里", "病人", "病房", "学生", "学员", "导师", "考试", "作业", "论文", "面试", "夜班", "值班", "订单", "仓库", "实验室"}},
	// the writer away from home: a trip, a shop, a station, a school
	{"rg:away", []string{"酒店", "宾馆", "民宿", "商场", "地铁", "高铁", "火车", "机场", "飞机", "航班", "景区", "饭店", "餐厅",
		"火锅", "学校", "寝室", "办公室", "办公楼", "路上"}},
	// a screen: films, series, games, books
	{"rg:media", []string{"剧", "电影", "片子", "游戏", "小说", "综艺", "直播", "主播", "动漫", "追剧"}},
	// plans, meetings, good nights
	{"rg:social", []string{"明天", "周末", "下周", "一起去", "吃饭", "回家", "到家", "早点睡", "晚安", "想你", "爱你", "拜拜",
		"么么", "抱抱", "见面"}},
	// money
	{"rg:money", []string{"钱", "转账", "红包", "房租", "还款", "贷款", "余额", "账单", "工资卡", "借我"}},
	// the writer's feelings
	{"rg:feel", []string{"心疼", "吓死", "吓我", "累死", "好累", "难受", "郁闷", "烦死", "哭了", "想哭", "心慌", "开心", "委屈",
		"无语", "崩溃"}},
}

// registerOf returns the register groups found in cues, bit i for
// registerGroups[i].
func registerOf(cues cueSet) uint16 {
	var r uint16
	for i := range registerGroups {
		if cues.has(cueRegister + cueGroup(i)) {
			r |= 1 << i
		}
	}
	return r
}
