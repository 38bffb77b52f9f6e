package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// act asks the case service to apply cmd to case n for the sender, in the
// transaction of their message. The service tells the case's group; the
// sender gets a short confirmation when they acted from another chat or
// the group was not told (a case still on the review list).
func (h *Handlers) act(c *bot.Context, n int64, cmd nb.Command) (*nb.Outcome, error) {
	return h.actSaying(c, n, cmd, "")
}

// actSaying is act, with more added to the sender's confirmation when it
// goes to a private chat (what the step means for the officer alone, not
// for a group).
func (h *Handlers) actSaying(c *bot.Context, n int64, cmd nb.Command, more string) (*nb.Outcome, error) {
	actor := c.Actor()
	if c.Chat != nil {
		actor.ChatID = c.Chat.ID // the group's notice answers a command given there: never held
	}
	cmd.Photos, cmd.PhotosFrom = c.Msg.Attachments, c.Msg.Platform // the repair's photo goes with the notice
	out, err := h.cases.ActTx(c.Tx, actor, n, cmd)
	if err != nil {
		return nil, h.refusal(err, n, cmd.Action)
	}
	c.Counted(out.Queued)
	if out.Notice != "" && out.ToldChatID != c.Chat.ID && out.Held == nb.HoldNone { // (a held withdrawal: withdraw.go)
		if c.IsGroup() {
			more = ""
		}
		return out, c.Reply(h.l.T("done_notice", out.Notice) + more) // the notice names the case
	}
	return out, nil
}

// refusal turns the case service's refusals into what the sender is told.
func (h *Handlers) refusal(err error, n int64, action nb.Action) error {
	switch nb.ErrorCode(err) {
	case nb.ENOTFOUND:
		return h.fail("case_not_found", n)
	case nb.EFORBIDDEN:
		switch action {
		case nb.ActionRate:
			return h.fail("forbidden_rate", n)
		case nb.ActionAck:
			return h.fail("forbidden_ack", n)
		case nb.ActionProgress, nb.ActionResolve:
			return h.fail("forbidden_owner", n)
		}
		return h.fail("forbidden_scope", n)
	case nb.EINVALID:
		if action == nb.ActionAck {
			return h.fail("no_whistle", n)
		}
	case nb.ECONFLICT:
		if action == nb.ActionWithdraw {
			return h.fail("withdraw_left", n)
		}
	}
	return err
}

func init() {
	texts["done_notice"] = [2]string{"已处理：%s", "Done: %s"}
}
