package intake

import (
	"strings"
	"unicode/utf8"
)

// structure holds what the shape of a sentence says about its speech act,
// beyond single cue words: whose place or thing it is about, whether the
// problem is over, hypothetical, announced in advance, a simile, or a
// request for a neighbour's help with one's own thing. These are gates
// only (not model features), so the trained model needs no new inputs.
type structure struct {
	thirdParty bool // 我老丈人那边, 我闺女她们学校, 朋友家小区: someone else's place
	private    bool // 孩子平板, 我的车, 我家冰箱: a private thing, not the building's
	body       bool // 腰疼得, 膝盖疼: the writer's body
	other      bool // 老人, 有人, 大爷: a third person who may be in danger
	resolved   bool // 修好了, 清走了, 换新的了 (not 没修好, not 又坏了)
	hypothesis bool // 如果, 要是, 万一, 假如 opening the message
	notice     bool // 通知, 温馨提示, 明天…停水: an announcement
	// forwarded: 转发, 转自…: someone else's words, a report only when it
	// names a numbered place here (转自业主群: 5号楼的消防门被锁了).
	forwarded bool
	// header: the message opens with a sender tag in 【】 (【XX银行】, 【丰巢】,
	// 【消防】…): a service or mass text signed by an organisation, not a
	// resident's report, even when it names a danger (请勿飞线充电); 【报修】
	// and 【紧急…】 head a resident's report and are not one.
	header     bool
	seeking    bool // 谁有, 谁会, 有认识…师傅, 哪有…的: asks neighbours for help
	simile     bool // 像…一样, 跟…似的, 就是个: a figure of speech
	facility   bool // the building's or estate's things: 楼道, 电梯, 水管, 物业…
	advert     bool // 卖…, 收购…, 联系我, 谁家钥匙掉了, 小狗走丢了: an ad or lost and found
	infoAsk    bool // 请问…在哪里 with nothing wrong named: a question for information
	improved   bool // 新铺了…也不怕, 翻新了…真舒服: praise of something new
	vulnerable bool // 小孩, 老人: someone whose going missing is an emergency
	// petition: an authority asked to act on a problem (恳请…尽快处理, 望有关部门予以解决)
	petition bool
	resident bool // 我是…的住户: the writer lives here (formal.go)
	outage   bool // 我家没电了 邻居家有电吗: the home's supply, asked against the neighbours'
}

// Words of the structural rules. They name classes (kin, private things,
// body parts, shared facilities), not phrasings of particular messages.
var (
	// kinWords are people whose places are not this estate unless the
	// message names a building here.
	kinWords = []string{"老丈人", "丈母娘", "岳父", "岳母", "婆婆", "公公", "姥姥", "姥爷", "外婆", "外公", "爸妈", "父母",
		"我妈", "我爸", "姑", "姨", "舅", "叔叔", "伯伯", "大伯", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹",
		"我哥", "我姐", "我弟", "我妹", "闺女", "女儿", "儿子", "同学", "朋友", "同事", "亲戚", "老乡", "网友", "老同学", "前同事"}
	// gameWords are a video game's (这把开局就被人偷家了 水晶都炸了; dev-s18b): its
	// thefts and fires are the writer's own affair (structure.game).
	gameWords = []string{"开局", "偷家", "水晶", "上分", "排位", "队友", "团战", "五杀", "吃鸡", "开黑", "这局", "毒圈", "决赛圈"}
	// placeDeixis after a person makes the place theirs.
	placeDeixis = []string{"那边", "那儿", "那里", "那块", "家", "的小区", "小区", "们那", "们楼", "们小区", "们单位", "们学校",
		"们公司", "们村", "村", "单位", "公司", "学校", "宿舍", "住的", "租的", "那个小区", "那个楼", "那栋", "楼里"}
	// privateThings belong to a household, not to the building.
	privateThings = []string{"手机", "平板", "电脑", "笔记本", "充电器", "耳机", "电视", "冰箱", "洗衣机", "微波炉", "电饭锅",
		"热水器", "油烟机", "燃气灶", "煤气灶", "天然气灶", "遥控", "游泳圈", "气球", "打印机", "相机", "手表", "路由器", "wifi", "网络", "宽带", "信号",
		"车胎", "电瓶", "轮胎", "车钥匙", "钥匙", "钱包", "我的车", "我车", "自行车链", "眼镜", "玩具", "游戏", "账号",
		"我家猫", "我家狗", "我家的猫", "我家的狗", "我家娃", "我家孩子", "熊孩子",
		"热水壶", "水壶", "牙刷", "吹风机", "风扇", "加湿器", "净水器", "马桶圈", "台灯", "烤箱", "空调遥控",
		// session 10 (dev-own6): small appliances and devices of one's own
		"电热毯", "暖手宝", "电暖器", "小太阳", "电热水壶", "扫地机", "血压计", "助听器", "老人机", "电话手表", "儿童手表", "喷壶",
		// one's own line (我家的网又断了)
		"我家的网", "家里的网", "家里网"}
	// crimeWords make a private thing's loss a report (充电器被人剪了线偷走了).
	crimeWords = []string{"被人", "偷", "盗", "撬", "抢", "挡", "堵", "占", "划", "撞", "咬", "砸", "剪", "吓", "把我家"}
	// bodyParts with pain words are the writer's health.
	bodyParts = []string{"腰", "腿", "膝盖", "牙", "胃", "肚子", "嗓子", "眼睛", "颈椎", "肩", "脖子", "脚", "手腕", "关节", "血压", "心脏"}
	painWords = []string{"疼", "痛", "酸", "肿", "不舒服", "难受", "发炎"}
	// vulnerablePeople going missing is an emergency, not lost and found.
	vulnerablePeople = []string{"老人", "老爷子", "老太太", "大爷", "大妈", "奶奶", "爷爷", "小孩", "孩子", "病人", "痴呆"}
	// otherPeople may be in danger; their trouble is a report.
	otherPeople = []string{"老人", "老爷子", "老太太", "大爷", "大妈", "奶奶", "爷爷", "阿姨", "有人", "小孩", "孩子们", "独居", "病人", "一个人住",
		// session 11 (miss11): the other names of an old neighbour the danger
		// rules know (urgency.go: 大娘, 老太, 阿婆, 阿伯, 阿公, 阿嬷, 阿爷, 阿爹)
		"大娘", "老太", "阿婆", "阿伯", "老两口", "阿公", "阿嬷", "阿爷", "阿爹"}
	// resolvedWords: a verb with a completion complement; the problem is over.
	resolvedWords = []string{"修好了", "弄好了", "搞好了", "换好了", "装好了", "处理好了", "处理完了", "解决了", "恢复了", "清走了",
		"清掉了", "清理干净了", "拉走了", "撕了", "换新的了", "换了新的", "修完了", "来电了", "来水了",
		// a person found or let out: the alarm is over (the learnt urgency signal
		// reads 老人…找 as danger whatever the verb)
		"找着了", "找到了", "接走了", "放出来了", "救出来了",
		// session 9 (dev-s14u): the office's own account of a case closed
		"处理完毕", "妥善处置", "已妥善"}
	// relapseWords after a resolved verb bring the problem back.
	relapseWords = []string{"又", "还是", "没几天", "不到", "结果", "但是", "可是", "怎么"}
	// unresolved markers before a resolved verb negate it (还没修好了).
	unresolvedBefore = []string{"没", "没有", "还没", "不", "没能", "没给", "谁"}
	hypothesisWords  = []string{"如果", "要是", "万一", "假如", "假设", "假使", "一旦", "以后要"}
	// noticeOpeners start an announcement; noticeWords are one anywhere.
	noticeOpeners = []string{"通知", "提醒", "温馨提示", "公告", "告知", "物业通知", "社区通知", "重要通知", "【"}
	// forwardOpeners start a forwarded message (转发, 转自业主群:…).
	forwardOpeners = []string{"转:", "转发", "转自", "转一下", "转个", "转载"}
	// spreadWords ask the reader to pass a chain message on (紧急扩散, 转给身边…).
	spreadWords = []string{"扩散", "转给身边", "转发给", "转给大家"}
	// reportOpeners head a report the way a notice is headed (【报修】…).
	reportOpeners = []string{"【报修", "【投诉", "【反映", "【求助", "【紧急求助", "【报事"}
	noticeWords   = []string{"物业通知", "社区通知", "温馨提示", "特此", "请大家提前", "提前接", "提前储", "提醒大家", "提醒一下", "敬请"}
	// scheduled work announced for a future time (明天…停水检修).
	futureWords    = []string{"明天", "后天", "下周", "本周", "这周", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "将于", "届时", "月份"}
	scheduledWords = []string{"停水", "停电", "停气", "检修", "演练", "演习", "施工", "消杀", "打药", "维护", "升级"}
	// noticeNegated: a complaint about a missing notice (也不通知).
	noticeNegated = []string{"不通知", "没通知", "没有通知", "不提前", "没提前", "不告知", "没告知", "通知都没"}
	seekingWords  = []string{"谁有", "谁会", "谁懂", "有认识", "认识的师傅", "哪有", "哪儿有", "哪里有", "求推荐", "推荐", "有没有靠谱", "有靠谱", "谁家有", "借个", "借一下", "有没有师傅", "有没有人会"}
	simileOpeners = []string{"像", "跟", "和", "好像", "就像", "比"}
	simileClosers = []string{"一样", "似的", "一般", "还"}
	simileWords   = []string{"就是个", "简直是", "简直就是", "堪比", "好比"}
	// facilityWords are shared: a message about them is about the building.
	facilityWords = []string{"楼道", "电梯", "水管", "停水", "停电", "没水", "没电", "暖气", "燃气", "煤气", "天然气", "楼上", "楼下",
		"墙", "天花板", "屋顶", "楼顶", "物业", "小区", "垃圾", "路灯", "门禁", "车位", "车库", "地库", "单元", "楼梯", "下水", "化粪池",
		"井盖", "绿化", "树", "保安", "消防", "社区", "停车", "监控", "摄像头", "充电桩", "车棚", "快递柜", "广场", "邻居", "隔壁", "对门", "噪音", "吵"}
)

// noveltyWords say something was made new; goodWords say it is good.
var (
	noveltyWords = []string{"新铺", "新装", "新换", "新修", "新建", "新开", "新刷", "翻新", "换了新", "装了新", "新添"}
	goodWords    = []string{"不怕", "方便", "舒服", "好用", "漂亮", "可欢", "真亮", "亮堂", "给力", "太好", "真好", "喜欢", "干净"}
)

// Ads and lost and found: an ad opens with its verb; lost and found asks
// to be contacted, or says whose thing was found or which pet is lost.
var (
	advertOpeners = []string{"卖", "收购", "求购", "求租", "转让", "招聘", "招租", "代取", "代购", "代收", "回收", "上门回收", "便宜出", "低价出", "有人丢了", "谁丢了"}
	// inviteWords invite neighbours to something.
	inviteWords  = []string{"有兴趣的", "感兴趣的", "组队", "约起来", "有没有一起", "有一起", "报名的", "想组织", "一起报名"}
	contactWords = []string{"联系我", "看到的联系", "请联系", "电话联系", "私信我", "加我微信", "见到的联系", "有看到的", "看到请"}
	petWords     = []string{"狗", "猫", "比熊", "泰迪", "柯基", "宠物", "鹦鹉", "兔子"}
	lostWords    = []string{"走丢", "丢了", "跑丢", "不见了", "跑出去了", "找不到了"}
	whoseWords   = []string{"谁家的", "谁家", "谁的"}
	droppedWords = []string{"掉了", "丢了", "落在", "忘在", "落下"}
	// askOpeners open a question; interrogatives ask for a fact.
	askOpeners = []string{"请问", "问一下", "问下", "想问", "请教", "打听", "咨询一下", "有谁知道", "谁知道", "有人知道",
		// a hotline's work order of the kind "question" (来电人咨询：…是多久)
		"来电咨询", "来电人咨询", "市民来电咨询", "市民咨询"}
	interrogative = []string{"在哪", "哪里", "哪儿", "哪个", "哪家", "多少", "几点", "几号", "几个小时", "几小时", "几路", "几楼", "几岁", "几块", "几元", "几毛", "多久", "多长", "什么时候", "是不是", "还是", "怎么", "吗", "呢", "?",
		// the formal register's (应如何申请, 是否需要)
		"如何", "是否"}
	// wrongWords name something wrong; a question without them asks for a fact.
	wrongWords = []string{"坏", "漏", "堵", "没", "不", "吵", "臭", "脏", "乱", "破", "断", "掉", "裂", "塌", "歪", "晃", "松", "满",
		"淹", "冒", "丢", "偷", "占", "挡", "违", "差", "慢", "贵", "危险", "烦", "投诉", "反映", "管", "处理", "修", "清", "停", "困",
		"卡", "倒", "摔", "伤", "急", "噪", "垃圾", "屎", "冷", "积水", "老是", "一直", "天天", "总是", "又",
		"被", "砍", "拿走", "跳闸", "骗", "喧哗", "过期", "吓", "解决", "协调", "帮忙", "申请", "能不能", "能否", "麻烦", "总被"}
)

// advertises reports an ad or a lost-and-found notice.
func advertises(norm string, g structSet) bool {
	if prefixAny(norm, advertOpeners) || g.has(sContact) {
		return true
	}
	if g.has(sPet) && !g.has(sOther) && pairWithin(norm, petWords, lostWords, 4) {
		return true
	}
	if g.has(sInvite) {
		return true
	}
	return g.has(sWhose) && pairWithin(norm, whoseWords, droppedWords, 6)
}

// diagnosesOwnThing: the writer asks whether their own thing is broken
// (我家的…是不是坏了).
func diagnosesOwnThing(norm string) bool {
	return prefixAny(norm, []string{"我家", "我的", "家里"}) && containsAny(norm, []string{"是不是坏", "是不是该换", "是不是该修", "坏了吗"})
}

// asksForInformation reports a question (an opener and an interrogative)
// that names nothing wrong: 请问社区的老年食堂在哪里.
func asksForInformation(norm string, g structSet) bool {
	if !prefixAny(norm, askOpeners) || !g.has(sInterrogative) && !containsAny(norm, aNotA) {
		return false
	}
	if !g.has(sWrong) {
		return true
	}
	// a question for a number to call (请问投诉物业要打哪个电话) asks how to
	// complain, not what is wrong: its complaint words (投诉, 处理) name no
	// problem; a problem named with it (电梯坏了打哪个电话) still does
	if containsAny(norm, phoneAskWords) {
		rest := norm
		for _, w := range complaintMetaWords {
			rest = strings.ReplaceAll(rest, w, "")
		}
		return !containsAny(rest, wrongWords)
	}
	// an A-not-A question (有没有, 能不能, 是不是 …) asks; its 没 or 不 names
	// nothing wrong (请问附近有没有打印店, 问下小区里能不能养狗)
	if !containsAny(norm, aNotA) {
		return false
	}
	for _, q := range aNotA {
		norm = strings.ReplaceAll(norm, q, "")
	}
	return !containsAny(norm, wrongWords)
}

// phoneAskWords ask for a telephone number.
var phoneAskWords = []string{"哪个电话", "什么电话", "电话多少", "电话是多少", "电话号码", "哪个号码", "什么号码"}

// complaintMetaWords speak of complaining itself, not of a problem.
var complaintMetaWords = []string{"投诉", "反映", "举报", "报修", "处理", "解决", "请求", "帮忙", "协调"}

// aNotA are the A-not-A forms of a yes-no question.
var aNotA = []string{"有没有", "是不是", "能不能", "可不可以", "要不要", "会不会", "用不用", "需不需要", "让不让", "允不允许", "行不行", "对不对", "好不好", "是否"}

// structureOf reads the structure of normalised text.
func structureOf(norm string) structure {
	g := scanStructure(norm)
	return structure{
		thirdParty: g.has(sKin) && thirdPartyPlace(norm),
		private:    (g.has(sPrivate) || diagnosesOwnThing(norm) || g.has(sRanOut)) && !g.has(sCrime) || g.has(sGame),
		body:       g.has(sBody) && pairWithin(norm, bodyParts, painWords, 3) || g.has(sBite),
		other:      g.has(sOther),
		resolved:   g.has(sResolved) && resolvedProblem(norm),
		hypothesis: containsAny(firstRunes(afterAsk(norm), 4), hypothesisWords),
		notice:     announces(norm, g) || formalNotice(norm),
		forwarded:  prefixAny(norm, forwardOpeners) || containsAny(norm, spreadWords),
		header:     strings.HasPrefix(norm, "【") && !prefixAny(norm, reportOpeners) && !strings.HasPrefix(norm, "【紧急"),
		seeking:    g.has(sSeeking),
		simile:     g.has(sSimile) && simileFrame(norm),
		facility:   g.has(sFacility),
		advert:     advertises(norm, g) || lostOwnThing(norm, g),
		infoAsk:    asksForInformation(norm, g),
		improved:   g.has(sNovelty) && g.has(sGood),
		vulnerable: g.has(sVulnerable),
		petition:   petitions(norm),
		resident:   residentWrites(norm),
		outage:     householdOutage(norm, g),
	}
}

// thirdPartyPlace finds a person word followed closely by a place word
// (我老丈人那边的小区, 我闺女她们学校宿舍, 朋友家).
func thirdPartyPlace(norm string) bool {
	for _, k := range kinWords {
		for from := 0; ; {
			i := strings.Index(norm[from:], k)
			if i < 0 {
				break
			}
			after := norm[from+i+len(k):]
			if k == "朋友" && strings.HasSuffix(norm[:from+i], "小") {
				from += i + len(k)
				continue // 小朋友在小区游泳池 is a child here, not a friend's place
			}
			// allow a pronoun or 的 between the person and the place
			for range 3 {
				for _, skip := range []string{"她们", "他们", "的", "住", "在"} {
					after = strings.TrimPrefix(after, skip)
				}
			}
			if prefixAny(after, placeDeixis) || awayNamedPlace(norm[from+i+len(k):]) {
				return true
			}
			from += i + len(k)
		}
	}
	return false
}

// awayNamedPlace reports what follows a relative's name as their place
// named far off: (妈)在乌鲁木齐那个小区, 住在杭州那边 — a kinship suffix, 在 or
// 住在, up to six runes of a place name, and 那个小区, 那边 … (dev-s18b).
func awayNamedPlace(after string) bool {
	after = strings.TrimPrefix(strings.TrimPrefix(after, "妈"), "夫")
	rest, ok := strings.CutPrefix(after, "在")
	if !ok {
		if rest, ok = strings.CutPrefix(after, "住在"); !ok {
			return false
		}
	}
	for n, i := 0, 0; n <= 6 && i < len(rest); n++ {
		if prefixAny(rest[i:], farDeixis) {
			return n > 0
		}
		_, size := utf8.DecodeRuneInString(rest[i:])
		i += size
	}
	return false
}

// farDeixis point to a place named just before (乌鲁木齐那个小区).
var farDeixis = []string{"那个小区", "那小区", "那边", "那里", "那儿", "那栋", "那个楼"}

// resolvedProblem: a completion verb not negated before and not followed by
// a relapse.
func resolvedProblem(norm string) bool {
	for _, w := range resolvedWords {
		i := strings.Index(norm, w)
		if i < 0 {
			continue
		}
		before, after := norm[:i], norm[i+len(w):]
		if suffixAny(before, unresolvedBefore) || strings.HasSuffix(before, "修") {
			continue
		}
		if containsAny(after, relapseWords) || containsAny(after, []string{"坏", "不亮", "漏", "没"}) {
			continue
		}
		return true
	}
	return false
}

// announces reports an announcement: a notice opener, a notice phrase, or
// scheduled work at a future time, unless it complains that no notice came
// (停水也不通知).
func announces(norm string, g structSet) bool {
	if g.has(sNoticeNegated) {
		return false
	}
	body := norm
	for _, p := range []string{"@", "各位", "大家", "邻居们", "亲们"} {
		if strings.HasPrefix(body, p) {
			if p == "@" {
				if i := strings.IndexAny(body, " :："); i > 0 {
					body = body[i+1:]
				}
				continue
			}
			body = strings.TrimLeft(body[len(p):], " ,，:：")
		}
	}
	if prefixAny(body, reportOpeners) {
		return false
	}
	return prefixAny(body, noticeOpeners) || g.has(sNotice) || g.has(sFuture) && g.has(sScheduled)
}

// simileFrame finds a figure of speech whose image is a complaint word:
// 像电梯一样, 跟电钻似的, 比装修还吵, 就是个移动的垃圾站. A simile that
// only describes a real problem (叫得跟小孩哭一样) is not one.
func simileFrame(norm string) bool {
	for _, w := range simileWords {
		if i := indexWord(norm, w); i >= 0 && containsAny(firstRunes(norm[i+len(w):], 8), vehicleWords) {
			return true
		}
	}
	for _, o := range simileOpeners {
		for from := 0; ; {
			i := indexWord(norm[from:], o)
			if i < 0 {
				break
			}
			rest := norm[from+i+len(o):]
			for _, c := range simileClosers {
				if (o == "比") != (c == "还") {
					continue
				}
				if j := indexWord(rest, c); j > 0 && utf8.RuneCountInString(rest[:j]) <= 8 && containsAny(rest[:j], vehicleWords) {
					return true
				}
			}
			from += i + len(o)
		}
	}
	return false
}

// vehicleWords are complaint words that, inside a simile, make a joke.
var vehicleWords = append([]string{"漏", "堵", "装修", "电钻", "噪音", "臭", "着火", "蒸笼", "冰窖", "停"}, facilityWords...)

// firstRunes returns at most n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// pairWithin: a word of a followed within n runes by a word of b.
func pairWithin(norm string, a, b []string, n int) bool {
	for _, x := range a {
		for from := 0; ; {
			i := strings.Index(norm[from:], x)
			if i < 0 {
				break
			}
			rest := []rune(norm[from+i+len(x):])
			if len(rest) > n+2 {
				rest = rest[:n+2]
			}
			if containsAny(string(rest), b) {
				return true
			}
			from += i + len(x)
		}
	}
	return false
}

// containsAny reports whether s contains any of words (wordlists.go).
func containsAny(s string, words []string) bool { return containsAnyWord(s, words) }

func prefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func suffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// vetoes returns the structural rules that make the message no report
// (judge makes some of them factors: veto.go's softRules). named tells
// whether the message names a numbered place here (7栋, 3号楼2单元), which
// keeps a relative's or a private thing's trouble a report about this
// estate. danger is an unhedged danger.
func (s structure) vetoes(named, danger bool) veto {
	return vetoIf(s.thirdParty && !named, vetoThirdParty) |
		// 腰疼得起不来: the writer's health, even with 起不来
		vetoIf(s.body && !s.other && !s.facility && !named, vetoBody) |
		vetoIf(s.header && !named, vetoHeader) |
		vetoIf(s.notice && !danger, vetoNotice) |
		vetoIf(s.forwarded && !named && !danger, vetoForwarded) |
		vetoIf(s.resolved && !danger, vetoResolved) |
		vetoIf(s.private && !s.facility && !named && !danger, vetoPrivate) |
		// 小孩走丢了 有看到的吗 is an emergency, not lost and found; so is a
		// danger that asks the office to call someone (电线垂落至地面…请联系供电部门)
		vetoIf(s.advert && !s.vulnerable && !danger, vetoAdvert)
}

// factor is how much the sentence's structure lowers a possible report's
// confidence.
func (s structure) factor(named, danger bool) float64 {
	factor := 1.0
	if s.hypothesis {
		factor *= 0.5
	}
	if !danger {
		if s.improved {
			factor *= 0.5
		}
		if s.infoAsk {
			factor *= 0.6
		}
		if s.seeking {
			factor *= 0.6
		}
		if s.simile && !named {
			factor *= 0.6
		}
	}
	return factor
}

// afterAsk returns norm without an opening ask (问一下,要是… asks what if,
// as 要是… does): hypotheses open the question that follows it.
func afterAsk(norm string) string {
	for _, a := range askOpeners {
		if rest, ok := strings.CutPrefix(norm, a); ok {
			// (请问一下, 想问一下: the opener's 一下 goes with it)
			return strings.TrimLeft(strings.TrimPrefix(rest, "一下"), ",:")
		}
	}
	return norm
}
