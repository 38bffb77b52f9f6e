package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// noticeCode reads a notice number ("B7") from argument i.
func (h *Handlers) noticeCode(c *bot.Context, i int, example string) (int64, error) {
	id, ok := nb.ParseNoticeCode(bot.Fold(c.Command.Arg(i)))
	if !ok {
		return 0, h.fail("bc_need_code", h.l.T(example))
	}
	return id, nil
}

// approve: "#批准 B7" — an officer of the notice's scope lets it go out.
func (h *Handlers) approve(c *bot.Context) error {
	id, err := h.noticeCode(c, 0, "ex_approve")
	if err != nil {
		return err
	}
	res, err := h.bc.ApproveTx(c.Tx, c.Actor(), id)
	if err != nil {
		return h.explain(err)
	}
	c.Counted(res.Queued + res.Told)
	c.Logger.Info("notice approved", "notice", id, "by", c.Person.ID, "queued", res.Queued)
	return c.Reply(h.l.T("bc_approve_ok", res.Notice.Code(), res.Queued))
}

// reject: "#拒绝 B7 原因" — an officer of the notice's scope refuses it.
func (h *Handlers) reject(c *bot.Context) error {
	id, err := h.noticeCode(c, 0, "ex_reject")
	if err != nil {
		return err
	}
	res, err := h.bc.RejectTx(c.Tx, c.Actor(), id, c.Command.TextAfter(1))
	if err != nil {
		return h.explain(err)
	}
	c.Counted(res.Told)
	c.Logger.Info("notice rejected", "notice", id, "by", c.Person.ID)
	return c.Reply(h.l.T("bc_reject_ok", res.Notice.Code()))
}
