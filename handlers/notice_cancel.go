package handlers

import (
	"errors"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// cancelNotice: "#撤回 B7" / "/cancel B7" — the author, or an officer of
// its scope, withdraws a notice before it goes out.
func (h *Handlers) cancelNotice(c *bot.Context) error {
	id, err := h.noticeCode(c, 0, "ex_cancel")
	if err != nil {
		return err
	}
	n, left, err := h.bc.CancelTx(c.Tx, c.Actor(), id)
	if err != nil {
		var ue *userError
		if err = h.explain(err); errors.As(err, &ue) && numberArg(c) { // "/cancel 24" may mean case #24
			ue.text += "\n" + h.withdrawHint(c)
		}
		return err
	}
	c.Logger.Info("notice cancelled", "notice", id, "by", c.Person.ID, "given_up", left)
	return c.Reply(h.l.T("bc_cancel_ok", n.Code(), left))
}

// withdrawOrCancel: "#撤回" takes back a notice when given one ("B7"),
// otherwise a report (withdrawCmd).
func (h *Handlers) withdrawOrCancel(c *bot.Context) error {
	arg := bot.Fold(c.Command.Arg(0))
	if len(arg) > 1 && (arg[0] == 'B' || arg[0] == 'b') {
		if _, ok := nb.ParseNoticeCode(arg); ok {
			return h.cancelNotice(c)
		}
	}
	return h.withdrawCmd(c)
}
