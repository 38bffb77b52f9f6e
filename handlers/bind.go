package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// bind: "#绑定 CODE" in a private chat — redeems an invite for a role.
func (h *Handlers) bind(c *bot.Context) error {
	if c.IsGroup() {
		return c.Reply(h.l.T("bind_private_only"))
	}
	code := strings.ToUpper(c.Command.Arg(0))
	if code == "" {
		return h.fail("need_text", "#绑定 ABCD-1234")
	}
	inv, err := c.Tx.RedeemInvite(code, c.Person.ID)
	if code := nb.ErrorCode(err); code == nb.ENOTFOUND || code == nb.EINVALID {
		return c.Reply(h.l.T("bind_bad_code", nb.ErrorMessage(err)))
	} else if err != nil {
		return err
	}
	scope := unitName(c, inv.UnitID)
	if scope == "" {
		scope = "*"
	}
	return c.Reply(h.l.T("bind_ok", scope, h.l.Name("role", inv.Role)))
}

// bindGroup: "#绑定群 单位" in a group — binds it to a unit in the
// officer's area; reports that waited for this are handed over.
func (h *Handlers) bindGroup(c *bot.Context) error {
	if !c.IsGroup() {
		return c.Reply(h.l.T("bindgroup_group"))
	}
	name := c.Command.Rest
	if name == "" {
		return h.fail("need_unit", h.l.T("ex_bindgroup"))
	}
	u, err := h.findUnit(c, name)
	if err != nil {
		return err
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	actor := c.Actor()
	if !actor.Covers(tree, u.ID, managers...) || (c.Chat.Bound() && !actor.Covers(tree, c.Chat.UnitID, managers...)) {
		return c.Reply(h.l.T("bindgroup_forbidden"))
	}
	cases, err := c.Tx.ListCases(nb.CaseFilter{ChatID: c.Chat.ID, Limit: 500})
	if err != nil {
		return err
	}
	waiting := 0
	for _, cs := range cases {
		if cs.UnitID == 0 {
			waiting++
		}
	}
	if err := c.Tx.BindChat(c.Chat.ID, u.ID); err != nil {
		return err
	}
	return c.Reply(h.l.T("bindgroup_ok", u.Name, waiting))
}
