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
	_, err = h.act(c, n, nb.Command{Action: nb.ActionWhistle, UnitID: u.ID})
	return err
}

// ack: "#报到 N" — the whistled unit reports for duty.
func (h *Handlers) ack(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_ack"))
	if err != nil {
		return err
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionAck})
	return err
}
