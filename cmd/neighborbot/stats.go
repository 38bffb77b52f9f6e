package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runStats implements "stats": the numbers of a unit's subtree for a period.
func runStats(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("stats", sys)
	unit := fs.String("unit", "", "unit name; the unit and every unit below it (default: everywhere)")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: the beginning)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, included (default: today)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		loc := location(cfg)
		f := nb.StatsFilter{ResponseLimit: cfg.TimeLimits.Acceptance.Duration}
		var err error
		if f.From, err = day(*from, loc, "-from"); err != nil {
			return err
		}
		if f.To, err = day(*to, loc, "-to"); err != nil {
			return err
		} else if !f.To.IsZero() {
			f.To = f.To.AddDate(0, 0, 1)
		}
		var s *nb.Stats
		scope := "everywhere"
		err = db.View(ctx, func(tx nb.Tx) error {
			if *unit != "" {
				units, err := tx.ListUnits()
				if err != nil {
					return err
				}
				u, err := nb.FindUnit(units, *unit)
				if err != nil {
					return fmt.Errorf("-unit: %w", err)
				}
				f.UnitIDs, scope = nb.NewUnitTree(units).Subtree(u.ID), u.Name+" and below"
			}
			s, err = nb.ComputeStats(tx, f, cfg.Rating.BasicWeight)
			return err
		})
		if err != nil {
			return fmt.Errorf("stats: %s", explain(err))
		}
		if *asJSON {
			enc := json.NewEncoder(sys.Out)
			enc.SetEscapeHTML(false)
			return enc.Encode(s)
		}
		return printStats(sys, scope, *from, *to, s)
	})
}

// day parses a YYYY-MM-DD flag as the start of that day in loc.
func day(s string, loc *time.Location, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s: %q is not a date YYYY-MM-DD", errUsage, flagName, s)
	}
	return t, nil
}

// printStats prints statistics as a readable table.
func printStats(sys IO, scope, from, to string, s *nb.Stats) error {
	rate := func(r *float64) string {
		if r == nil {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", *r*100)
	}
	hours := func(r *float64) string {
		if r == nil {
			return "-"
		}
		return fmt.Sprintf("%.1f h", *r)
	}
	w := newTable(sys.Out)
	fmt.Fprintf(w, "scope\t%s\n", scope)
	fmt.Fprintf(w, "period\t%s .. %s\n", or(from, "beginning"), or(to, "today"))
	fmt.Fprintf(w, "topics 话题\t%d\nissues 议题\t%d\nprojects 项目\t%d\nresolved 办结\t%d\n",
		s.Topics, s.Issues, s.Projects, s.Resolved)
	fmt.Fprintf(w, "resolution_rate 办结率\t%s\nresponse_rate 响应率\t%s\nsolve_rate 解决率\t%s\n",
		rate(s.ResolutionRate), rate(s.ResponseRate), rate(s.SolveRate))
	fmt.Fprintf(w, "satisfaction_rate 满意率\t%s\non_time_rate 按时办结率\t%s\n", rate(s.SatisfactionRate), rate(s.OnTimeRate))
	fmt.Fprintf(w, "median_response_hours\t%s\nmedian_resolve_hours\t%s\n",
		hours(s.MedianResponseHours), hours(s.MedianResolveHours))
	cats := make([]string, 0, len(s.ByCategory))
	for c := range s.ByCategory {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	for _, c := range cats {
		fmt.Fprintf(w, "  %s\t%d\n", or(c, "(none)"), s.ByCategory[c])
	}
	return w.Flush()
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
