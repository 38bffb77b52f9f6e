package store

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// SQLite's write-ahead log (WAL) takes every commit; a checkpoint copies the
// pages it holds back into the database file and syncs that file. Left to
// SQLite, the commit that brings the log past wal_autocheckpoint pages runs
// the whole checkpoint itself, inside the single writer: under nbload at
// 1,000 messages/s (issue 6) that was 6-8 % of the server's CPU, all of it
// in the writer, and more as the file grew, since a checkpoint of randomly
// placed index pages costs a write each.
//
// Here a goroutine of the store runs passive checkpoints on a connection of
// its own, on the other core, while the writer goes on committing: a
// passive checkpoint takes no lock a writer or reader waits for; it copies
// what no reader still needs and leaves the rest for the next round. It
// cannot start the log again from its beginning, though: only a writer
// can, and only when the whole log has been copied as it begins, which
// under a steady load (a commit every few milliseconds) almost never
// happens. Measured under nbload: with the goroutine alone, the log grew
// to whatever limit the writer had (64 MB). So the writer keeps its own
// automatic checkpoint, at 4,000 pages instead of SQLite's 1,000: four
// times rarer, and each one copies only the pages of the last
// checkpointEvery (the goroutine copied the rest) before its next
// transaction starts the log again. What remains in the writer is mostly
// the two syncs of each of its checkpoints. 4,000 pages keep the log within
// one segment (4,096 pages) of its index, so that readers look a page up
// in one hash table, as with the default.
const (
	// checkpointEvery is how often the log is copied back: rarely enough
	// that a page written many times in between is copied once, often
	// enough that the writer's own checkpoint finds little left to copy.
	checkpointEvery = 100 * time.Millisecond
	// writerAutoCheckpoint (pages of 4 KB) is when the writer checkpoints
	// what is left and so lets the log start again.
	writerAutoCheckpoint = 4000
	// walSizeLimit (bytes) is what the log file is cut back to after it
	// started again, so that a burst leaves no large file.
	walSizeLimit = 32 << 20
)

// checkpointer runs passive checkpoints every checkpointEvery until stopped.
type checkpointer struct {
	written atomic.Bool // a write transaction committed since the last round
	conn    *sql.DB
	cancel  context.CancelFunc
	done    chan struct{}
	once    sync.Once
}

// startCheckpointer opens a connection of its own to the SQLite file at
// path and checkpoints on it until stop.
func startCheckpointer(driver, path string) *checkpointer {
	conn := openPool(driver, path, "", 1)
	ctx, cancel := context.WithCancel(context.Background())
	c := &checkpointer{conn: conn, cancel: cancel, done: make(chan struct{})}
	go c.run(ctx)
	return c
}

func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if !c.written.Swap(false) {
			continue // nothing new in the log: an idle bot does not touch the file
		}
		// Busy and partly done are normal (a reader still needs a page):
		// the next round copies the rest. Only an error is worth a word,
		// and only its first: the writer checkpoints if this cannot.
		if _, err := c.conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil && ctx.Err() == nil {
			if failures++; failures == 1 {
				slog.Warn("store: checkpoint failed; the writer checkpoints instead", "err", err)
			}
		} else {
			failures = 0
		}
	}
}

// wrote tells the checkpointer that the log has new pages. A nil
// checkpointer (PostgreSQL) ignores it.
func (c *checkpointer) wrote() {
	if c != nil {
		c.written.Store(true)
	}
}

// stop ends the goroutine, waits for it and closes its connection. A nil
// checkpointer (PostgreSQL) does nothing.
func (c *checkpointer) stop() error {
	if c == nil {
		return nil
	}
	var err error
	c.once.Do(func() {
		c.cancel()
		<-c.done
		err = c.conn.Close()
	})
	return err
}
