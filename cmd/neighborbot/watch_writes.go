package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// writeWatchEvery is how often watchWrites looks.
const writeWatchEvery = 2 * time.Second

// watchWrites tells the operator, once each time it starts and ends, that
// the database file became read-only (the bot still writes through its
// open files, but would not start again) or that the database fails
// writes (messages are kept and tried again; /healthz answers 503).
func watchWrites(ctx context.Context, db *store.DB, engine *bot.Engine, logger *slog.Logger) {
	ticker := time.NewTicker(writeWatchEvery)
	defer ticker.Stop()
	var readOnly, failing bool
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		readOnly = noteChange(readOnly, db.Writable(), func(err error) {
			logger.Error("the database became read-only: fix its permissions before the bot restarts", "err", err)
		}, func() { logger.Info("the database file is writable again") })
		var storeErr error
		if msg := engine.Health().StoreError; msg != "" {
			storeErr = errors.New(msg)
		}
		failing = noteChange(failing, storeErr, func(err error) {
			logger.Error("the database fails writes: messages are kept and tried again, /healthz answers 503 "+
				"until it takes writes", "err", err)
		}, func() { logger.Info("the database takes writes again") })
	}
}

// noteChange calls started or ended when err's presence differs from was,
// and returns whether there is an error now.
func noteChange(was bool, err error, started func(error), ended func()) bool {
	switch {
	case err != nil && !was:
		started(err)
	case err == nil && was:
		ended()
	}
	return err != nil
}
