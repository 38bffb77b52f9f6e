package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// confirm: "#确认 N" — topic → issue.
func (h *Handlers) confirm(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_confirm"))
	if err != nil {
		return err
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionConfirm})
	return err
}
