package intake

import "strings"

// The formal register: residents write to a community office, a property
// company or a city hotline in letters (尊敬的领导您好，我是…的居民，自…以来…，
// 多次反映未果，恳请…), and the management writes notices to residents in the
// same register (尊敬的业主：…将于…停水，请提前储水). What tells them apart is
// who is asked to act: a petition asks an authority to solve a problem; a
// notice announces what the writer will do, or asks the residents to do
// something.
var (
	// petitionWords ask an authority to act on a problem.
	petitionWords = []string{"恳请", "恳求", "请求", "诉求", "望有关", "望相关", "望贵", "请有关部门", "请相关部门", "希望有关部门",
		"希望相关部门", "督促", "责令", "予以解决", "予以处理", "予以核查", "予以整治", "予以规范", "予以查处", "予以拆除",
		"依法处理", "依法查处", "依法拆除", "依法取缔", "协调解决", "帮助解决", "尽快处理", "尽快解决", "尽快修", "尽快维修",
		"尽快更换", "尽快清理", "尽快整治", "尽快安排", "尽快疏通", "尽快检修", "出面制止", "出面协调"}
	// residentSelf: the writer says they live here (我是…的住户, 本人系…居民).
	residentOpeners = []string{"我是", "本人系", "本人是", "本人为", "我们是", "我家住", "本人居住", "我住在", "我居住"}
	residentNouns   = []string{"居民", "住户", "业主", "退休职工"}
	// collective addressees of a notice (尊敬的各位业主：, 各位居民：).
	residentsAddressed = []string{"业主", "居民", "住户", "全体"}
	// the writer announces their own action, or asks the residents to act.
	announcedAction = []string{"将于", "将在", "将对", "将组织", "将开展", "将进行", "将实施", "将启动", "物业将", "社区将",
		"物业已", "社区已", "已在", "定于"}
	residentsAsked = []string{"请各位", "请大家", "请广大", "请居民", "请业主", "请各户", "请您", "请看管", "请提前", "请勿",
		"配合", "敬请", "感谢您的支持", "谢谢理解"}
)

// problemWords name something wrong or a complaint's history (多次反映未果,
// 未经…擅自; 未 is the formal 没): a petition is about a problem.
var problemWords = []string{"坏", "漏", "堵", "吵", "臭", "脏", "乱", "破", "断", "裂", "塌", "歪", "晃", "松动", "淹", "冒", "丢失",
	"被盗", "偷", "占用", "占道", "挡", "违", "危险", "隐患", "噪音", "扰民", "垃圾", "积水", "故障", "不亮", "不热", "不通", "无法",
	"没水", "没电", "不管", "没人管", "影响", "严重", "未", "擅自", "无果", "无效", "推诿", "至今", "困难", "异味", "污水", "霉"}

// retold: a request already made or promised by someone else (已经请求物业…,
// 物业说会尽快处理), not one this message makes.
var retold = []string{"已经", "已", "会", "说", "正在", "在"}

// petitionMinContent: a petition is a letter, not a chat line; short chat
// messages are left to the detector, which learnt them.
const petitionMinContent = 24

// petitions reports a request to an authority to act on a problem: a
// petition word not retold, a problem named, a letter's length, not a
// question for information.
func petitions(norm string) bool {
	if countContent(norm, petitionMinContent) < petitionMinContent || prefixAny(norm, askOpeners) || !containsAny(norm, problemWords) {
		return false
	}
	for _, w := range petitionWords {
		for from := 0; ; {
			i := indexWord(norm[from:], w)
			if i < 0 {
				break
			}
			if !suffixAny(norm[:from+i], retold) {
				return true
			}
			from += i + len(w)
		}
	}
	return false
}

// residentWrites reports the writer presenting themselves as a resident
// (我是阳光小区3号楼2单元的住户): the place of the letter is here.
func residentWrites(norm string) bool {
	for _, o := range residentOpeners {
		i := indexWord(norm, o)
		if i < 0 {
			continue
		}
		if containsAny(firstRunes(norm[i+len(o):], 24), residentNouns) {
			return true
		}
	}
	return false
}

// addressesResidents reports a salutation to the residents as a body
// (尊敬的各位业主：, 各位居民朋友：, 致全体业主的一封信): the management's voice.
func addressesResidents(norm string) bool {
	head := norm
	if i := indexColonComma(norm); i >= 0 {
		head = norm[:i]
	} else {
		return false
	}
	if len([]rune(head)) > 14 || strings.Contains(head, "我") {
		return false
	}
	return containsAny(head, residentsAddressed)
}

// indexColonComma is strings.IndexAny(s, ":：,，") read byte by byte: ':'
// and ',' are ASCII and '：', '，' the bytes EF BC 9A and EF BC 8C, which
// start a rune wherever they stand (a lead byte is never read as part of
// an invalid sequence).
func indexColonComma(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', ',':
			return i
		case 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x9A || s[i+2] == 0x8C) {
				return i
			}
		}
	}
	return -1
}

// formalNotice: addressed to the residents, announcing the writer's action
// or asking them to act, and petitioning no one.
func formalNotice(norm string) bool {
	return addressesResidents(norm) && containsAny(norm, append(announcedAction, residentsAsked...)) && !petitions(norm)
}
