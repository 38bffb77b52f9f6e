package intake

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// cueGroup names a list of words looked for in normalised text.
type cueGroup uint8

const (
	cueRetract cueGroup = iota
	cueElsewhere
	cueHere
	cueQuestion
	cueOffer
	cuePraise
	cueJoke
	cuePersonal
	cueAilment
	cueDanger // matches preceded by a negation (没, 未…) do not count
	cueCalm
	cueCalming                                                // 别慌, 没事没事: calms others; a retraction only without a danger
	cueRelief                                                 // 还好, 幸好: a calm context unless a contrast follows
	cueContrast                                               // 但, 可是, 不过 after a relief word (还好人出来了 但门还吊着)
	cueMinor                                                  // 不急, 还能用, 有点晃: the trouble is small (minorWords)
	cueHedge                                                  // 如果, 万一, 注意安全: calm unless the danger is here now
	cueNow                                                    // 正在, 越来越, 快来人: a danger going on now (nowWords)
	cueSettled                                                // 已经修好了, 原来是: the trouble is mended or explained (settledWords)
	cueEnded                                                  // 没人受伤, 人没事: it ended well (endedWords)
	cueFallen                                                 // 掉下来, 塌, 松了: a thing fell or gave way (fallenWords)
	cueRelapse                                                // 又, 还在, 根本没: it is back or goes on after all (goesOnWords)
	cueRisk                                                   // 隐患: a hedge, unless a thing is loose or fallen over people (riskWords)
	cueReportAct                                              // 报修, 投诉: the office was told before (reportActs)
	cueNoAnswer                                               // 没人来, 都说等: nothing came of it (noAnswerWords)
	cueRegister                                               // the private register's groups (register_cues.go): cueRegister+i for registerGroups[i]
	cuePairBase  = cueRegister + cueGroup(registerGroupCount) // object and state groups of allDangerPairs: base+2i, base+2i+1
)

// cueSet is the set of groups found in a text: two words, so that new cue
// groups have room (maxCueGroups).
type cueSet [2]uint64

// maxCueGroups is how many groups a cueSet holds.
const maxCueGroups = 128

func (s cueSet) has(g cueGroup) bool { return s[g>>6]&(1<<(g&63)) != 0 }

func (s *cueSet) add(g cueGroup) { s[g>>6] |= 1 << (g & 63) }

type cueWord struct {
	word  string
	group cueGroup
}

// cueNotBefore: a cue word does not count when one of these follows it.
// 几点了 is a complaint about the hour (几点了都, 几点了还在吵), not a question.
var cueNotBefore = map[string][]string{"几点": {"了"},
	// 你们 addresses a group or an office, not one person (register_cues.go)
	"你": {"们"}, "妳": {"们"}, "打火": {"机", "针"}, "出租": {"车"}, "全是烟": {"头"}, "都是烟": {"头"}, "还好": {"没"}, "幸好": {"没"},
	"有烟": {"头", "味", "灰", "花"}, "修好了": {"吗", "没"}, "又": {"能", "可以", "好了", "恢复", "通了"},
	// 老人机 is a phone for the old, 老人卡 a bus pass
	"老人": {"机", "卡"},
	// heating that is warm is no cold danger (家里暖气挺足 二十四度 幸福; dev-s19u)
	"暖气": {"挺足", "很足", "足了", "挺热", "很热", "烧得"},
	// 咬了一口 is a bite of food (孩子咬了一口说好吃); an animal's bite is the
	// pair below (被泰迪咬了一口) or 被咬
	"咬了": {"一口"},
	// a child's tantrum (不给买就躺地上哭, 躺在地上打滚): no one is down
	"躺地上": tantrumWords, "躺在地上": tantrumWords,
	// session 11 (miss11): an elsewhere word that qualifies a thing here is
	// no other place: a car's plate (挂的外地牌), a channel of this estate's
	// office (网上报修), a call (视频会议 开到一半断电了)
	"外地": {"牌", "车牌"}, "网上": {"报修", "投诉", "反映", "申请", "预约", "缴费", "登记"}, "视频": {"会议", "通话", "电话", "聊天"},
	// 烧到三十九度, 烧到了三十九度, 烧到快四十度, 饭烧到一半: a fever or the
	// cooking (numeralRunes, and 了 or 快 before one)
	"烧到": feverAfter}

// feverAfter are what follows 烧到 in a fever or the cooking: a number,
// or 了 or 快 and a number (烧到了三十九度, 烧到快四十度).
var feverAfter = append(append(numeralRunes[:len(numeralRunes):len(numeralRunes)], prefixed("了", numeralRunes)...),
	prefixed("快", numeralRunes)...)

// prefixed returns each of words with p before it.
func prefixed(p string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = p + w
	}
	return out
}

// tantrumWords follow 躺地上 in a child's tantrum.
var tantrumWords = []string{"哭", "打滚", "撒泼", "耍赖", "撒娇", "不肯走", "不起来"}

// cueNotAfter: a cue word does not count right after one of these (不是开玩笑
// is serious, 会有烟 is a drill's announcement, 车报警器一直响 is a car alarm).
// A temperature does not count after a numeral (十八度 is not 八度); 是不是漏气了
// asks (aNotAHalf).
// A tyre, a swimming ring or a ball that 漏气 loses air, not gas; an insect's
// bite (被蚊子咬了) is no dog's.
var cueNotAfter = withGuard(withNumeralGuard(map[string][]string{"开玩笑": {"不是", "没", "不"}, "有烟": {"会"}, "报警器一直响": {"车"},
	"漏气": {"胎", "圈", "球", "气垫", "垫子"}, "咬了": {"蚊子", "虫子", "蚊虫", "跳蚤", "臭虫"},
	// dev-s19u (blind): 这不是演习哈 …楼道全是烟 is an alarm; 感觉要晕倒 is tiredness
	"是演习": {"不"}, "演习": {"不是"}, "演练": {"不是"}, "晕倒": {"要"},
	// 发起火来 is a temper (我老婆发起火来跟煤气罐一样), not a fire
	"起火": {"发"},
	// session 11 (miss11): 张大娘家 is an old neighbour's home, not a wife's
	// parents' (娘家); a thing that falls or lands (一块落在台阶上, 水滴落在车位上,
	// 苍蝇都落在被子上, 天天落在空调外机上) is not one left behind (水杯落在会议室了):
	// an adverb or a measure word comes between
	"娘家": {"大", "姑"}, "落在": {"都", "就", "又", "还", "也", "全", "正好", "刚好", "恰好", "直接", "天天", "总", "老", "经常", "滴", "块", "片"},
	// 发烧烧到, 高烧到 are a fever, 水烧到 a kettle
	"烧到": {"发", "烧", "高", "水"},
	// a service's phone not answered (打挪车电话也不接, 物业电话也不接) is no
	// person in danger (dev-s20b, blind)
	"电话也不接": serviceWords, "电话一直不接": serviceWords, "电话都不接": serviceWords}, coldDegrees),
	followUpWords, habitualWords)

// serviceWords name a service or trade whose phone goes unanswered.
var serviceWords = []string{"挪车", "物业", "客服", "前台", "管家", "维修", "师傅", "房东", "中介", "商家", "老板", "快递", "外卖", "热线"}

// habitualWords make a time a habit (每天早上那个收废品的): what follows
// points back to no alarm raised before (followUpWords).
var habitualWords = []string{"每天", "天天", "每次", "每回", "每晚", "每早"}

// numeralRunes are the characters a number can end with.
var numeralRunes = []string{"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百",
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// withNumeralGuard returns m with numeralRunes added as what each of words
// must not follow.
func withNumeralGuard(m map[string][]string, words []string) map[string][]string {
	return withGuard(m, words, numeralRunes)
}

// withGuard returns m with guards added as what each of words must not
// follow.
func withGuard(m map[string][]string, words, guards []string) map[string][]string {
	for _, w := range words {
		m[w] = append(m[w], guards...)
	}
	return m
}

// cueGroupCount is the number of cue groups in use.
func cueGroupCount() int { return int(cuePairBase) + 2*len(allDangerPairs) }

// cueIndex lists every cue word under its first rune, so one pass over a
// message finds all groups (instead of one substring search per word).
var cueIndex = buildCueIndex()

// cueFirst marks the runes cueIndex has words for.
var cueFirst = keyBits(cueIndex)

// cueTable is cueIndex, read without hashing and narrowed by the next rune.
var cueTable = newWordsAt(cueIndex, func(c cueWord) string { return c.word })

func buildCueIndex() map[rune][]cueWord {
	idx := map[rune][]cueWord{}
	add := func(g cueGroup, words []string) {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			idx[r] = append(idx[r], cueWord{w, g})
		}
	}
	add(cueRetract, retractCues)
	add(cueElsewhere, elsewhereCues)
	add(cueHere, hereCues)
	add(cueQuestion, questionCues)
	add(cueOffer, offerCues)
	add(cuePraise, praiseCues)
	add(cueJoke, jokeCues)
	add(cuePersonal, personalCues)
	add(cueAilment, ailmentCues)
	add(cueDanger, dangerWords)
	add(cueCalm, calmContext)
	add(cueCalming, calmingCues)
	add(cueRelief, reliefWords)
	add(cueContrast, contrastWords)
	add(cueMinor, minorWords)
	add(cueHedge, hedgeWords)
	add(cueRisk, riskWords)
	add(cueNow, nowWords)
	add(cueSettled, settledWords)
	add(cueSettled, resolvedWords)
	add(cueSettled, followUpWords)
	add(cueEnded, endedWords)
	add(cueFallen, fallenWords)
	add(cueRelapse, goesOnWords)
	add(cueReportAct, reportActs)
	add(cueNoAnswer, noAnswerWords)
	for i, g := range registerGroups {
		add(cueRegister+cueGroup(i), g.words)
	}
	for i, p := range allDangerPairs {
		add(cuePairBase+cueGroup(2*i), p.objects)
		add(cuePairBase+cueGroup(2*i+1), p.states)
	}
	if cueGroupCount() > maxCueGroups {
		panic("intake: too many cue groups")
	}
	return idx
}

// scanCues finds the cue groups present in normalised text.
func scanCues(norm string) cueSet {
	var s cueSet
	cueFirst.scan(norm, func(i int, r rune) bool {
		for _, c := range cueTable.at(norm, i, r) {
			if s.has(c.group) || !hasWordAt(norm, i, c.word) {
				continue
			}
			if (c.group == cueDanger || isPairState(c.group)) && dangerNegated(norm[:i]) ||
				(c.group == cueSettled || c.group == cueEnded) && negated(norm[:i]) {
				continue // 没砸到人 is no danger, 还没修好了 nothing mended
			}
			if c.group == cueContrast && !s.has(cueRelief) && !s.has(cueSettled) && !s.has(cueEnded) || suffixAny(norm[:i], cueNotAfter[c.word]) {
				continue // only a contrast after relief or an ending counts; 不是开玩笑 is no joke
			}
			if aNotAHalf(norm[:i], c.word) {
				continue // 是不是着火 asks whether it is a fire; it says no 不是着火
			}
			if prefixAny(norm[i+len(c.word):], cueNotBefore[c.word]) {
				continue // 出租车 is a taxi, not a flat to let
			}
			if c.word == "一动不动" && strings.Contains(norm[:i], "堵") && !containsAny(norm, otherPeople) {
				continue // 堵车…一动不动 is the traffic, not a person lying still
			}
			s.add(c.group)
		}
		return true
	})
	return s
}

// isPairState reports whether g is the state half of a danger pair (没倒,
// 没断 are negated like danger words).
func isPairState(g cueGroup) bool { return g >= cuePairBase && (g-cuePairBase)%2 == 1 }

// aNotAHalf reports a cue word opening with 不 that is the second half of an
// A-not-A question (是不是着火, 要不要紧, 热不热, 能不能动): the verb before 不
// is the one after it, and the message asks what the word would state.
// notIdioms open with 不 and its verb twice, but are no A-not-A question
// (报修了不了了之: nothing came of it).
var notIdioms = []string{"不了了之"}

func aNotAHalf(before, word string) bool {
	rest, ok := strings.CutPrefix(word, "不")
	if !ok || rest == "" || slices.Contains(notIdioms, word) {
		return false
	}
	verb, _ := utf8.DecodeRuneInString(rest)
	prev, _ := utf8.DecodeLastRuneInString(before)
	return prev == verb
}
