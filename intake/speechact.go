package intake

import "strings"

// A report is a speech act: a present problem here, asked to be fixed or
// complained about. speechAct holds the cues that a message that mentions
// a problem is something else: a story about another place, an alarm
// called off, a question asking for information, an offer or small ad,
// lost and found, praise, a joke, or the writer's own private trouble.
type speechAct struct {
	retract     bool   // 没事了, 搞错了, 是我家的: an alarm called off
	elsewhere   bool   // 隔壁小区, 新闻里, 视频里, 老家: another place
	here        bool   // 咱们小区, 我们楼: this community
	question    bool   // 请问, 谁知道, 几点: asking for information
	offer       bool   // 出闲置, 免费送, 捡到, 寻狗启事, 私聊: offers, ads, lost and found
	praise      bool   // 点赞, 表扬, 辛苦了
	joke        bool   // 哈哈, 😂, 开玩笑
	personal    bool   // 我家电脑, 我手机, 我宿舍: the writer's private trouble
	ailment     bool   // 头疼, 感冒: the writer's health, a report only with danger
	ownNuisance bool   // 邻居们见谅: the writer apologises for their own noise
	serious     bool   // 我是认真的, 别不信, 不是开玩笑: the laughter is not a joke
	register    uint16 // the private register's groups found (register_cues.go)
	plea        bool   // 赶紧修, 快来人, 谁来管管: asked to be fixed now (pleaCue, off as shipped)
	content     int    // letters, digits and Han characters
}

var (
	retractCues = []string{"没事了", "虚惊", "搞错了", "看错了", "弄错了", "误会了", "误会", "是我家的", "是我家在", "是我家猫",
		"是我家狗", "是我家自己", "是我多虑", "撤回", "撤了", "不好意思发错", "发错群", "已经好了", "又好了", "已经恢复", "恢复了",
		"找到了", "人已经出来了", "已经出来了", "不用找", "不用麻烦", "不麻烦", "开个玩笑", "闹笑话", "是人家在", "不用来了", "没啥事", "一会就", "过一会", "不要紧", "已经关了", "味散了", "是演习", "演习的", "不是着火",
		"不是啥事", "不是什么事", "问题解决了", "已经解决"}
	elsewhereCues = []string{"隔壁小区", "别的小区", "其他小区", "外地", "新闻", "视频", "抖音", "快手", "朋友圈", "网上", "电视上", "电视里", "老家",
		"公司楼", "我们公司", "公司电梯", "单位", "我们厂", "公司地库", "公司车库", "公司停车", "学校宿舍", "宿舍", "同事", "我妈说她们", "她们小区", "他们小区", "她们那", "他们那", "表姐", "亲戚", "闺蜜", "朋友家", "我妹", "我姐", "我哥", "我弟", "姑妈", "舅舅家", "娘家", "同学家", "别人小区", "别人家", "以前住",
		"隔壁楼盘", "隔壁区", "城东", "村里", "听说", "看到个", "看了个", "刷到", "电影", "上海", "北京", "广州", "深圳", "南方", "北方", "国外", "外省", "纪录片", "电视剧", "小说里", "故事",
		"微博", "小红书", "b站", "央视", "报道", "某市", "某地", "科室",
		// the writer's past (年轻那会儿在厂里…): a story, not a present problem
		"年轻那会", "年轻时", "年轻的时候", "小时候", "想当年", "那个年代", "在农村的时候",
		// 那年: a year of the writer's past (我胃出血住院那年, 那年京广线大雪, 那年哈尔滨零下三十八度;
		// session 11, sms12: three dev messages by two writers, all chit-chat, no report)
		"那年", "那一年",
		// a dream
		"做梦", "梦见", "梦到"}
	// calmingCues calm the others (大家别慌, 别紧张): with a danger told in the
	// same message they are part of the alarm (大家别慌 楼道里有烟 先下楼),
	// without one they call it off.
	calmingCues  = []string{"别紧张", "别慌", "不要慌", "不用慌", "没事没事"}
	ailmentCues  = []string{"头疼", "头痛", "肚子疼", "感冒", "发烧", "牙痛", "腰疼", "失眠"}
	hereCues     = []string{"咱们小区", "我们小区", "咱小区", "咱们楼", "我们楼", "咱们这", "我们这栋", "我们单元", "咱们单元", "我们这边", "本小区"}
	questionCues = []string{"谁知道", "有人知道", "有谁知道", "打听", "冒昧问", "哪里可以", "去哪里", "是多少", "哪个群", "有活动吗", "怎么用", "哪里能", "哪家", "几路车",
		"几点", "什么时候开始", "怎么办理", "在哪办", "在哪交", "多少钱", "要什么手续", "带什么", "有没有推荐", "推荐个", "推荐一下", "好奇问", "要带啥", "要带什么", "开不开", "还开吗", "几点开门"}
	offerCues = []string{"出闲置", "闲置", "免费送", "送给", "谁要", "要的私", "私聊", "私我", "可以借", "来借", "自取", "自提", "团购",
		"拼单", "拼团", "接龙", "转让", "出租", "出售", "低价", "有需要的", "有需要可以", "可以帮", "有人需要", "小食堂", "小饭桌", "顺路", "能带", "价格实惠", "八折",
		"捡到", "捡了", "认领", "谁想要", "谁想尝", "尝尝", "用不上了", "用不着了", "需要的邻居", "哪个邻居需要", "谁需要", "寻狗", "寻猫", "启事", "必有重谢", "谁丢了", "谁家丢了", "落在", "领养", "家教", "家政", "搬家公司"}
	praiseCues = []string{"感谢信", "表扬信", "表示感谢", "表示衷心", "特此致谢", "特此表扬", "万分感谢", "点赞", "点个赞", "表扬", "辛苦了", "人真好", "真漂亮", "真贴心", "好方便", "用心了", "放心多了",
		"亮堂多了", "比隔壁强", "锃亮", "帮了大忙", "真到位", "服务到位", "大大的赞", "太感谢", "美翻", "方便了", "方便多了",
		// congratulations
		"恭喜", "祝贺", "喜得"}
	jokeCues = []string{"哈哈", "开玩笑", "笑死", "被窝", "工位", "心态", "画大饼", "我的心"}
	// personalCues name the writer's own things or places off the estate.
	personalCues = []string{"我家电脑", "我电脑", "我手机", "我的手机", "手机屏", "wifi", "宽带", "我牙", "牙疼", "车胎",
		"我宿舍", "闺女学校", "孩子学校", "打呼噜", "钥匙断", "我老公", "我的头发", "我的脑子", "减肥",
		"体重", "我家娃的", "孩子的房间", "娃的房间", "我的房间",
		"我家电视", "我的电脑", "笔记本", "我家热水器", "我家冰箱", "我车胎", "我车的", "我的车钥匙", "电动车钥匙", "路由器", "我家的锅", "充电宝", "遥控器", "我家网", "客服电话", "运营商"}
	// ownNuisanceCues: the writer apologises in advance for their own noise or
	// works (装修下周开始 邻居们见谅): an announcement of their own, not a complaint.
	ownNuisanceCues = []string{"见谅", "多包涵", "请包涵", "大家包涵", "多多包涵"}
	// seriousCues say the writer means it (哈哈 你们别笑 我是认真的 车库里真有条蛇).
	seriousCues = []string{"认真的", "别不信", "不是开玩笑", "没开玩笑", "说真的", "别笑"}
)

// readSpeechAct finds the cues in normalised text.
func readSpeechAct(norm string) speechAct { return speechActOf(norm, scanCues(norm)) }

func speechActOf(norm string, cues cueSet) speechAct {
	return speechAct{
		retract:     cues.has(cueRetract) && !stillThere(norm, cues) || ownsUp(norm) || calming(norm, cues) && (!dangerNow(cues) || endsFine(norm)),
		elsewhere:   cues.has(cueElsewhere),
		here:        cues.has(cueHere),
		question:    cues.has(cueQuestion),
		offer:       cues.has(cueOffer),
		praise:      cues.has(cuePraise),
		joke:        cues.has(cueJoke),
		personal:    cues.has(cuePersonal),
		ailment:     cues.has(cueAilment),
		ownNuisance: containsAny(norm, ownNuisanceCues),
		serious:     containsAny(norm, seriousCues),
		register:    registerOf(cues),
		plea:        pleaCue && pleading(norm),
		content:     contentRunes(norm),
	}
}

// laughing reports emoji and emoticons of laughter in the raw text (Normalize
// removes them); a facepalm [捂脸] is as often a complaint and is not one.
func laughing(text string) bool {
	for _, w := range []string{"😂", "🤣", "😆", "😄", "😁", "😹", "[笑哭]", "[破涕为笑]", "[偷笑]", "[呲牙]", "[坏笑]"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// features are the cue names given to the linear models ("sa:…").
func (a speechAct) features(fn func(f []byte)) {
	for _, c := range []struct {
		on   bool
		name string
	}{{a.retract, "sa:retract"}, {a.elsewhere && !a.here, "sa:elsewhere"}, {a.here, "sa:here"}, {a.question, "sa:question"},
		{a.offer, "sa:offer"}, {a.praise, "sa:praise"}, {a.joke, "sa:joke"}, {a.personal || a.ailment, "sa:personal"},
		{a.content <= 3, "sa:empty"}, {a.plea, "sa:plea"}} {
		if c.on {
			fn([]byte(c.name))
		}
	}
	if registerFeatures {
		for i, g := range registerGroups {
			if a.register&(1<<i) != 0 {
				fn([]byte(g.feature))
			}
		}
	}
}

// minContent is the number of letters, digits and Han characters below
// which a message is never a report (。。。, 到底, 吵, 坏了).
const minContent = 4

// shortContent is the length up to which a report is never acknowledged in
// public on its own (电梯坏了 waits for review; #报事 still works).
const shortContent = 4

// vetoes returns the speech-act rules that make the message no report
// (judge makes some of them factors: veto.go's softRules). danger is an
// unhedged danger.
func (a speechAct) vetoes(danger bool) veto {
	return vetoIf(a.content < minContent, vetoEmpty) |
		vetoIf(a.retract, vetoRetract) |
		vetoIf(a.elsewhere && !a.here, vetoElsewhere) |
		vetoIf(a.personal && !a.here, vetoPersonal) |
		vetoIf(a.ailment && !a.here && !danger, vetoAilment) |
		vetoIf(a.offer, vetoOffer) |
		vetoIf(a.ownNuisance && !danger, vetoOwnNuisance)
}

// factor is how much the speech-act cues lower a possible report's
// confidence (≤ 1): a message of up to short characters is lowered, and
// under an unhedged danger a question, praise or a joke lowers nothing.
func (a speechAct) factor(danger bool, short int) float64 {
	factor := 1.0
	if a.content <= short {
		factor *= 0.6
	}
	if !danger {
		if a.question {
			factor *= 0.6
		}
		if a.praise {
			factor *= 0.5
		}
		if a.joke && !a.serious {
			factor *= 0.6
		}
	}
	return factor
}

// contentRunes counts letters, digits and Han characters.
func contentRunes(s string) int { return countContent(s, -1) }

// Retracts reports whether a chat message takes its writer's report back
// (没事了, 是我搞错了, 虚惊一场…; RetractionOf): said by a reporter within
// minutes of their report, it withdraws it.
func Retracts(text string) bool { return RetractionOf(text) != NotRetracted }

// ownsUp reports an apology together with the writer owning the cause (抱歉
// … 是我家炖肉糊锅了, 对不起 是我自己按的): the alarm is called off.
func ownsUp(norm string) bool {
	return containsAny(firstRunes(norm, 6), []string{"抱歉", "对不起", "不好意思", "sorry"}) &&
		containsAny(norm, []string{"是我家", "是我自己", "是我们家", "是我不小心", "是我弄", "是我按"})
}

// calming reports words that calm the others (大家别慌, 没事没事, a message
// opening with 没事 or ending with a reassurance: endsReassured).
func calming(norm string, cues cueSet) bool {
	return cues.has(cueCalming) || strings.HasPrefix(norm, "没事") || endsReassured(norm)
}

// reassurances are the last words of a message that tells the reader not
// to worry (…没事, …没骨折，放心, …别担心).
var reassurances = []string{"没事", "放心", "别担心", "不用担心", "勿念"}

// endsReassured reports a message whose last words are a reassurance, but
// not a worry (我不放心, 真不放心).
func endsReassured(norm string) bool {
	for _, w := range reassurances {
		if rest, ok := strings.CutSuffix(norm, w); ok && !strings.HasSuffix(rest, "不") {
			return true
		}
	}
	return false
}

// hazardWords name a danger that goes on whoever is safe (着火了 我们全家跑出来了
// 没事; 燃气泄漏 邻居都撤出来了 放心): a reassurance at the end speaks of the
// people, not of the fire.
var hazardWords = []string{"着火", "起火", "失火", "火灾", "冒烟", "烟", "燃气", "煤气", "天然气", "液化气", "泄漏", "漏气",
	"漏电", "火花", "电线", "塌"}

// endsFine reports a message whose last words are a reassurance
// (刚才看见他在楼下下棋, 没事; 阿婆跌倒了 去卫生院拍片 没骨折 放心): what it told
// before is called off, danger or not. In the dev files and the training
// corpus (session 11) 48 messages end with 没事 and 28 with 放心, 别担心,
// 不用担心 or 勿念, all chit-chat. 暂时没事, 目前没事, 还没事 say only that
// nothing has happened yet.
func endsFine(norm string) bool {
	if !endsReassured(norm) || containsAny(norm, hazardWords) {
		return false
	}
	rest, _ := strings.CutSuffix(norm, "没事")
	return !suffixAny(rest, notYetWords)
}

// notYetWords before a closing 没事 say only that nothing has happened yet
// (暂时没事, 还没事).
var notYetWords = []string{"暂时", "目前", "还", "现在"}

// stillWords say that what was done did not end it (我已经关了阀门了 还是有味).
var stillWords = []string{"还是有", "还有味", "还是漏", "还是响", "还是冒", "还在冒", "还在漏", "还在响", "还在烧"}

// stillThere reports a danger that goes on after what would call it off:
// 已经关了 … 还是有味 is an alarm, not a retraction.
func stillThere(norm string, cues cueSet) bool {
	return dangerNow(cues) && containsAny(norm, stillWords)
}

// dangerNow reports a danger told as present (not news, a drill, relief).
// It does not read the settled cues (cueSet.calmFrame): the speech-act
// features stay those the model learnt.
func dangerNow(cues cueSet) bool {
	danger, _ := urgencyOf(cues)
	return danger && !cues.calmFrame()
}
