package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// What a decision's words teach a retraining (Decisions). An officer
// dismisses real reports for many reasons (out of the community's scope, a
// duplicate, already solved, handed to 12345): only a reason saying the
// message was not a report at all teaches "not a report". A reporter
// withdraws a report most often because the trouble is over (没事了,
// 修好了): only a withdrawal saying it was a mistake teaches it.

// notReportCues say that a message was not a report: in a dismissal's
// reason or a reporter's withdrawal. Matched in folded, lower-case text
// without spaces (English cues are matched with their spaces, see cueText).
var notReportCues = []string{
	"不是报事", "不算报事", "非报事", "不是报修", "不是反映问题", "不是问题", "不算问题", "不是诉求", "非诉求", "不是投诉",
	"闲聊", "聊天", "闲话", "玩笑", "误报", "误识别", "识别错", "识别有误", "误判", "发错了", "发错群", "测试消息",
	"not a report", "not an actual report", "not a concern", "not a complaint", "not an issue",
	"not a problem", "not a real report", "chit chat", "chitchat", "small talk", "just chatting", "misread",
	"misdetect", "misclassif", "false positive", "wrongly detected", "sent by mistake", "posted by mistake",
	"wrong group", "spam", "a joke", "test message",
}

// mistakeCues say that a reporter got it wrong: the trouble they reported
// was not there (是我搞错了). With notReportCues, a correction unless the
// report was urgent.
var mistakeCues = []string{
	"搞错", "弄错", "说错", "看错", "听错", "记错", "报错了", "误会", "更正", "纠正",
	"my mistake", "by mistake", "mistaken", "i was wrong", "wrongly", "correction",
}

// overCues take a cue back: the message was a report whose trouble is
// over (不是问题了), or the words deny a mistake (没搞错). They are removed
// before the cues are looked for.
var overCues = []string{
	"已经不是问题", "已不是问题", "不再是问题", "不是问题了", "没有搞错", "没搞错", "不是误报", "不是搞错",
	"no longer", "not a mistake", "no mistake", "not mistaken",
}

// cueText is s as the cues are matched: full-width forms folded, lower
// case, "-" and "_" read as spaces, runs of spaces made one, and the
// spaces between two non-ASCII characters dropped (Chinese has none), so
// "不是 报事" and "chit-chat" read as the cues.
func cueText(s string) string {
	s = strings.ToLower(bot.Fold(s))
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	words := strings.Fields(s)
	var b strings.Builder
	for i, w := range words {
		if i > 0 && (isASCIIEnd(words[i-1], false) || isASCIIEnd(w, true)) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	s = b.String()
	for _, c := range overCues {
		s = strings.ReplaceAll(s, c, " ")
	}
	return s
}

// isASCIIEnd reports whether w starts (first) or ends with an ASCII byte.
func isASCIIEnd(w string, first bool) bool {
	if first {
		return w[0] < 0x80
	}
	return w[len(w)-1] < 0x80
}

func hasCue(text string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(text, c) {
			return true
		}
	}
	return false
}

// DismissalTeachesNotReport reports whether an officer's reason for a
// dismissal (#驳回 N 原因) says the message was not a report (不是报事,
// 闲聊, 误报, not a report …): a retraining then learns "not a report".
// Any other reason (不属于社区管理范围, 重复, 已解决, 已转12345) keeps the
// message a report.
func DismissalTeachesNotReport(reason string) bool {
	return hasCue(cueText(reason), notReportCues)
}

// reporterNotReportCues are a reporter's own word that their message was
// no report (不是报事): a correction whatever the bot read in it.
var reporterNotReportCues = []string{"不是报事", "不算报事", "非报事", "不是反映问题", "not a report"}

// withdrawalIsCorrection reports whether a reporter's withdrawal, in the
// note recorded with it, corrects the bot: the message was not a report
// (不是报事), or, for a report the bot did not take as urgent, a mistake
// (是我搞错了, 发错了, 误报). The trouble being over (没事了, 修好了), a bare
// #撤回, or a false alarm about danger (a gas smell that was the cooking)
// is no correction: such words must still be heard the next time. A note
// opens with the withdrawal's reason when it recorded one
// (nb.WithdrawReason): a reason saying the trouble is over decides; else
// the words do, the reason among them.
func withdrawalIsCorrection(note string, urgent bool) bool {
	if nb.WithdrawReason(note) == nb.WithdrawOver {
		return false
	}
	t := cueText(note)
	return hasCue(t, reporterNotReportCues) || !urgent && (hasCue(t, mistakeCues) || hasCue(t, notReportCues))
}
