package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// accept: "#立项 N [单位]" — becomes a project with an owner and a deadline
// from the time-limit policy. Without a unit, the case's own unit owns it.
func (h *Handlers) accept(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_accept"))
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	owner, err := h.defaultOwner(c, cs)
	if err != nil {
		return err
	}
	if name := c.Command.RestAfter(1); name != "" {
		u, err := h.findUnit(c, name)
		if err != nil {
			return err
		}
		owner = u.ID
	} else if owner == 0 {
		return h.fail("need_owner_unit", h.l.T("ex_accept"))
	}
	_, err = h.act(c, cs.ID, nb.Command{Action: nb.ActionAccept, UnitID: owner})
	return err
}

// defaultOwner is who owns cs when the officer names no unit: the one unit
// of the kind its category usually goes to that serves the case's area (a
// unit at the root serves everyone, one placed under a community serves
// that community), or else the case's own unit.
func (h *Handlers) defaultOwner(c *bot.Context, cs *nb.Case) (int64, error) {
	kind, ok := h.cfg.OwnerKinds[cs.Category]
	if !ok {
		return cs.UnitID, nil
	}
	tree, err := unitTree(c)
	if err != nil {
		return 0, err
	}
	var found []int64
	for _, u := range tree {
		if u.Kind == kind && (u.ParentID == 0 || tree.Within(cs.UnitID, u.ParentID)) {
			found = append(found, u.ID)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return cs.UnitID, nil
}

// assign: "#派单 N 单位" — a project gets a new owner and a fresh deadline.
func (h *Handlers) assign(c *bot.Context) error {
	n, u, err := h.caseAndUnit(c, h.l.T("ex_assign"))
	if err != nil {
		return err
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionAssign, UnitID: u.ID})
	return err
}

// caseAndUnit reads "N 单位" from the command.
func (h *Handlers) caseAndUnit(c *bot.Context, example string) (int64, *nb.Unit, error) {
	n, err := h.caseNumber(c, 0, example)
	if err != nil {
		return 0, nil, err
	}
	name := c.Command.RestAfter(1)
	if name == "" {
		return 0, nil, h.fail("need_unit", example)
	}
	u, err := h.findUnit(c, name)
	return n, u, err
}
