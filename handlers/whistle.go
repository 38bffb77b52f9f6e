package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// whistle: "#吹哨 N 单位" — the unit must report (报到) within the limit.
func (h *Handlers) whistle(c *bot.Context) error {
	n, u, err := h.caseAndUnit(c, h.l.T("ex_whistle"))
	if err != nil {
		return err
	}
	due := c.Tx.Now().Add(h.cfg.Limits.WhistleAck)
	cs, err := h.act(c, n, nb.Command{Action: nb.ActionWhistle, UnitID: u.ID, DueAt: due}, func(cs *nb.Case, _ *nb.Event) string {
		return h.l.T("say_whistle", cs.ID, summary(cs), u.Name, h.when(due))
	})
	if err != nil {
		return err
	}
	return h.notifyStaff(c, cs, u.ID, h.whistleText(cs))
}

// ack: "#报到 N" — the whistled unit reports for duty.
func (h *Handlers) ack(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_ack"))
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	if cs.WhistleUnitID == 0 {
		return h.fail("no_whistle", cs.ID)
	}
	whistled := unitName(c, cs.WhistleUnitID)
	_, err = h.actOn(c, cs, nb.Command{Action: nb.ActionAck, UnitID: cs.WhistleUnitID}, func(cs *nb.Case, _ *nb.Event) string {
		return h.l.T("say_ack", cs.ID, summary(cs), whistled)
	})
	return err
}
