package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// counts is an Observer that counts what it is told.
type counts struct {
	mu                                   sync.Mutex
	handled, took, setAside, sent, retry int
	dead                                 int
	claims, emptyClaims                  int
}

func (c *counts) InboxClaimed(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.claims++
	if n == 0 {
		c.emptyClaims++
	}
}

func (c *counts) Handled(_ nb.Platform, n int) { c.mu.Lock(); c.handled += n; c.mu.Unlock() }
func (c *counts) HandleTook(nb.Platform, time.Duration) {
	c.mu.Lock()
	c.took++
	c.mu.Unlock()
}
func (c *counts) SetAside(nb.Platform)      { c.mu.Lock(); c.setAside++; c.mu.Unlock() }
func (c *counts) Sent(_ nb.Platform, n int) { c.mu.Lock(); c.sent += n; c.mu.Unlock() }
func (c *counts) SendFailed(_ nb.Platform, dead bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if dead {
		c.dead++
	} else {
		c.retry++
	}
}

// The observer hears of handled messages, their handling time, messages
// set aside, replies sent, retried and given up.
func TestObserver(t *testing.T) {
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"), store.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	obs := &counts{}
	handler := func(c *bot.Context) error {
		if c.Msg.Text == "boom" {
			return errors.New("boom")
		}
		return c.Reply("echo: " + c.Msg.Text)
	}
	e := bot.NewEngine(db, handler, bot.WithClock(clk.Now), bot.WithRetry(2, time.Second), bot.WithObserver(obs))
	p := &fakePlatform{fail: []error{errors.New("timeout"), errors.New("timeout again"), &bot.PermanentError{Err: errors.New("blocked")}}}
	e.RegisterSender(nb.PlatformSandbox, p)
	for i, text := range []string{"a", "b", "boom"} {
		if err := e.Receive(ctx, msg("g"+text, string(rune('1'+i)), text)); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 { // "boom" fails every round until it is set aside
		_, _ = e.ProcessPending(ctx)
		clk.Advance(time.Minute)
	}
	for range 3 {
		if _, err := e.DeliverPending(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Minute)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if obs.handled != 2 || obs.setAside != 1 || obs.took < 3 {
		t.Errorf("handled %d, set aside %d, timed %d; want 2, 1, at least 3", obs.handled, obs.setAside, obs.took)
	}
	// Two timeouts (one per reply), then a permanent error for the first
	// reply and success for the second.
	if obs.sent != 1 || obs.retry != 2 || obs.dead != 1 {
		t.Errorf("sent %d, retried %d, given up %d; want 1, 2, 1", obs.sent, obs.retry, obs.dead)
	}
	// One claim a round: the first three find messages (all three, then
	// "boom" until it is set aside), the last two nothing.
	claims, empty := e.InboxClaims()
	if claims != 5 || empty != 2 || obs.claims != 5 || obs.emptyClaims != 2 {
		t.Errorf("claims %d (%d empty), observer %d (%d); want 5 (2 empty) both",
			claims, empty, obs.claims, obs.emptyClaims)
	}
}
