package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// merge: "#合并 N M" — N is the same as M; N's followers follow M.
func (h *Handlers) merge(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_merge"))
	if err != nil {
		return err
	}
	m, err := h.caseNumber(c, 1, h.l.T("ex_merge"))
	if err != nil {
		return err
	}
	if n == m {
		return h.fail("merge_self", n)
	}
	target, err := h.loadCase(c, m)
	if err != nil {
		return err
	}
	if !target.Stage.Open() {
		return h.fail("merge_target", m)
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionMerge, TargetID: m})
	return err
}
