package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// countingStore counts the write transactions of a real store.
type countingStore struct {
	nb.Store
	mu      sync.Mutex
	updates int
}

func (s *countingStore) Update(ctx context.Context, fn func(nb.Tx) error) error {
	s.mu.Lock()
	s.updates++
	s.mu.Unlock()
	return s.Store.Update(ctx, fn)
}

// TestEngineHandlesABatchInOneTransaction: many messages of many chats
// cost one write transaction to handle, and one to deliver through a
// platform that lives in the store.
func TestEngineHandlesABatchInOneTransaction(t *testing.T) {
	ctx := context.Background()
	_, db, _, clk := newEngine(t, echo)
	cs := &countingStore{Store: db}
	e := bot.NewEngine(cs, echo, bot.WithClock(clk.Now))
	for i := range 40 {
		if err := e.Receive(ctx, msg(fmt.Sprint("g", i%7), fmt.Sprint(i), "hi")); err != nil {
			t.Fatal(err)
		}
	}
	cs.updates = 0
	if n, err := e.ProcessPending(ctx); n != 40 || err != nil {
		t.Fatalf("processed %d, %v", n, err)
	}
	if cs.updates != 1 {
		t.Fatalf("40 messages took %d write transactions, want 1", cs.updates)
	}
}

// TestFailingMessageHoldsOnlyItsChat: a message that fails is retried alone
// later; the messages of other chats in its batch are handled at once.
func TestFailingMessageHoldsOnlyItsChat(t *testing.T) {
	ctx := context.Background()
	h := func(c *bot.Context) error {
		if c.Msg.Text == "poison" {
			return errors.New("bug")
		}
		return echo(c)
	}
	e, _, p, clk := newEngine(t, h)
	_ = e.Receive(ctx, msg("g1", "1", "a"))
	_ = e.Receive(ctx, msg("g2", "2", "poison"))
	_ = e.Receive(ctx, msg("g2", "3", "after poison"))
	_ = e.Receive(ctx, msg("g3", "4", "c"))
	n, err := e.ProcessPending(ctx)
	if n != 2 || err == nil {
		t.Fatalf("processed %d, %v; want a and c handled and the failure reported", n, err)
	}
	_, _ = e.DeliverPending(ctx)
	if got := fmt.Sprint(p.texts()); got != "[echo: a echo: c]" {
		t.Fatalf("sent %s", got)
	}
	clk.Advance(time.Second)
	_, _ = e.ProcessPending(ctx)
	clk.Advance(time.Second)
	if n, _ := e.ProcessPending(ctx); n != 2 { // third failure: set aside; then its chat goes on
		t.Fatalf("processed %d after the last attempt, want 2", n)
	}
	_, _ = e.DeliverPending(ctx)
	if got := p.texts(); got[len(got)-1] != "echo: after poison" {
		t.Fatalf("sent %q", got)
	}
}

// TestRetryLaterWaitsWithoutFailing: a handler that asks to wait is tried
// again shortly, as often as needed, without using up attempts.
func TestRetryLaterWaitsWithoutFailing(t *testing.T) {
	ctx := context.Background()
	waits := 5
	h := func(c *bot.Context) error {
		if c.Msg.Text == "reply" && waits > 0 {
			waits--
			return bot.ErrRetryLater
		}
		return echo(c)
	}
	e, _, p, clk := newEngine(t, h)
	_ = e.Receive(ctx, msg("g1", "1", "reply"))
	_ = e.Receive(ctx, msg("g2", "2", "other"))
	for range 6 {
		if _, err := e.ProcessPending(ctx); err != nil {
			t.Fatalf("asking to wait is no failure: %v", err)
		}
		clk.Advance(200 * time.Millisecond)
	}
	_, _ = e.DeliverPending(ctx)
	if got := fmt.Sprint(p.texts()); got != "[echo: other echo: reply]" {
		t.Fatalf("sent %s", got)
	}
}

// TestFullDiskLosesNothing: with the database unable to grow (a real
// SQLITE_FULL), messages are kept, not set aside, however long it lasts;
// once space is back every one is handled.
func TestFullDiskLosesNothing(t *testing.T) {
	ctx := context.Background()
	e, db, p, clk := newEngine(t, func(c *bot.Context) error {
		return c.Reply(strings.Repeat("回复很长。", 400)) // each reply needs new pages
	})
	for i := range 30 {
		_ = e.Receive(ctx, msg(fmt.Sprint("g", i), fmt.Sprint(i), "hi"))
	}
	pages, _ := db.PageCount(ctx)
	if err := db.SetMaxPages(ctx, pages+1); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		_, err := e.ProcessPending(ctx)
		if !errors.Is(err, nb.ErrUnavailable) {
			t.Fatalf("want the full disk reported as the store unavailable, got %v", err)
		}
		clk.Advance(time.Minute)
	}
	if h := e.Health(); h.OK() || !strings.Contains(h.StoreError, "full") {
		t.Fatalf("health during a full disk: %+v", h)
	}
	_ = db.SetMaxPages(ctx, 0)
	total := 0
	for range 5 {
		n, err := e.ProcessPending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	if total != 30 || !e.Health().OK() {
		t.Fatalf("handled %d of 30 after space came back; health %+v", total, e.Health())
	}
	_, _ = e.DeliverPending(ctx)
	if len(p.texts()) != 30 {
		t.Fatalf("sent %d replies, want 30", len(p.texts()))
	}
}
