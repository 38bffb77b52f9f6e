package handlers

import (
	"fmt"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// overdue: "#超期" — projects past their deadline in the officer's area,
// the longest overdue first.
func (h *Handlers) overdue(c *bot.Context) error {
	const max = 20
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	now := c.Tx.Now()
	list, err := c.Tx.ListCases(nb.CaseFilter{OverdueAt: now, UnitIDs: area(c.Actor(), tree), ByDue: true, Limit: max})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return c.Reply(h.l.T("overdue_none"))
	}
	lines := []string{h.l.T("overdue_head", max)}
	for _, cs := range list {
		lines = append(lines, h.l.T("overdue_line", cs.ID, summary(cs), tree.Name(cs.OwnerUnitID), h.span(now.Sub(cs.DueAt))))
	}
	return c.Reply(strings.Join(lines, "\n"))
}

// span says how long d is, in days or hours ("3天", "5小时").
func (h *Handlers) span(d time.Duration) string {
	if d >= 24*time.Hour {
		return fmt.Sprintf(h.l.T("days"), int(d.Hours()/24))
	}
	return fmt.Sprintf(h.l.T("hours"), max(1, int(d.Hours())))
}
