package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// detail: "#详情 N" — a case's timeline, every event with its time and
// actor, for the officers of its area and its owner or whistled unit.
// Residents' names and personal data are masked.
func (h *Handlers) detail(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_detail"))
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	a := c.Actor()
	if !a.Covers(tree, cs.UnitID, managers...) && !(cs.OwnerUnitID != 0 && a.Covers(tree, cs.OwnerUnitID, nb.RoleDepartment)) &&
		!(cs.WhistleUnitID != 0 && a.Covers(tree, cs.WhistleUnitID, nb.RoleDepartment)) {
		return h.fail("forbidden_scope", n)
	}
	events, err := c.Tx.ListEvents(cs.ID)
	if err != nil {
		return err
	}
	lines := []string{h.describe(c, cs, -1, nil), h.l.T("timeline")}
	names := map[int64]string{}
	for _, e := range events {
		who, err := h.actorName(c, e.ActorID, names)
		if err != nil {
			return err
		}
		line := h.when(e.CreatedAt) + " " + who + " " + h.l.Name("event", e.Kind)
		if e.UnitID != 0 {
			line += " → " + tree.Name(e.UnitID)
		}
		if note := strings.TrimSpace(e.Note); note != "" {
			line += "：" + bot.Truncate(intake.MaskPersonal(note), 60)
		}
		lines = append(lines, line)
	}
	return c.Reply(strings.Join(lines, "\n"))
}

// actorName is how an event's actor appears in a timeline: the system,
// a worker by name, a resident masked ("刘**").
func (h *Handlers) actorName(c *bot.Context, id int64, cache map[int64]string) (string, error) {
	if id == 0 {
		return h.l.T("system"), nil
	}
	if n, ok := cache[id]; ok {
		return n, nil
	}
	p, err := c.Tx.FindPersonByID(id)
	if err != nil {
		return "", err
	}
	grants, err := c.Tx.ListGrants(id)
	if err != nil {
		return "", err
	}
	name := p.Name
	if !(nb.Actor{Grants: grants}).HasRole(workers...) {
		name = maskName(name)
	}
	cache[id] = name
	return name, nil
}

// maskName keeps the first character of a resident's name.
func maskName(s string) string { return intake.MaskName(s) }
