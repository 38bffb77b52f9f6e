package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// revokeAmbassador: "#撤销 名字" without a role takes back the person's
// ambassador role in the officer's area and cancels their unsent notices.
// done is false when no one of that name is an ambassador (the caller then
// asks for a role).
func (h *Handlers) revokeAmbassador(c *bot.Context, name string) (done bool, err error) {
	people, err := c.Tx.FindPeopleByName(name)
	if err != nil {
		return false, err
	}
	tree, err := unitTree(c)
	if err != nil {
		return false, err
	}
	for _, p := range people {
		grants, err := c.Tx.ListGrants(p.ID)
		if err != nil {
			return false, err
		}
		for _, g := range grants {
			if g.Role != nb.RoleAmbassador {
				continue
			}
			n, err := h.bc.RevokeTx(c.Tx, c.Actor(), p.ID, g.UnitID)
			if err != nil {
				return true, h.explain(err)
			}
			c.Logger.Info("ambassador revoked", "person", p.ID, "unit", g.UnitID, "by", c.Person.ID, "cancelled", n)
			return true, c.Reply(h.l.T("bc_revoke_ok", p.Name, tree.Name(g.UnitID), n))
		}
	}
	return false, nil
}
