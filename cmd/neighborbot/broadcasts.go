package main

import (
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/handlers"
)

// newBroadcastService builds the service of ambassadors' and officers'
// notices with the configured limits and quiet hours.
func newBroadcastService(cfg config.Config, hcfg handlers.Config) *broadcasts.Service {
	b := cfg.Broadcast
	quota := b.DailyQuota
	if quota == 0 {
		quota = -1 // 0 in the file means no limit; the service reads 0 as "default"
	}
	return broadcasts.New(handlers.NewNoticeWords(hcfg), broadcasts.Policy{DailyQuota: quota, MaxRunes: b.MaxLength,
		Links: broadcasts.LinkPolicy(b.Links), MaxAhead: b.MaxAhead.Duration, Quiet: quietHours(cfg), Location: location(cfg)})
}
