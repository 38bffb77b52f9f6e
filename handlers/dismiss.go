package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// dismiss: "#驳回 N 原因" — the reason is told to the reporters.
func (h *Handlers) dismiss(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_dismiss"))
	if err != nil {
		return err
	}
	reason := c.Command.TextAfter(1)
	if reason == "" {
		return h.fail("need_reason", h.l.T("ex_dismiss"))
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionDismiss, Note: reason})
	return err
}
