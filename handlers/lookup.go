package handlers

import (
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// caseNumber reads a case number such as "12" or "#12" from argument i.
func (h *Handlers) caseNumber(c *bot.Context, i int, example string) (int64, error) {
	s := strings.TrimLeft(c.Command.Arg(i), "#")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, h.fail("need_case_number", example)
	}
	return n, nil
}

// loadCase loads case n, telling the person when there is none.
func (h *Handlers) loadCase(c *bot.Context, n int64) (*nb.Case, error) {
	cs, err := c.Tx.FindCaseByID(n)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return nil, h.fail("case_not_found", n)
	}
	return cs, err
}

// findUnit resolves a unit by its exact name, or else by a part of its
// name that only one unit contains ("城管办" → "城管办(演示)").
func (h *Handlers) findUnit(c *bot.Context, name string) (*nb.Unit, error) {
	u, err := c.Tx.FindUnitByName(name)
	if err == nil || nb.ErrorCode(err) != nb.ENOTFOUND {
		return u, err
	}
	units, err := c.Tx.ListUnits()
	if err != nil {
		return nil, err
	}
	var found []*nb.Unit
	var all []string
	for _, u := range units {
		all = append(all, u.Name)
		if strings.Contains(u.Name, name) {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, h.fail("unit_not_found", name, strings.Join(all, "、"))
	}
	var names []string
	for _, u := range found {
		names = append(names, u.Name)
	}
	return nil, h.fail("unit_ambiguous", name, strings.Join(names, "、"))
}

// unitTree loads the whole unit tree for scope checks.
func unitTree(c *bot.Context) (nb.UnitTree, error) {
	units, err := c.Tx.ListUnits()
	if err != nil {
		return nil, err
	}
	return nb.NewUnitTree(units), nil
}
