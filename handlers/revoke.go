package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// roleWords maps what officers write to a role.
var roleWords = map[string]nb.Role{
	"网格员": nb.RoleGridWorker, "grid_worker": nb.RoleGridWorker,
	"党建指导员": nb.RoleOfficer, "社区工作人员": nb.RoleOfficer, "工作人员": nb.RoleOfficer, "书记": nb.RoleOfficer, "officer": nb.RoleOfficer,
	"承办单位人员": nb.RoleDepartment, "部门": nb.RoleDepartment, "物业": nb.RoleDepartment, "department": nb.RoleDepartment,
	"宣传代言人": nb.RoleAmbassador, "代言人": nb.RoleAmbassador, "ambassador": nb.RoleAmbassador,
	"管理员": nb.RoleAdmin, "admin": nb.RoleAdmin,
}

// revoke: "#撤销 名字 角色" — an officer takes a role back from a person
// in their area (only an admin takes back an admin's).
func (h *Handlers) revoke(c *bot.Context) error {
	name, word := c.Command.Arg(0), strings.ToLower(c.Command.Arg(1))
	role, ok := roleWords[word]
	if name != "" && word == "" {
		if done, err := h.revokeAmbassador(c, name); done || err != nil {
			return err
		}
	}
	if name == "" || !ok {
		return h.fail("need_role", h.l.T("ex_revoke"))
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	grants, err := c.Tx.ListAllGrants()
	if err != nil {
		return err
	}
	actor := c.Actor()
	var done []string
	outside := false
	for _, g := range grants {
		if g.Role != role {
			continue
		}
		p, err := c.Tx.FindPersonByID(g.PersonID)
		if err != nil {
			return err
		}
		if p.Name != name {
			continue
		}
		if !actor.Covers(tree, g.UnitID, nb.RoleOfficer, nb.RoleAdmin) || (role == nb.RoleAdmin && !actor.HasRole(nb.RoleAdmin)) {
			outside = true
			continue
		}
		if role == nb.RoleAmbassador {
			n, err := h.bc.RevokeTx(c.Tx, actor, g.PersonID, g.UnitID)
			if err != nil {
				return h.explain(err)
			}
			c.Logger.Info("ambassador revoked", "person", g.PersonID, "unit", g.UnitID, "by", c.Person.ID, "cancelled", n)
			done = append(done, scopeOf(tree, g.UnitID))
			continue
		}
		if err := c.Tx.RevokeRole(g); err != nil {
			return err
		}
		c.Logger.Info("role revoked", "person", g.PersonID, "role", g.Role, "unit", g.UnitID, "by", c.Person.ID)
		done = append(done, scopeOf(tree, g.UnitID))
	}
	switch {
	case len(done) > 0:
		return c.Reply(h.l.T("revoke_ok", name, strings.Join(done, "、"), h.l.Name("role", role)))
	case outside:
		return c.Reply(h.l.T("revoke_forbidden", name, h.l.Name("role", role)))
	}
	return c.Reply(h.l.T("revoke_none", name, h.l.Name("role", role)))
}

// scopeOf is a unit's name, "*" for everywhere.
func scopeOf(tree nb.UnitTree, id int64) string {
	if id == 0 {
		return "*"
	}
	return tree.Name(id)
}
