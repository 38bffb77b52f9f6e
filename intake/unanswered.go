package intake

import "strings"

// A complaint that an earlier report came to nothing (报修了两次都说等, 打物业电话
// 说记下了 然后就没然后了, 投诉了也没人管) is a report about here: the office was
// asked and did not act. Session 11 (miss11): in the dev files 21 messages hold
// a report act followed by its failure and every one is a report; four of them
// waited unacknowledged (a home's window, an online repair request, a front
// desk that only takes names), written by three hands.
var (
	// reportActs: the office was told or asked before.
	reportActs = []string{"报修", "投诉", "反映", "举报", "报给物业", "找物业", "找了物业", "跟物业说", "和物业说", "物业电话", "报了物业",
		"打了12345", "打12345", "打了热线", "打热线"}
	// noAnswerWords: nothing came of it.
	noAnswerWords = []string{"没人来", "没人管", "没人理", "没人修", "没人处理", "没人回", "都说等", "说等", "让等", "叫等", "没动静", "没下文",
		"没回音", "没回复", "没消息", "没然后", "不了了之", "推来推去", "踢皮球", "记下了", "也不来", "也不管", "没反应", "还没来", "还没修"}
)

// unansweredWithin is how many runes after a report act its failure may
// be told.
const unansweredWithin = 24

// unanswered reports an earlier report to the office that came to nothing:
// a report act followed, within unansweredWithin runes, by a no-answer word.
func unanswered(norm string) bool {
	for _, a := range reportActs {
		rest := norm
		for {
			i := strings.Index(rest, a)
			if i < 0 {
				break
			}
			rest = rest[i+len(a):]
			if containsAny(firstRunes(rest, unansweredWithin), noAnswerWords) {
				return true
			}
		}
	}
	return false
}
