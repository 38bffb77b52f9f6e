package handlers

import (
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// RetractWindow is how long after a report its reporter can withdraw it
// just by saying so in the group (没事了, 是我搞错了).
const RetractWindow = 10 * time.Minute

// notAReport are replies to the bot's acknowledgement saying it was wrong.
var notAReport = map[string]bool{"不是报事": true, "不是报事的": true, "这不是报事": true, "我不是报事": true,
	"不是反映问题": true, "撤回": true, "not a report": true}

// withdrawal handles a group message that takes a report back: "不是报事"
// replied to the bot's message about the sender's case, or a retraction
// ("没事了", "是我搞错了") by the reporter of a topic opened within
// RetractWindow in this chat (retracts says whether the text takes
// something back). It reports whether the message was one.
func (h *Handlers) withdrawal(c *bot.Context, retracts func() bool) (bool, error) {
	if !c.IsGroup() {
		return false, nil
	}
	if c.Msg.ReplyTo != "" && notAReport[strings.ToLower(strings.Trim(strings.TrimSpace(bot.Fold(c.Msg.Text)), "!.。！~ "))] {
		cs, err := repliedCase(c)
		if nb.ErrorCode(err) == nb.ENOTFOUND {
			return false, nil
		} else if err != nil {
			return false, err
		}
		if cs.ReporterID != c.Person.ID {
			return false, nil
		}
		return true, h.retract(c, cs, c.Msg.Text)
	}
	if !retracts() {
		return false, nil
	}
	cases, err := c.Tx.ListCases(nb.CaseFilter{ChatID: c.Chat.ID, FollowerID: c.Person.ID, Stages: []nb.Stage{nb.StageTopic},
		Since: c.Tx.Now().Add(-RetractWindow), OpenOnly: true, Limit: 20})
	if err != nil {
		return false, err
	}
	var last *nb.Case
	for _, cs := range cases {
		if cs.ReporterID == c.Person.ID && (last == nil || cs.CreatedAt.After(last.CreatedAt) || cs.CreatedAt.Equal(last.CreatedAt) && cs.ID > last.ID) {
			last = cs
		}
	}
	if last == nil {
		return false, nil
	}
	return true, h.retract(c, last, c.Msg.Text)
}

// withdrawCmd: "#撤回 N" — the reporter takes their report back.
func (h *Handlers) withdrawCmd(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_withdraw"))
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	if cs.ReporterID != c.Person.ID {
		return h.fail("forbidden_withdraw", cs.ID)
	}
	return h.withdraw(c, cs, c.Command.TextAfter(1))
}

// withdraw takes cs back on its reporter's word, through the case service
// (action withdraw: the correction a retraining learns from; the note says
// whether it was a mistake or is over). The group is told only if it heard
// of the case. A case others follow or an officer acted on stays (the case
// service's nb.HoldOf): the group's notice says why, or, when the group was
// not told here, the reply to the reporter does.
func (h *Handlers) withdraw(c *bot.Context, cs *nb.Case, why string) error {
	out, err := h.act(c, cs.ID, nb.Command{Action: nb.ActionWithdraw, Note: withdrawNote(why)})
	if err != nil || out.Held == nb.HoldNone || out.ToldChatID == c.Chat.ID {
		return err
	}
	return c.Reply(h.l.T("withdraw_held", cs.ID, h.l.T("held_"+string(out.Held))))
}

// withdrawNote is the note of a withdrawal said in words: why (mistake or
// over, as the words say) and the words.
func withdrawNote(words string) string {
	return nb.WithdrawNote(intake.RetractionOf(words).String(), words)
}

// retract withdraws cs on a retraction said in the group ("没事了", "不是报事",
// or the report recalled in WeChat): as withdraw, except that a case the
// group never heard of (still on the review list) is withdrawn, or left,
// silently, for a confirmation in the group would tell it what it never heard.
func (h *Handlers) retract(c *bot.Context, cs *nb.Case, why string) error {
	if !cs.Quiet {
		return h.withdraw(c, cs, why)
	}
	out, err := h.cases.ActTx(c.Tx, c.Actor(), cs.ID, nb.Command{Action: nb.ActionWithdraw, Note: withdrawNote(why)})
	if err != nil {
		return h.refusal(err, cs.ID, nb.ActionWithdraw)
	}
	c.Counted(out.Queued)
	return nil
}

// retractWords say what the reporter said of a case they left (nb.EventLeft).
func (p *Phrases) retractWords(ev *nb.Event) string {
	return p.l.T("retract_" + nb.WithdrawReason(ev.Note))
}

// holdWords say why a case its reporter left stays open.
func (p *Phrases) holdWords(ev *nb.Event) string {
	return p.l.T("held_" + string(nb.HeldBy(ev.Note)))
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func init() {
	texts["say_withdrawn"] = [2]string{"#%d %s 已由反映人撤回。", "#%d %s was withdrawn by its reporter."}
	texts["private_withdrawn"] = [2]string{"#%d %s 已由反映人撤回，无需处理。", "#%d %s was withdrawn by its reporter: nothing to do."}
	texts["say_left"] = [2]string{"#%d %s：反映人说%s，已不再关注；因%s，此事继续办理。",
		"#%d %s: its reporter says %s and no longer follows it; %s, so it stays open."}
	texts["private_left"] = [2]string{"#%d %s：反映人说%s，但%s，未撤回。请核实是否仍需处理（不需要时 #驳回 %d 原因）。",
		"#%d %s: its reporter says %s, but %s, so it was not withdrawn. Please check whether it still needs doing (if not: /dismiss %d reason)."}
	texts["withdraw_held"] = [2]string{"#%d 没有撤回：%s。您已不再关注此事，您说的情况已转告工作人员。",
		"#%d was not withdrawn: %s. You no longer follow it; the staff have been told what you said."}
	texts["withdraw_left"] = [2]string{"您已不再关注 #%d；因还有邻居关注或工作人员在跟进，它继续办理。",
		"You no longer follow #%d; it stays open, for others follow it or the staff are on it."}
	texts["retract_mistake"] = [2]string{"是误报", "it was a mistake"}
	texts["retract_over"] = [2]string{"已经没事了", "it is over"}
	texts["retract_"] = [2]string{"要撤回", "they take it back"}
	texts["held_followed"] = [2]string{"还有其他邻居关注", "other neighbours follow it"}
	texts["held_acted"] = [2]string{"工作人员已在跟进", "the staff are already on it"}
	texts["held_"] = [2]string{"此事仍需核实", "it needs checking"}
	texts["forbidden_withdraw"] = [2]string{"只有 #%d 的反映人可以撤回。", "Only the reporter of #%d may withdraw it."}
	texts["ex_withdraw"] = [2]string{"#撤回 12", "/withdraw 12"}
}
