package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// progress: "#进展 N 内容" — posted to the group as a reply to the report.
func (h *Handlers) progress(c *bot.Context) error {
	n, text, err := h.caseAndText(c, h.l.T("ex_progress"))
	if err != nil {
		return err
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionProgress, Note: text})
	return err
}

// resolve: "#办结 N 结果" — the reporters are asked to rate.
func (h *Handlers) resolve(c *bot.Context) error {
	n, text, err := h.caseAndText(c, h.l.T("ex_resolve"))
	if err != nil {
		return err
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionResolve, Note: text})
	return err
}

// caseAndText reads "N 内容" from the command.
func (h *Handlers) caseAndText(c *bot.Context, example string) (int64, string, error) {
	n, err := h.caseNumber(c, 0, example)
	if err != nil {
		return 0, "", err
	}
	text := c.Command.TextAfter(1)
	if text == "" {
		return 0, "", h.fail("need_text", example)
	}
	if len([]rune(text)) > 500 {
		return 0, "", h.fail("too_long", 500)
	}
	return n, text, nil
}
