package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/config"
)

// newCaseService builds the case service every caller goes through, with
// the configured time-limit policy and quiet hours.
func newCaseService(cfg config.Config, db nb.Store, words nb.Phrasebook) *cases.Service {
	t := cfg.TimeLimits
	policy := nb.Policy{Limits: timeLimits(cfg), RemindFraction: t.RemindAt, MaxExtensions: t.MaxExtensions,
		MaxExtension: t.MaxExtension.Duration, Quiet: quietHours(cfg)}
	host, _ := os.Hostname()
	lease := max(5*time.Minute, 3*t.TimerInterval.Duration)
	return cases.New(db, words, policy, cases.WithLeaseHolder(fmt.Sprintf("%s/%d", host, os.Getpid())),
		cases.WithLease(lease))
}

// quietHours reads the configured window (validated when the config loaded).
func quietHours(cfg config.Config) nb.QuietHours {
	return nb.QuietHours{Start: clock(cfg.QuietHours.Start), End: clock(cfg.QuietHours.End), Location: location(cfg)}
}

// clock turns "HH:MM" into the time since midnight (0 if empty).
func clock(s string) time.Duration {
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		return 0
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
}

// reportSchedule reads when the weekly report goes out (validated when the
// config loaded).
func reportSchedule(cfg config.Config) cases.ReportSchedule {
	return cases.ReportSchedule{Weekday: config.Weekdays[strings.ToLower(cfg.Report.Weekday)], At: clock(cfg.Report.Time),
		Location: location(cfg), BasicWeight: cfg.Rating.BasicWeight}
}
