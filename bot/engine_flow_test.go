package bot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
// cost one write transaction to claim their chats and one to handle them.
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
	if cs.updates != 2 {
		t.Fatalf("40 messages took %d write transactions, want 2 (claim, handle)", cs.updates)
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
	if got := fmt.Sprint(sorted(p.texts())); got != "[echo: a echo: c]" {
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
	e, db, p, clk := newEngine(t, h)
	_ = e.Receive(ctx, msg("g1", "1", "reply"))
	_ = e.Receive(ctx, msg("g2", "2", "other"))
	for range 6 {
		if _, err := e.ProcessPending(ctx); err != nil {
			t.Fatalf("asking to wait is no failure: %v", err)
		}
		clk.Advance(200 * time.Millisecond)
	}
	_, _ = e.DeliverPending(ctx)
	if got := fmt.Sprint(sorted(p.texts())); got != "[echo: other echo: reply]" {
		t.Fatalf("sent %s", got)
	}
	var first *nb.OutboxMessage
	_ = db.View(ctx, func(tx nb.Tx) (err error) { first, err = tx.FindOutbox(1); return err })
	if first.Text != "echo: other" {
		t.Fatalf("the waiting message held up another chat: first reply %q", first.Text)
	}
}

// TestFaultFullDiskLosesNothing: with the database unable to grow (a real
// SQLITE_FULL), messages are kept, not set aside, however long it lasts;
// once space is back every one is handled.
func TestFaultFullDiskLosesNothing(t *testing.T) {
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

func sorted(s []string) []string { slices.Sort(s); return s }

// blockingPlatform's sends wait until released.
type blockingPlatform struct {
	started chan struct{}
	release chan struct{}
}

func (b *blockingPlatform) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	select {
	case b.started <- struct{}{}:
	default:
	}
	select {
	case <-b.release:
		return "t-1", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// TestSlowPlatformDelaysNoOther: while a send to one platform hangs, the
// messages of another are handled and delivered.
func TestSlowPlatformDelaysNoOther(t *testing.T) {
	_, db, _, _ := newEngine(t, echo)
	e := bot.NewEngine(db, echo)
	slow := &blockingPlatform{started: make(chan struct{}, 1), release: make(chan struct{})}
	fast := &fakePlatform{}
	e.RegisterSender(nb.PlatformTelegram, slow)
	e.RegisterSender(nb.PlatformSandbox, fast)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = e.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	tg := msg("-100", "1", "slow")
	tg.Platform = nb.PlatformTelegram
	_ = e.Receive(ctx, tg)
	<-slow.started // the telegram send hangs from here on
	_ = e.Receive(ctx, msg("g1", "2", "fast"))
	deadline := time.After(5 * time.Second)
	for len(fast.texts()) == 0 {
		select {
		case <-deadline:
			t.Fatal("a hanging Telegram send held up the sandbox")
		case <-time.After(5 * time.Millisecond):
		}
	}
	close(slow.release)
}

// TestFaultRestartHandsBackClaims: messages claimed by a run that died are sent
// at the next start, not after their lease.
func TestFaultRestartHandsBackClaims(t *testing.T) {
	ctx := context.Background()
	e, db, _, _ := newEngine(t, echo)
	_ = e.Receive(ctx, msg("g1", "1", "a"))
	_, _ = e.ProcessPending(ctx)
	_ = db.Update(ctx, func(tx nb.Tx) error { // the previous run claimed it, then died
		_, err := tx.ClaimOutbox(nb.PlatformSandbox, 10, time.Hour, "local/1")
		return err
	})
	e2 := bot.NewEngine(db, echo)
	p := &fakePlatform{}
	e2.RegisterSender(nb.PlatformSandbox, p)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = e2.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	deadline := time.After(5 * time.Second)
	for len(p.texts()) == 0 {
		select {
		case <-deadline:
			t.Fatal("the claim of the dead run was not handed back at start")
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// TestChatGoneGivesUpTheChat: a send that finds the bot removed from a chat
// marks the chat inactive and gives up its other pending messages, instead
// of retrying them for ever; other chats go on.
func TestChatGoneGivesUpTheChat(t *testing.T) {
	ctx := context.Background()
	e, db, p, _ := newEngine(t, func(c *bot.Context) error {
		if err := c.Reply("one"); err != nil {
			return err
		}
		return c.Reply("two")
	})
	p.fail = []error{&bot.PermanentError{Err: errors.New("forbidden: bot was kicked"), ChatGone: true}}
	_ = e.Receive(ctx, msg("gone", "1", "hi"))
	_, _ = e.ProcessPending(ctx)
	_, _ = e.DeliverPending(ctx)
	_ = e.Receive(ctx, msg("g2", "2", "hi"))
	_, _ = e.ProcessPending(ctx)
	_, _ = e.DeliverPending(ctx)
	_ = db.View(ctx, func(tx nb.Tx) error {
		for id := int64(1); id <= 2; id++ {
			if m, err := tx.FindOutbox(id); err != nil || m.Status != nb.OutboxFailed {
				t.Errorf("message %d to the lost chat: %+v, %v; want failed", id, m, err)
			}
		}
		if c, err := tx.FindChat(nb.PlatformSandbox, "gone"); err != nil || !c.Inactive {
			t.Errorf("the lost chat: %+v, %v; want inactive", c, err)
		}
		return nil
	})
	if got := fmt.Sprint(p.texts()); got != "[one two]" {
		t.Fatalf("sent %s; want only the other chat's replies", got)
	}
}

// TestFaultHealthRecoversWithoutTraffic: once the store writes again, /healthz
// says so even when no message comes to prove it.
func TestFaultHealthRecoversWithoutTraffic(t *testing.T) {
	ctx := context.Background()
	e, db, _, _ := newEngine(t, func(c *bot.Context) error { return c.Reply(strings.Repeat("长", 8000)) })
	_ = e.Receive(ctx, msg("g1", "1", "hi"))
	pages, _ := db.PageCount(ctx)
	_ = db.SetMaxPages(ctx, pages)
	if _, err := e.ProcessPending(ctx); err == nil || e.Health().OK() {
		t.Fatalf("a full disk must show: %v, %+v", err, e.Health())
	}
	_ = db.SetMaxPages(ctx, 0)
	_ = db.Update(ctx, func(tx nb.Tx) error { return tx.MarkInboxDone(1, "handled elsewhere") })
	if _, err := e.ProcessPending(ctx); err != nil || !e.Health().OK() {
		t.Fatalf("with nothing to handle, health after space came back: %v, %+v", err, e.Health())
	}
}

// staleClaimStore lets another process handle some claimed items between a
// lane's claim and its handling transaction: the claim read them pending,
// and they are done by the time the lane marks them.
type staleClaimStore struct {
	nb.Store
	armed   bool // once the messages are stored
	updates int
	stale   []int64
}

func (s *staleClaimStore) Update(ctx context.Context, fn func(nb.Tx) error) error {
	if !s.armed {
		return s.Store.Update(ctx, fn)
	}
	s.updates++
	if s.updates == 2 { // the first handling transaction, after the claim
		err := s.Store.Update(ctx, func(tx nb.Tx) error {
			for _, id := range s.stale {
				if err := tx.MarkInboxDone(id, "handled by another process"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.Store.Update(ctx, fn)
}

// TestStaleClaimDropsHandledItemsAtOnce: items another process handled after
// this lane's claim read them are dropped together and the rest of the
// batch is handled in one more transaction, with no failure and no hold on
// their chats (before, each such item failed the batch, was counted as a
// failure and held its chat back for the retry delay).
func TestStaleClaimDropsHandledItemsAtOnce(t *testing.T) {
	ctx := context.Background()
	_, db, _, clk := newEngine(t, echo)
	s := &staleClaimStore{Store: db, stale: []int64{2, 4}}
	e := bot.NewEngine(s, echo, bot.WithClock(clk.Now), bot.WithRetry(3, time.Second))
	p := &fakePlatform{}
	e.RegisterSender(nb.PlatformSandbox, p)
	for i, text := range []string{"a", "b", "c", "d", "e"} {
		if err := e.Receive(ctx, msg([]string{"g1", "g1", "g1", "g2", "g2"}[i], fmt.Sprint(i+1), text)); err != nil {
			t.Fatal(err)
		}
	}
	s.armed = true
	n, err := e.ProcessPending(ctx)
	if n != 3 || err != nil {
		t.Fatalf("processed %d, %v; want a, c and e handled, nothing failed", n, err)
	}
	if s.updates != 3 {
		t.Errorf("%d write transactions, want 3 (claim, the batch, the batch without the stale items)", s.updates)
	}
	_, _ = e.DeliverPending(ctx)
	got := p.texts()
	if fmt.Sprint(sorted(slices.Clone(got))) != "[echo: a echo: c echo: e]" || slices.Index(got, "echo: a") > slices.Index(got, "echo: c") {
		t.Fatalf("sent %q; want the remaining messages, none twice, g1's in order", got)
	}
}
