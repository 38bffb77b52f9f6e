package handlers

import (
	"github.com/neighborbot/neighborbot/bot"
)

// officersGroup: "#工作群 单位" in a group — makes it the officers' work
// group of a unit in the officer's area: escalations and the weekly report
// are posted there too.
func (h *Handlers) officersGroup(c *bot.Context) error {
	if !c.IsGroup() {
		return c.Reply(h.l.T("bindgroup_group"))
	}
	name := c.Command.Rest
	if name == "" {
		return h.fail("need_unit", h.l.T("ex_officersgroup"))
	}
	u, err := h.findUnit(c, name)
	if err != nil {
		return err
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	if !c.Actor().Covers(tree, u.ID, managers...) {
		return h.fail("forbidden_unit", u.Name)
	}
	if err := c.Tx.SetOfficersChat(c.Chat.ID, u.ID); err != nil {
		return err
	}
	return c.Reply(h.l.T("officersgroup_ok", u.Name))
}
