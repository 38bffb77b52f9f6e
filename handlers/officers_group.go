package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// officersGroup: "#工作群 单位" in a group — makes it the officers' work
// group of a unit in the officer's area: escalations and the weekly report
// are posted there too.
func (h *Handlers) officersGroup(c *bot.Context) error {
	u, tree, err := h.groupUnit(c, "ex_officersgroup")
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

// groupUnit reads the unit a group command names ("#绑定群 单位",
// "#工作群 单位"), with the unit tree to check the sender's area against;
// example is the key of the command's example, shown when no unit is named.
func (h *Handlers) groupUnit(c *bot.Context, example string) (*nb.Unit, nb.UnitTree, error) {
	if !c.IsGroup() {
		return nil, nil, h.fail("bindgroup_group")
	}
	name := c.Command.Rest
	if name == "" {
		return nil, nil, h.fail("need_unit", h.l.T(example))
	}
	u, err := h.findUnit(c, name)
	if err != nil {
		return nil, nil, err
	}
	tree, err := unitTree(c)
	return u, tree, err
}
