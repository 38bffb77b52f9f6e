package cases_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/cases"
)

func TestWeeklyReportOncePerWeek(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	w := newWorld(t, nb.Policy{})
	job := w.svc.WeeklyReport(cases.ReportSchedule{Weekday: time.Monday, At: 9 * time.Hour, Location: shanghai, BasicWeight: 0.9})
	run := func() map[string][]string {
		w.sent()
		w.update(func(tx nb.Tx) error { _, err := job(w.ctx, tx); return err })
		return w.sent()
	}
	// Last week (Mon 23 – Sun 29 Nov): one case, accepted and now overdue.
	w.now = time.Date(2026, 11, 24, 10, 0, 0, 0, shanghai).UTC()
	n := w.report("5号楼垃圾没人收", nb.PriorityUrgent)
	w.act("书记", n, nb.Command{Action: nb.ActionAccept, UnitID: w.units["幸福物业"]})
	w.now = time.Date(2026, 11, 30, 8, 59, 0, 0, shanghai).UTC() // Monday, before 09:00
	none(t, "before the report time", run())
	w.now = w.now.Add(2 * time.Minute)
	got := run()
	if len(got["private:书记"]) != 1 || len(got["private:别的书记"]) != 1 || len(got) != 2 {
		t.Fatalf("each community's officers get their report: %v", got)
	}
	r := got["private:书记"][0]
	for _, want := range []string{"周报", "社区", "11月23日—11月29日", "话题 1 · 议题 1 · 项目 1 · 办结 0", "超期项目 1 件", "#" + itoa(n)} {
		if !strings.Contains(r, want) {
			t.Fatalf("report %q lacks %q", r, want)
		}
	}
	if other := got["private:别的书记"][0]; !strings.Contains(other, "话题 0") || !strings.Contains(other, "没有超期") {
		t.Fatalf("别的社区's report: %q", other)
	}
	w.now = w.now.Add(3 * 24 * time.Hour)
	none(t, "once a week", run())
	w.now = time.Date(2026, 12, 7, 9, 30, 0, 0, shanghai).UTC()
	if got := run(); len(got) != 2 {
		t.Fatalf("the next week's report: %v", got)
	}
}
