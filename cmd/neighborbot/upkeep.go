package main

import (
	"context"
	"log/slog"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/config"
)

// upkeepEvery is how often handled records are pruned and the planner's
// statistics refreshed.
const upkeepEvery = 10 * time.Minute

// scheduleUpkeep keeps the database's size and speed flat as history
// grows: handled incoming messages, sent messages and sandbox lines older
// than their retention are pruned (a bounded number at a time), and the
// query planner's statistics are refreshed (first at start).
func scheduleUpkeep(e *bot.Engine, keep config.Retention, logger *slog.Logger) {
	e.Schedule("optimize", time.Hour, func(_ context.Context, tx nb.Tx) (int, error) { return 0, tx.Optimize() })
	e.Schedule("prune", upkeepEvery, func(_ context.Context, tx nb.Tx) (int, error) {
		now := tx.Now()
		for _, p := range []struct {
			what  string
			prune func(time.Time) (int64, error)
			keep  time.Duration
		}{
			{"handled incoming messages", tx.PruneInbox, keep.Inbox.Duration},
			{"sent messages", tx.PruneOutbox, keep.Outbox.Duration},
			{"sandbox chat lines", tx.PruneSandbox, keep.Sandbox.Duration},
		} {
			n, err := p.prune(now.Add(-p.keep))
			if err != nil {
				return 0, err
			}
			if n > 0 {
				logger.Info("pruned old records", "what", p.what, "count", n)
			}
		}
		return 0, nil
	})
}
