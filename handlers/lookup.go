package handlers

import (
	"errors"
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

// findUnit resolves a unit name the way people type it (nb.FindUnit:
// "城管办" for "城管办(演示)"), telling the person the closest names when
// none matches.
func (h *Handlers) findUnit(c *bot.Context, name string) (*nb.Unit, error) {
	units, err := c.Tx.ListUnits()
	if err != nil {
		return nil, err
	}
	u, err := nb.FindUnit(units, name)
	var le *nb.UnitLookupError
	switch {
	case err == nil:
		return u, nil
	case errors.As(err, &le) && le.Ambiguous:
		return nil, h.fail("unit_ambiguous", name, strings.Join(le.Names, "、"))
	case errors.As(err, &le):
		return nil, h.fail("unit_not_found", name, strings.Join(le.Names, "、"))
	}
	return nil, err
}

// unitTree loads the whole unit tree for scope checks.
func unitTree(c *bot.Context) (nb.UnitTree, error) {
	return c.Tx.UnitTree()
}
