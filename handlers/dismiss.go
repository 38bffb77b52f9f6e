package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// dismiss: "#驳回 N 原因" — the reason is told to the reporters. The
// officer is told privately what a retraining learns from it: "not a
// report" only for a reason saying so (DismissalTeachesNotReport).
func (h *Handlers) dismiss(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_dismiss"))
	if err != nil {
		return err
	}
	reason := c.Command.TextAfter(1)
	if reason == "" {
		return h.fail("need_dismiss_reason", h.l.T("ex_dismiss"), n)
	}
	teaches := "dismiss_teaches_report"
	if DismissalTeachesNotReport(reason) {
		teaches = "dismiss_teaches_not_report"
	}
	_, err = h.actSaying(c, n, nb.Command{Action: nb.ActionDismiss, Note: reason}, "\n"+h.l.T(teaches))
	return err
}

func init() {
	texts["need_dismiss_reason"] = [2]string{
		"请写上原因，例如：%s。若这条消息根本不是报事，请写 #驳回 %d 不是报事：机器人重训时会学到这类话不是报事；其他原因（重复、已解决、不归社区管）仍算报事。",
		"Please give a reason, e.g. %s. If the message was not a report at all, write /dismiss %d not a report: retraining then teaches the bot that such messages are not reports; any other reason (a duplicate, solved, not ours) keeps it a report."}
	texts["dismiss_teaches_not_report"] = [2]string{"重训模型时，这条记为「不是报事」。",
		"When the model is retrained, this one counts as not a report."}
	texts["dismiss_teaches_report"] = [2]string{"重训模型时，这条仍算报事（原因写「不是报事」的才记为不是报事）。",
		"When the model is retrained, this one still counts as a report (only a reason such as \"not a report\" teaches that it was none)."}
}
