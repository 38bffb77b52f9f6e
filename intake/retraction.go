package intake

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Retraction is what a message by a report's writer says of the report it
// takes back: nothing, that it was a mistake, or that the trouble is over.
//
// It is narrower than the speech-act cue sa:retract (speechAct.retract),
// which tells the model that a message calls an alarm off and is no report:
// a withdrawal ends a case, so it needs the writer's own word that their
// report was wrong or is over, with nothing in the message that says the
// trouble goes on (可是还在漏), that someone else said so (物业说没事了), or
// that asks (没事了吗？).
type Retraction int

// Retractions.
const (
	NotRetracted        Retraction = iota
	RetractsMistake                // 搞错了, 看错了, 发错了, 是我家的: there was nothing to report
	RetractsOver                   // 没事了, 已经好了, 找到了: there was, and it is over
	RetractsUnexplained            // 撤回: taken back, no reason said (a WeChat recall reads so)
)

// String names r as the withdrawal's note records it ("mistake", "over").
func (r Retraction) String() string {
	switch r {
	case RetractsMistake:
		return "mistake"
	case RetractsOver:
		return "over"
	}
	return ""
}

var (
	// mistakeWords say the report was the writer's mistake.
	mistakeWords = []string{"搞错", "弄错", "搞措", "弄措", "看错", "听错", "闻错", "发错", "打错", "写错", "认错", "记错", "整错", "误会", "误报",
		"虚惊", "是我家", "是我自己", "是我们家", "是我多虑",
		"是我不小心", "是我按", "是我弄", "是我想多", "想多了", "多虑了", "没看清", "开个玩笑", "开玩笑的", "闹笑话", "闹了个笑话", "乌龙",
		"不是报事", "是演习", "演习的", "不是着火", "是人家在"}
	// takeBackWords take a report back without saying why.
	takeBackWords = []string{"撤回", "撤销"}
	// overWords say the trouble is over. 没事, 木事, 没得事 and 冇事 are said
	// with 了 or another ending (没事啦, 木事咯); bare 没事 closes a message
	// (endsFine) but opens many that go on (没事的时候).
	overWords = []string{"没事了", "没事啦", "没事咯", "没事喽", "没事哒", "没事哈", "没事没事", "木事了", "木事啦", "木事咯", "没是了", "莫得事了", "莫得啥子事", "没得啥子事", "没得什么事", "没么事了", "没得事了",
		"没得事咯", "没得事啦", "冇事了", "没有事了", "没啥事了", "没什么事了", "没问题了", "不要紧了", "已经好了", "已经好啦", "又好了", "好了好了",
		"修好了", "已经修好", "弄好了", "搞好了", "搞定了", "处理好了", "恢复了", "来电了", "来水了", "有水了", "有电了", "已经通了", "疏通了", "找到了", "找着了",
		"回来了", "人已经出来了", "已经出来了", "不用找了", "不用来了", "不用麻烦", "不麻烦了", "已经关了", "味散了", "味儿散了", "火灭了", "已经灭了", "扑灭了",
		"解决了", "已经解决", "没大碍", "没啥大碍", "虚惊一场"}
	// notOverWords say the trouble goes on, or is not over (可是还在漏, 又漏了,
	// 还没修好, 没事了个鬼).
	notOverWords = []string{"可是", "但是", "但", "不过", "可还", "还在", "还是", "还有", "还没", "还不", "还漏", "还响", "还冒", "还臭",
		"又", "仍然", "仍旧", "依然", "照样", "照旧", "继续", "一直", "越来越", "没人管", "没人来", "有人管", "不管", "个鬼", "才怪", "扯",
		"根本没", "根本不", "哪里好", "哪好了", "并没", "并不"}
	// unsureWords make the writer unsure, or the end only hoped for (应该没事了吧,
	// 要是好了就好了).
	unsureWords = []string{"不知道", "不确定", "不清楚", "不晓得", "如果", "要是", "希望", "但愿", "等到", "等修好", "等他", "等物业", "是不是",
		"有没有", "难道", "怎么", "为什么", "为啥", "咋"}
	// othersWords name someone else, whose word (物业说没事了) or mistake
	// (物业搞错了) is not the writer's.
	othersWords = []string{"物业", "他们", "她们", "他", "她", "人家", "师傅", "保安", "工作人员", "社区", "居委", "街道", "客服", "维修",
		"电工", "管家", "楼长", "网格员", "领导", "老公", "老婆", "媳妇", "邻居", "楼上", "楼下", "对门", "隔壁", "城管", "消防", "警察",
		"派出所", "医生", "专家", "燃气公司", "自来水公司", "供电局", "电力", "别人", "有人", "大家都"}
	// sayingWords report what someone said (他说, 说是, 据说).
	sayingWords = []string{"说", "讲", "告诉", "回复", "回答", "表示", "称", "认为", "觉得", "以为", "通知"}
)

// RetractionOf says whether text, written by a report's writer, takes the
// report back, and how: the writer's own word that it was a mistake
// (搞错了, 不好意思发错了, 是我家的猫) or is over (没事了, 木事了, 已经好了),
// with nothing that says the trouble goes on (可是, 还在, 又, 还没), reports
// someone else's word (物业说没事了, 他们说没事), asks (没事了吗？, 真的没事了?)
// or hopes (希望没事了).
func RetractionOf(text string) Retraction {
	parts := retractClauses(text)
	norm := strings.Join(parts, " ")
	if asks(norm) || containsAny(norm, unsureWords) {
		return NotRetracted
	}
	mistake, over := ownWords(parts, mistakeWords), ownWords(parts, overWords)
	if !mistake && !over && !ownsUp(norm) {
		if ownWords(parts, takeBackWords) && !containsAny(stripWords(norm, takeBackWords), notOverWords) {
			return RetractsUnexplained
		}
		return NotRetracted
	}
	if !mistake && dangerNow(scanCues(afterLast(norm, overWords))) {
		// 没事哈 孩子没大碍 就是被电动车撞倒了 腿流血: the person is fine, the danger is told after
		return NotRetracted
	}
	if containsAny(stripWords(norm, append(mistakeWords, overWords...)), notOverWords) {
		return NotRetracted
	}
	if mistake || !over {
		return RetractsMistake
	}
	return RetractsOver
}

// mayRetract reports whether normalised text holds a word a retraction
// needs: Understand reads the message again (RetractionOf) only then.
func mayRetract(norm string) bool {
	return containsAny(norm, mistakeWords) || containsAny(norm, overWords) || containsAny(norm, takeBackWords) || ownsUp(norm)
}

// retractClauses splits text at spaces and punctuation into normalised clauses
// (Normalize joins Han words a space parts), keeping a clause's question mark.
func retractClauses(text string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(foldRunes(text), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，.。!！;；~、…", r)
	}) {
		if n := Normalize(c); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// asks reports a question: a question mark, 吗, or a closing 么 or 呢.
func asks(norm string) bool {
	if strings.ContainsAny(norm, "?？吗") {
		return true
	}
	end := strings.TrimRight(norm, " .。!！~…")
	last, _ := utf8.DecodeLastRuneInString(end)
	if last == '呢' {
		return true
	}
	return last == '么' && !suffixAny(end, []string{"什么", "怎么", "那么", "这么", "多么"})
}

// ownWords reports whether one of words occurs in a clause as the writer's
// own word: not denied (没修好了) nor said of or by someone else before it in
// the clause (物业搞错了, 他说没事了). "跟大家说一声 没事了" and "我说没事了" stay
// the writer's.
func ownWords(clauses []string, words []string) bool {
	for _, clause := range clauses {
		for _, w := range words {
			for from := 0; ; {
				i := strings.Index(clause[from:], w)
				if i < 0 {
					break
				}
				i += from
				if before := clause[:i]; !othersSay(before) && !suffixAny(before, notWords) {
					return true
				}
				from = i + len(w)
			}
		}
	}
	return false
}

// notWords before a word deny it (没修好了, 不通了).
var notWords = []string{"没", "没有", "不", "未", "别"}

// othersSay reports a clause that gives someone else's word or deed: it
// names someone else (物业, 师傅说) or reports a saying not the writer's own
// (说是, 听说), which "我说" and "跟大家说" are.
func othersSay(clause string) bool {
	if containsAny(clause, othersWords) && !strings.Contains(clause, "大家") {
		return true
	}
	for _, w := range sayingWords {
		i := strings.LastIndex(clause, w)
		if i < 0 {
			continue
		}
		if !suffixAny(clause[:i], []string{"我", "跟大家", "和大家", "给大家", "跟各位", "和各位"}) {
			return true
		}
	}
	return false
}

// afterLast is what follows the last of words in s (s if none occurs).
func afterLast(s string, words []string) string {
	end := 0
	for _, w := range words {
		if i := strings.LastIndex(s, w); i >= 0 && i+len(w) > end {
			end = i + len(w)
		}
	}
	return s[end:]
}

// stripWords removes every occurrence of words from s, so that the 又 of
// 又好了 or the 还 of 还好 is not read as the trouble going on.
func stripWords(s string, words []string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, " ")
		}
	}
	return s
}
