package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// logWatch is a slog handler that hands on the messages logged.
type logWatch struct{ msgs chan string }

func (l logWatch) Enabled(context.Context, slog.Level) bool { return true }
func (l logWatch) Handle(_ context.Context, r slog.Record) error {
	select {
	case l.msgs <- r.Message:
	default:
	}
	return nil
}
func (l logWatch) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l logWatch) WithGroup(string) slog.Handler      { return l }

// TestSameInstanceNeverTakesALiveRunsClaims: a second process started
// with the same instance name as a live one warns and hands back nothing
// of the live one's; once that one stops, the next start hands its claims
// back at once.
func TestSameInstanceNeverTakesALiveRunsClaims(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run := func(logs chan string) (stop func()) {
		e := bot.NewEngine(db, echo, bot.WithInstance("x"), bot.WithLogger(slog.New(logWatch{logs})))
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); _ = e.Run(runCtx) }()
		return func() { cancel(); <-done }
	}
	inFlight := func() bool {
		var busy bool
		_ = db.View(ctx, func(tx nb.Tx) (err error) { busy, err = tx.OutboxInFlight(nb.PlatformTelegram, "-1"); return err })
		return busy
	}
	stop1 := run(make(chan string, 100))
	waitHeld(t, db, "instance:x") // run 1 has started
	// A claim of the live instance's run (as x/1; no sender takes Telegram here).
	err = db.Update(ctx, func(tx nb.Tx) error {
		if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-1", Text: "hi"}); err != nil {
			return err
		}
		_, err := tx.ClaimOutbox(nb.PlatformTelegram, 1, time.Hour, "x/1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	logs2 := make(chan string, 100)
	stop2 := run(logs2)
	waitLog(t, logs2, "another process runs as this instance")
	stop2()
	if !inFlight() {
		t.Fatal("a second process of the same name handed back a live run's claim")
	}
	stop1() // a clean stop hands the instance's lease back
	logs3 := make(chan string, 100)
	stop3 := run(logs3)
	defer stop3()
	waitLog(t, logs3, "handed back what an earlier run had claimed")
	if inFlight() {
		t.Fatal("the earlier run's claim is still held after a clean restart")
	}
}

// waitLog waits for a log message containing want.
func waitLog(t *testing.T, logs chan string, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m := <-logs:
			if strings.Contains(m, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no log %q", want)
		}
	}
}

// waitHeld waits until someone holds the named lease.
func waitHeld(t *testing.T, db nb.Store, name string) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond) // the engine starts in its own goroutine: no event to wait on
	defer tick.Stop()
	timeout := time.After(10 * time.Second)
	for {
		var free bool
		err := db.Update(context.Background(), func(tx nb.Tx) (err error) {
			// A lease taken already expired: a probe that takes nothing from anyone.
			free, err = tx.AcquireLease(name, "probe", tx.Now().Add(-time.Second))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !free {
			return
		}
		select {
		case <-tick.C:
		case <-timeout:
			t.Fatalf("nobody holds the lease %s", name)
		}
	}
}

// TestCrashedRunsClaimsHandedBackSoon: a run that died without stopping
// leaves the instance's lease and its claims; the next run of the instance
// warns, and hands the claims back as soon as the lease runs out unrenewed
// (not after the claims' own, longer leases).
func TestCrashedRunsClaimsHandedBackSoon(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx nb.Tx) error { // the dead run: its lease runs out in a second
		if _, err := tx.AcquireLease("instance:x", "x/dead", tx.Now().Add(time.Second)); err != nil {
			return err
		}
		if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-1", Text: "hi"}); err != nil {
			return err
		}
		_, err := tx.ClaimOutbox(nb.PlatformTelegram, 1, time.Hour, "x/dead")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	logs := make(chan string, 100)
	e := bot.NewEngine(db, echo, bot.WithInstance("x"), bot.WithLogger(slog.New(logWatch{logs})))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = e.Run(runCtx) }()
	defer func() { cancel(); <-done }()
	waitLog(t, logs, "another process runs as this instance")
	waitLog(t, logs, "handed back what an earlier run had claimed")
	// The heartbeat logs inside its transaction: the hand-back is visible
	// once that commits, moments later.
	for wait := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var busy bool
		err := db.View(ctx, func(tx nb.Tx) (err error) { busy, err = tx.OutboxInFlight(nb.PlatformTelegram, "-1"); return err })
		if err == nil && !busy {
			return
		}
		if time.Now().After(wait) {
			t.Fatalf("the dead run's claim is still held 2 s after it was handed back (%v)", err)
		}
	}
}
