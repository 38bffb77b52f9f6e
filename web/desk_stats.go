package web

import (
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// statsWeeks is how many weeks the charts cover.
const statsWeeks = 8

// maxStatsUnits bounds the per-unit table.
const maxStatsUnits = 30

// period is a span of time chosen on the statistics page.
type period struct {
	Name     string // week, last_week, month, year, or "" for From/To
	From, To time.Time
}

// parsePeriod reads ?period= or ?from=&to= (default: this month).
func parsePeriod(r *http.Request, now time.Time, loc *time.Location) period {
	q := r.URL.Query()
	now = now.In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	monday := day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
	from, errF := time.ParseInLocation("2006-01-02", q.Get("from"), loc)
	to, errT := time.ParseInLocation("2006-01-02", q.Get("to"), loc)
	switch p := q.Get("period"); {
	case p == "week":
		return period{p, monday, monday.AddDate(0, 0, 7)}
	case p == "last_week":
		return period{p, monday.AddDate(0, 0, -7), monday}
	case p == "year":
		return period{p, time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc), time.Date(now.Year()+1, 1, 1, 0, 0, 0, 0, loc)}
	case errF == nil && errT == nil && !to.Before(from):
		return period{"", from, to.AddDate(0, 0, 1)}
	}
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	return period{"month", first, first.AddDate(0, 1, 0)}
}

// unitStats is one row of the per-unit table.
type unitStats struct {
	Unit  *nb.Unit
	Stats *nb.Stats
}

// statsData is what the statistics page shows.
type statsData struct {
	Period   period
	Unit     int64
	Units    []*nb.Unit
	Stats    *nb.Stats
	PerUnit  []unitStats
	Charts   []template.HTML
	Report   string
	FromDate string
	ToDate   string // inclusive, for the form
}

// statsUnits is the filter of the statistics of unit (0 = the user's area).
func statsUnits(u *deskUser, unit int64) []int64 {
	var f nb.CaseFilter
	u.scope(&f, unit)
	if f.UnitIDs == nil && f.OwnerUnitIDs == nil {
		return nil
	}
	ids := append(slices.Clone(f.UnitIDs), f.OwnerUnitIDs...)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// deskStats: the numbers of the user's area for a period, per unit, with
// charts and the weekly report.
func (s *Server) deskStats(w http.ResponseWriter, r *http.Request, u *deskUser) {
	unit, _ := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	d := statsData{Unit: unit, Units: u.units()}
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		now := tx.Now()
		d.Period = parsePeriod(r, now, s.desk.cfg.Location)
		var err error
		if d.Stats, err = s.statsFor(tx, u, unit, d.Period.From, d.Period.To); err != nil {
			return err
		}
		if d.PerUnit, err = s.perUnit(tx, u, d.Units, d.Period); err != nil {
			return err
		}
		if d.Charts, err = s.charts(tx, u, unit, now); err != nil {
			return err
		}
		d.Report, err = s.weeklyReport(tx, u, unit, now)
		return err
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	d.FromDate = d.Period.From.Format("2006-01-02")
	d.ToDate = d.Period.To.AddDate(0, 0, -1).Format("2006-01-02")
	s.render(w, r, http.StatusOK, "stats", u, d)
}

// statsFor computes the numbers of unit (0 = the user's area) in [from, to).
func (s *Server) statsFor(tx nb.Tx, u *deskUser, unit int64, from, to time.Time) (*nb.Stats, error) {
	return nb.ComputeStats(tx, nb.StatsFilter{UnitIDs: statsUnits(u, unit), From: from, To: to,
		ResponseLimit: s.desk.cfg.ResponseLimit}, s.desk.cfg.BasicWeight)
}

// perUnit computes the numbers of each unit of the user's area (at most
// maxStatsUnits).
func (s *Server) perUnit(tx nb.Tx, u *deskUser, units []*nb.Unit, p period) ([]unitStats, error) {
	var rows []unitStats
	for _, unit := range units[:min(len(units), maxStatsUnits)] {
		st, err := s.statsFor(tx, u, unit.ID, p.From, p.To)
		if err != nil {
			return nil, err
		}
		rows = append(rows, unitStats{unit, st})
	}
	return rows, nil
}

// charts draws cases per week by stage, rates per week, categories of the
// last weeks and overdue projects by owner.
func (s *Server) charts(tx nb.Tx, u *deskUser, unit int64, now time.Time) ([]template.HTML, error) {
	loc := s.desk.cfg.Location
	day := now.In(loc)
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	start := day.AddDate(0, 0, -(int(day.Weekday())+6)%7-7*(statsWeeks-1))
	var labels []string
	stages := []series{{Name: u.L.T("topics"), Color: "#8aa1b1"}, {Name: u.L.T("issues"), Color: "#f0b429"},
		{Name: u.L.T("projects"), Color: "#3b82c4"}, {Name: u.L.T("resolved_n"), Color: "#07a35a"}}
	rates := []series{{Name: u.L.T("rate_resolved"), Color: "#07a35a"}, {Name: u.L.T("rate_satisfied"), Color: "#c77700"}}
	for i := range statsWeeks {
		from := start.AddDate(0, 0, 7*i)
		st, err := s.statsFor(tx, u, unit, from, from.AddDate(0, 0, 7))
		if err != nil {
			return nil, err
		}
		labels = append(labels, from.Format("01-02"))
		for j, v := range []int{st.Topics, st.Issues, st.Projects, st.Resolved} {
			stages[j].Values = append(stages[j].Values, float64(v))
		}
		rates[0].Values = append(rates[0].Values, rateValue(st.ResolutionRate))
		rates[1].Values = append(rates[1].Values, rateValue(st.SatisfactionRate))
	}
	all, err := s.statsFor(tx, u, unit, start, start.AddDate(0, 0, 7*statsWeeks))
	if err != nil {
		return nil, err
	}
	cats, catSeries := sortedCounts(all.ByCategory, u.L.T("count"), "#3b82c4")
	overdue, err := s.overdueByUnit(tx, u, unit, now)
	if err != nil {
		return nil, err
	}
	units, unitSeries := sortedCounts(overdue, u.L.T("overdue"), "#b23b3b")
	return []template.HTML{
		barChart("chart-weeks", u.L.T("per_week"), labels, stages),
		lineChart("chart-rates", u.L.T("rates"), labels, rates),
		barChart("chart-categories", u.L.T("by_category"), cats, catSeries),
		barChart("chart-overdue", u.L.T("overdue_unit"), units, unitSeries),
	}, nil
}

// rateValue is a rate for a chart, NaN when there is none.
func rateValue(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// sortedCounts turns counts into labels and one series, largest first
// (at most 10).
func sortedCounts(m map[string]int, name, color string) ([]string, []series) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		if a < b {
			return -1
		}
		return 1
	})
	keys = keys[:min(len(keys), 10)]
	s := series{Name: name, Color: color}
	for _, k := range keys {
		s.Values = append(s.Values, float64(m[k]))
	}
	return keys, []series{s}
}

// overdueByUnit counts the overdue projects of the area by owner unit
// (at most the first 500 overdue).
func (s *Server) overdueByUnit(tx nb.Tx, u *deskUser, unit int64, now time.Time) (map[string]int, error) {
	f := nb.CaseFilter{OverdueAt: now, Limit: 500}
	u.scope(&f, unit)
	list, err := tx.ListCases(f)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, c := range list {
		counts[u.Tree.Name(c.OwnerUnitID)]++
	}
	return counts, nil
}

// weeklyReport is last week's report of unit (or the user's area), as the
// bot posts it to officers.
func (s *Server) weeklyReport(tx nb.Tx, u *deskUser, unit int64, now time.Time) (string, error) {
	if s.desk.cfg.Report == nil {
		return "", nil
	}
	loc := s.desk.cfg.Location
	day := now.In(loc)
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	to := day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
	from := to.AddDate(0, 0, -7)
	st, err := s.statsFor(tx, u, unit, from, to)
	if err != nil {
		return "", err
	}
	f := nb.CaseFilter{OverdueAt: now, ByDue: true, Limit: 5}
	u.scope(&f, unit)
	overdue, err := tx.ListCases(f)
	if err != nil {
		return "", err
	}
	name := u.Tree.Name(unit)
	if name == "" {
		name = u.L.T("all")
	}
	return s.desk.cfg.Report(name, from, to, st, overdue), nil
}
