package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// appoint: "#任命 名字 [单位]", "#任命 @someone [单位]", or "#任命 [单位]" as
// a reply to the person's message — an officer makes
// a person the ambassador (宣传代言人) of the officer's unit or one below
// it; without a unit, of this group's unit (or the officer's only unit).
func (h *Handlers) appoint(c *bot.Context) error {
	p, used, err := h.appointee(c)
	if err != nil {
		return err
	}
	unit, err := h.appointUnit(c, c.Command.Arg(used))
	if err != nil {
		return err
	}
	if err := h.bc.AppointTx(c.Tx, c.Actor(), p.ID, unit); err != nil {
		return h.explain(err)
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	c.Logger.Info("ambassador appointed", "person", p.ID, "unit", unit, "by", c.Person.ID)
	return c.Reply(h.l.T("bc_appoint_ok", p.Name, tree.Name(unit)))
}

// appointee is the person whose message this one replies to, else the
// first one it mentions, else the one named by argument 0.
func (h *Handlers) appointee(c *bot.Context) (p *nb.Person, used int, err error) {
	name := strings.TrimPrefix(c.Command.Arg(0), "@")
	for i, id := range append([]string{c.Msg.ReplyToSender}, c.Msg.Mentions...) {
		if id == "" {
			continue
		}
		p, err := c.Tx.FindPersonByIdentity(c.Msg.Platform, id)
		if err == nil || nb.ErrorCode(err) != nb.ENOTFOUND {
			return p, min(i, 1), err // a mention is argument 0; a reply names no argument
		}
	}
	if name == "" {
		return nil, 0, h.fail("bc_need_person", h.l.T("ex_appoint"))
	}
	people, err := c.Tx.FindPeopleByName(name)
	switch {
	case err != nil:
		return nil, 0, err
	case len(people) == 0:
		return nil, 0, h.fail("bc_person_none", name)
	case len(people) > 1:
		return nil, 0, h.fail("bc_person_many", name)
	}
	return people[0], 1, nil
}

// appointUnit is the unit named, else this group's unit, else the
// officer's only unit.
func (h *Handlers) appointUnit(c *bot.Context, name string) (int64, error) {
	if name = strings.TrimPrefix(name, "@"); name != "" {
		u, err := h.findUnit(c, name)
		if err != nil {
			return 0, err
		}
		return u.ID, nil
	}
	if c.IsGroup() && c.Chat != nil && c.Chat.Bound() {
		return c.Chat.UnitID, nil
	}
	var units []int64
	for _, g := range c.Grants {
		if (g.Role == nb.RoleOfficer || g.Role == nb.RoleAdmin) && g.UnitID != 0 {
			units = append(units, g.UnitID)
		}
	}
	if len(units) != 1 {
		return 0, h.fail("bc_need_scope_unit", h.l.T("ex_appoint")+" 一网格")
	}
	return units[0], nil
}

// ambassadors: "#代言人" — the ambassadors in the officer's area, by unit.
func (h *Handlers) ambassadors(c *bot.Context) error {
	list, err := h.bc.AmbassadorsTx(c.Tx, c.Actor())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return c.Reply(h.l.T("bc_list_none"))
	}
	byUnit := map[string][]string{}
	var order []string
	for _, a := range list {
		if _, ok := byUnit[a.Unit]; !ok {
			order = append(order, a.Unit)
		}
		byUnit[a.Unit] = append(byUnit[a.Unit], a.Person.Name)
	}
	var b strings.Builder
	b.WriteString(h.l.T("bc_list_head"))
	for _, u := range order {
		b.WriteString("\n" + u + "：" + strings.Join(byUnit[u], "、"))
	}
	return c.Reply(b.String())
}
