package handlers

import (
	"slices"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// periods maps what officers write to a period ("" = this month).
var periods = map[string]string{
	"本周": "week", "week": "week", "周": "week",
	"本月": "month", "month": "month", "月": "month", "": "month",
	"今年": "year", "year": "year", "本年": "year", "年": "year",
}

// Period returns the named period ("week" from Monday, "month", "year")
// that contains now, in loc, as [from, to).
func Period(period string, now time.Time, loc *time.Location) (from, to time.Time) {
	t := now.In(loc)
	switch period {
	case "week":
		from = time.Date(t.Year(), t.Month(), t.Day()-(int(t.Weekday())+6)%7, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 0, 7)
	case "year":
		from = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(1, 0, 0)
	}
	from = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}

// stats: "#统计 [本周|本月|今年]" — the numbers of the officer's area.
func (h *Handlers) stats(c *bot.Context) error {
	period, ok := periods[strings.ToLower(c.Command.Arg(0))]
	if !ok {
		return h.fail("bad_period")
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	from, to := Period(period, c.Tx.Now(), h.cfg.Location)
	s, err := nb.ComputeStats(c.Tx, nb.StatsFilter{UnitIDs: area(c.Actor(), tree), From: from, To: to,
		ResponseLimit: h.cfg.Limits.Acceptance}, h.cfg.BasicWeight)
	if err != nil {
		return err
	}
	return c.Reply(h.statsText(h.scopeName(c.Actor(), tree), h.l.Name("period", period), s))
}

// scopeName names the units an officer's statistics cover.
func (h *Handlers) scopeName(a nb.Actor, tree nb.UnitTree) string {
	var names []string
	for _, g := range a.Grants {
		if slices.Contains(managers, g.Role) {
			if g.UnitID == 0 {
				return h.l.T("everywhere")
			}
			names = append(names, tree.Name(g.UnitID))
		}
	}
	return strings.Join(names, "、")
}

// statsText renders statistics in a few short lines.
func (h *Handlers) statsText(scope, period string, s *nb.Stats) string {
	return strings.Join(append([]string{h.l.T("stats_head", scope, period)}, h.words.statsLines(s)...), "\n")
}
