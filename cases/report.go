package cases

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// ReportSchedule says when the weekly report goes out.
type ReportSchedule struct {
	Weekday     time.Weekday
	At          time.Duration // since local midnight
	Location    *time.Location
	BasicWeight float64 // of 基本满意 in 满意率
}

// reportOverdue is how many overdue projects a report lists.
const reportOverdue = 5

// platforms on which officers may be reached privately.
var platforms = []nb.Platform{nb.PlatformSandbox, nb.PlatformTelegram, nb.PlatformWeChat}

// WeeklyReport returns the job that, once a week at the scheduled time (or
// at its first run after it, if the bot was down then), sends each
// community's officers (privately, and in their work groups) the numbers of the week before and the
// projects overdue now. A setting records the week sent, so it goes out once;
// the timers lease keeps other processes from sending it too.
func (s *Service) WeeklyReport(sched ReportSchedule) func(context.Context, nb.Tx) (int, error) {
	return func(_ context.Context, tx nb.Tx) (int, error) {
		now := tx.Now()
		due, from := reportTime(sched, now)
		if now.Before(due) {
			return 0, nil
		}
		key := "weekly_report_sent:" + from.Format(time.DateOnly)
		if _, err := tx.Setting(key); nb.ErrorCode(err) != nb.ENOTFOUND {
			return 0, err // sent already (nil), or a real error
		}
		if ok, err := tx.AcquireLease(timersLease, s.holder, now.Add(s.lease)); err != nil || !ok {
			return 0, err
		}
		queued, err := s.sendReports(tx, sched, from, from.AddDate(0, 0, 7))
		if err != nil {
			return queued, err
		}
		return queued, tx.PutSetting(key, now.Format(time.RFC3339))
	}
}

// reportTime returns this week's report time (the scheduled weekday and
// time in the week of now, weeks starting on Monday) and the Monday that
// starts the week the report covers: the week before.
func reportTime(sched ReportSchedule, now time.Time) (due, from time.Time) {
	loc := sched.Location
	if loc == nil {
		loc = time.UTC
	}
	t := now.In(loc)
	monday := time.Date(t.Year(), t.Month(), t.Day()-(int(t.Weekday())+6)%7, 0, 0, 0, 0, loc)
	offset := (int(sched.Weekday) + 6) % 7 // days after Monday
	due = monday.AddDate(0, 0, offset).Add(sched.At)
	return due, monday.AddDate(0, 0, -7)
}

// sendReports sends every community's report for [from, to).
func (s *Service) sendReports(tx nb.Tx, sched ReportSchedule, from, to time.Time) (int, error) {
	units, err := tx.ListUnits()
	if err != nil {
		return 0, err
	}
	tree := nb.NewUnitTree(units)
	queued := 0
	for _, u := range units {
		if u.Kind != nb.UnitCommunity {
			continue
		}
		area := tree.Subtree(u.ID)
		st, err := nb.ComputeStats(tx, nb.StatsFilter{UnitIDs: area, From: from, To: to,
			ResponseLimit: s.policy.Limits.Acceptance}, sched.BasicWeight)
		if err != nil {
			return queued, err
		}
		overdue, err := tx.ListCases(nb.CaseFilter{OverdueAt: tx.Now(), UnitIDs: area, ByDue: true, Limit: reportOverdue})
		if err != nil {
			return queued, err
		}
		text := s.words.Report(u.Name, from, to, st, overdue)
		n, err := postToOfficersChats(tx, u.ID, text, 0)
		if err != nil {
			return queued, err
		}
		queued += n
		for _, p := range platforms {
			officers, err := tx.ListReachable(nb.RoleOfficer, u.ID, p)
			if err != nil {
				return queued, err
			}
			for _, o := range officers {
				if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: o.Platform, ChatExternalID: o.PrivateChatID,
					Text: text}); err != nil {
					return queued, err
				}
				queued++
			}
		}
	}
	return queued, nil
}
