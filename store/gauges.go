package store

import (
	"context"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// OutboxQueue is how many replies wait to be sent on one platform, and
// since when the oldest has waited.
type OutboxQueue struct {
	Platform nb.Platform
	Pending  int
	Oldest   time.Time
}

// OutboxQueues returns the pending outbox per platform (for /metrics). It
// reads only the pending rows, through their partial index.
func (db *DB) OutboxQueues(ctx context.Context) ([]OutboxQueue, error) {
	var list []OutboxQueue
	err := db.View(ctx, func(t nb.Tx) (err error) {
		list, err = queryList(asTx(t), func(row scanner) (OutboxQueue, error) {
			var q OutboxQueue
			err := row.Scan(&q.Platform, &q.Pending, scanTime(&q.Oldest))
			return q, err
		}, `SELECT platform, COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending' GROUP BY platform`)
		if err != nil {
			return fmt.Errorf("outbox queues: %w", err)
		}
		return nil
	})
	return list, err
}

// CasesByStage counts the cases in each stage (for /metrics).
func (db *DB) CasesByStage(ctx context.Context) (map[nb.Stage]int, error) {
	counts := map[nb.Stage]int{}
	err := db.View(ctx, func(t nb.Tx) error {
		type row struct {
			stage nb.Stage
			n     int
		}
		rows, err := queryList(asTx(t), func(s scanner) (row, error) {
			var r row
			err := s.Scan(&r.stage, &r.n)
			return r, err
		}, `SELECT stage, COUNT(*) FROM cases GROUP BY stage`)
		if err != nil {
			return fmt.Errorf("cases by stage: %w", err)
		}
		for _, r := range rows {
			counts[r.stage] = r.n
		}
		return nil
	})
	return counts, err
}

// Ping checks that the database answers a read (for /healthz).
func (db *DB) Ping(ctx context.Context) error {
	return db.View(ctx, func(t nb.Tx) error {
		var n int
		return asTx(t).queryRow(`SELECT 1`).Scan(&n)
	})
}
