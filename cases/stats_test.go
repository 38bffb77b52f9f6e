package cases_test

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestStatsFixture checks the statistics against cases whose numbers are
// worked out by hand below.
func TestStatsFixture(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	nov := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	h := time.Hour
	// add stores c, created at w.now, in unit; confirmed adds the 确认 event.
	add := func(unit string, c nb.Case, confirmed bool) {
		c.UnitID, c.ChatID, c.Text = w.units[unit], w.chat.ID, "fixture"
		w.update(func(tx nb.Tx) error {
			if err := tx.CreateCase(&c); err != nil {
				return err
			}
			if confirmed {
				return tx.AppendEvent(&nb.Event{CaseID: c.ID, Kind: nb.EventKind(nb.ActionConfirm)})
			}
			return nil
		})
	}
	// Each case is reported on day (of November) at 00:00 UTC; its times
	// are counted from then.
	type spec struct {
		day                     int
		unit, category          string
		stage                   nb.Stage
		response, resolved, due time.Duration // after creation; 0 = none
		rating                  nb.Rating
		owner                   string
		confirmed               bool
	}
	specs := []spec{
		// A: answered in 1 h, resolved in 20 h of 7 days, 满意.
		{2, "一网格", "环境卫生", nb.StageClosed, 1 * h, 20 * h, 7 * 24 * h, nb.RatingSatisfied, "幸福物业", true},
		// B: answered late (3 h > 2 h), resolved in 50 h of 24 h (late), 基本满意.
		{3, "一网格", "设施报修", nb.StageClosed, 3 * h, 50 * h, 24 * h, nb.RatingBasic, "城管办", true},
		// C: answered in 30 min, rated 不满意 and reopened: a project again.
		{4, "二网格", "环境卫生", nb.StageProject, h / 2, 0, 7 * 24 * h, nb.RatingUnsatisfied, "幸福物业", true},
		// D: a topic nobody answered.
		{5, "一网格", "噪音", nb.StageTopic, 0, 0, 0, "", "", false},
		// E: confirmed as an issue in 1 h, then dismissed.
		{6, "一网格", "噪音", nb.StageDismissed, 1 * h, 0, 0, "", "", true},
		// F: another community's project, resolved and 满意: not in 社区's numbers.
		{7, "别的社区", "环境卫生", nb.StageClosed, 1 * h, 10 * h, 24 * h, nb.RatingSatisfied, "城管办", true},
		// G: December, outside the period.
		{31, "一网格", "环境卫生", nb.StageClosed, 1 * h, 10 * h, 24 * h, nb.RatingSatisfied, "幸福物业", true},
		// H: October: a topic answered late, in a period with no project.
		{-20, "一网格", "噪音", nb.StageTopic, 5 * h, 0, 0, "", "", false},
	}
	for _, s := range specs {
		w.now = nov.Add(time.Duration(s.day-1) * 24 * h)
		c := nb.Case{Stage: s.stage, Category: s.category, Rating: s.rating, OwnerUnitID: w.units[s.owner]}
		if s.response > 0 {
			c.FirstResponseAt = w.now.Add(s.response)
		}
		if s.resolved > 0 {
			c.ResolvedAt = w.now.Add(s.resolved)
		}
		if s.due > 0 {
			c.DueAt = w.now.Add(s.due)
		}
		add(s.unit, c, s.confirmed)
	}

	stats := func(unit string, from, to time.Time) *nb.Stats {
		t.Helper()
		f := nb.StatsFilter{From: from, To: to, ResponseLimit: 2 * h}
		var s *nb.Stats
		w.update(func(tx nb.Tx) error {
			units, err := tx.ListUnits()
			if err != nil {
				return err
			}
			if unit != "" {
				f.UnitIDs = nb.NewUnitTree(units).Subtree(w.units[unit])
			}
			s, err = nb.ComputeStats(tx, f, 0.9)
			return err
		})
		return s
	}
	dec := nov.AddDate(0, 1, 0)
	s := stats("社区", nov, dec)
	// 社区 in November: A, B, C, D, E.
	wantCounts := [4]int{5, 4, 3, 2} // topics; issues A B C E; projects A B C; resolved A B
	if got := [4]int{s.Topics, s.Issues, s.Projects, s.Resolved}; got != wantCounts {
		t.Errorf("counts %v, want %v", got, wantCounts)
	}
	rates := map[string]struct {
		got  *float64
		want float64
	}{
		"resolution_rate":       {s.ResolutionRate, 2.0 / 3},          // A, B of A, B, C
		"response_rate":         {s.ResponseRate, 3.0 / 5},            // A, C, E within 2 h
		"solve_rate":            {s.SolveRate, 2.0 / 3},               // A, B not sent back, of 3 rated
		"satisfaction_rate":     {s.SatisfactionRate, (1 + 0.9) / 3},  // 满意 + 0.9 × 基本满意
		"on_time_rate":          {s.OnTimeRate, 1.0 / 2},              // A on time, B late
		"median_response_hours": {s.MedianResponseHours, (1 + 1) / 2}, // 0.5, 1, 1, 3
		"median_resolve_hours":  {s.MedianResolveHours, (20 + 50) / 2},
	}
	for name, r := range rates {
		if r.got == nil || math.Abs(*r.got-r.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, deref(r.got), r.want)
		}
	}
	if want := map[string]int{"环境卫生": 2, "设施报修": 1, "噪音": 2}; !mapsEqual(s.ByCategory, want) {
		t.Errorf("by_category %v, want %v", s.ByCategory, want)
	}

	// 幸福物业's numbers: the cases it owns (A, C).
	if p := stats("幸福物业", nov, dec); p.Projects != 2 || p.Resolved != 1 {
		t.Errorf("幸福物业: %d projects, %d resolved; want 2, 1", p.Projects, p.Resolved)
	}
	// Everywhere in November adds F: 3 resolved of 4 projects.
	if all := stats("", nov, dec); all.Topics != 6 || all.Projects != 4 || all.Resolved != 3 {
		t.Errorf("everywhere: %+v", all)
	}

	// October: one late topic, no project and no rating: those rates are null.
	oct := stats("社区", nov.AddDate(0, -1, 0), nov)
	if oct.Topics != 1 || oct.Projects != 0 {
		t.Fatalf("October: %+v", oct)
	}
	b, err := json.Marshal(oct)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	wantKeys := []string{"by_category", "issues", "median_resolve_hours", "median_response_hours", "on_time_rate",
		"projects", "resolution_rate", "resolved", "response_rate", "satisfaction_rate", "solve_rate", "topics"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("JSON keys %v, want %v", keys, wantKeys)
	}
	for _, k := range []string{"resolution_rate", "solve_rate", "satisfaction_rate", "on_time_rate", "median_resolve_hours"} {
		if obj[k] != nil {
			t.Errorf("October %s = %v, want null", k, obj[k])
		}
	}
	if obj["response_rate"] != 0.0 || obj["median_response_hours"] != 5.0 {
		t.Errorf("October response: %v, %v; want 0 and 5", obj["response_rate"], obj["median_response_hours"])
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
