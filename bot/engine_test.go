package bot_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// fakePlatform records what the engine sends, as a remote platform would,
// and fails on demand.
type fakePlatform struct {
	mu   sync.Mutex
	sent []bot.OutMessage
	fail []error // errors to return, in order, before succeeding
}

func (f *fakePlatform) Send(_ context.Context, m bot.OutMessage) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.fail) > 0 {
		err := f.fail[0]
		f.fail = f.fail[1:]
		return "", err
	}
	f.sent = append(f.sent, m)
	return "out-" + strconv.Itoa(len(f.sent)), nil
}

func (f *fakePlatform) texts() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, m := range f.sent {
		out = append(out, m.Text)
	}
	return out
}

func newEngine(t testing.TB, h bot.HandlerFunc) (*bot.Engine, *store.DB, *fakePlatform, *clock) {
	t.Helper()
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), store.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := bot.NewEngine(db, h, bot.WithClock(clk.Now), bot.WithRetry(3, time.Second))
	p := &fakePlatform{}
	e.RegisterSender(nb.PlatformSandbox, p)
	return e, db, p, clk
}

func msg(chat, id, text string) bot.Message {
	return bot.Message{Platform: nb.PlatformSandbox, ChatID: chat, ChatKind: nb.ChatGroup, SenderID: "u1",
		SenderName: "刘大爷", ID: id, Text: text}
}

// echo replies with the text it got.
func echo(c *bot.Context) error { return c.Reply("echo: " + c.Msg.Text) }

func TestEngineHandlesInOrderAndDedupes(t *testing.T) {
	ctx := context.Background()
	e, _, p, _ := newEngine(t, echo)
	for i, text := range []string{"one", "two", "three"} {
		if err := e.Receive(ctx, msg("g1", fmt.Sprint(i), text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Receive(ctx, msg("g1", "1", "two again")); err != nil { // same id: a redelivery
		t.Fatal(err)
	}
	if err := e.Receive(ctx, msg("g1", "9", " \x00 ")); err != nil { // empty after cleaning: ignored
		t.Fatal(err)
	}
	if n, err := e.ProcessPending(ctx); err != nil || n != 3 {
		t.Fatalf("processed %d, %v", n, err)
	}
	if n, err := e.DeliverPending(ctx); err != nil || n != 3 {
		t.Fatalf("delivered %d, %v", n, err)
	}
	want := []string{"echo: one", "echo: two", "echo: three"}
	if got := p.texts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	if n, _ := e.ProcessPending(ctx); n != 0 {
		t.Fatalf("a handled message was handled again")
	}
}

// TestEngineReceiveBatch: a batch is stored in its order with one commit;
// a message without a sender is left out (logged) without losing the
// others, an empty one and one received already are ignored, and the
// backlog counts what was stored.
func TestEngineReceiveBatch(t *testing.T) {
	ctx := context.Background()
	e, _, p, _ := newEngine(t, echo)
	if err := e.Receive(ctx, msg("g1", "1", "one")); err != nil {
		t.Fatal(err)
	}
	noSender := msg("g2", "x", "lost")
	noSender.SenderID = ""
	batch := []bot.Message{msg("g1", "1", "one again"), msg("g2", "a", "alpha"), noSender, msg("g1", "2", "two"),
		msg("g1", "3", " \x00 "), msg("g2", "b", "beta"), msg("g1", "4", "four")}
	if err := e.ReceiveBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if got := e.Backlog(); got != 5 {
		t.Fatalf("backlog %d, want 5", got)
	}
	if n, err := e.ProcessPending(ctx); err != nil || n != 5 {
		t.Fatalf("processed %d, %v", n, err)
	}
	if _, err := e.DeliverPending(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{} // each chat's replies in order (chats are delivered apart)
	p.mu.Lock()
	for _, m := range p.sent {
		got[m.ChatID] = append(got[m.ChatID], m.Text)
	}
	p.mu.Unlock()
	want := map[string][]string{"g1": {"echo: one", "echo: two", "echo: four"}, "g2": {"echo: alpha", "echo: beta"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
}

// TestEngineReceiveBatchAllOrNothing: a batch whose commit fails stores
// none of its messages, and the caller's retry stores them all once.
func TestEngineReceiveBatchAllOrNothing(t *testing.T) {
	ctx := context.Background()
	e, db, _, _ := newEngine(t, echo)
	batch := []bot.Message{msg("g1", "1", "one"), msg("g1", "2", "two")}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := e.ReceiveBatch(cancelled, batch); err == nil {
		t.Fatal("a batch was received with a cancelled context")
	}
	count := func() (n int) {
		if err := db.View(ctx, func(tx nb.Tx) (err error) { n, err = tx.CountPendingInbox(); return err }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d messages of a failed batch stored", n)
	}
	for range 2 { // the platform hands the batch over again: stored once
		if err := e.ReceiveBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(); n != 2 {
		t.Fatalf("%d pending, want 2", n)
	}
}

func TestEngineRollsBackAndSetsAsideFailingMessage(t *testing.T) {
	ctx := context.Background()
	calls := 0
	h := func(c *bot.Context) error {
		if c.Msg.Text == "poison" {
			calls++
			if err := c.Reply("half-done"); err != nil {
				return err
			}
			return errors.New("disk on fire")
		}
		return echo(c)
	}
	e, db, p, clk := newEngine(t, bot.Chain(h, bot.Recover))
	_ = e.Receive(ctx, msg("g1", "1", "poison"))
	_ = e.Receive(ctx, msg("g1", "2", "after"))
	for i := 0; i < 2; i++ {
		if _, err := e.ProcessPending(ctx); err == nil {
			t.Fatal("want the failure reported")
		}
		if n, err := e.ProcessPending(ctx); n != 0 || err != nil {
			t.Fatalf("the failed chat must wait before its next try: %d, %v", n, err)
		}
		clk.Advance(time.Second)
	}
	if n, err := e.ProcessPending(ctx); err != nil || n != 2 { // third failure: set aside, then "after"
		t.Fatalf("processed %d, %v", n, err)
	}
	if calls != 3 {
		t.Fatalf("poison handled %d times, want 3", calls)
	}
	_, _ = e.DeliverPending(ctx)
	if got := p.texts(); len(got) != 1 || got[0] != "echo: after" {
		t.Fatalf("the failed handler's reply must be rolled back; sent %q", got)
	}
	var pending []*nb.InboxItem
	_ = db.View(ctx, func(tx nb.Tx) (err error) { pending, err = tx.PendingInbox(10); return err })
	if len(pending) != 0 {
		t.Fatalf("%d messages still pending", len(pending))
	}
}

func TestEngineRecoversPanics(t *testing.T) {
	ctx := context.Background()
	e, _, _, _ := newEngine(t, bot.Chain(func(*bot.Context) error { panic("boom") }, bot.Recover))
	_ = e.Receive(ctx, msg("g1", "1", "hi"))
	if _, err := e.ProcessPending(ctx); err == nil {
		t.Fatal("a panic must surface as an error")
	}
}

func TestOutboxRetriesWithBackoff(t *testing.T) {
	ctx := context.Background()
	e, db, p, clk := newEngine(t, echo)
	p.fail = []error{errors.New("network down"), &bot.RetryAfterError{After: 30 * time.Second}}
	_ = e.Receive(ctx, msg("g1", "1", "a"))
	_ = e.Receive(ctx, msg("g1", "2", "b"))
	_, _ = e.ProcessPending(ctx)
	if n, _ := e.DeliverPending(ctx); n != 0 {
		t.Fatalf("sent %d while the platform is down", n)
	}
	if n, _ := e.DeliverPending(ctx); n != 0 {
		t.Fatal("a failed message must wait for its back-off")
	}
	clk.Advance(time.Second)
	if n, _ := e.DeliverPending(ctx); n != 0 { // second failure: retry_after 30 s
		t.Fatalf("sent %d, want the retry_after failure", n)
	}
	clk.Advance(29 * time.Second)
	if n, _ := e.DeliverPending(ctx); n != 0 {
		t.Fatal("retry_after must be honoured")
	}
	clk.Advance(time.Second)
	if n, err := e.DeliverPending(ctx); n != 2 || err != nil {
		t.Fatalf("sent %d (%v), want both now", n, err)
	}
	if got := p.texts(); fmt.Sprint(got) != "[echo: a echo: b]" {
		t.Fatalf("order lost: %q", got)
	}
	var m *nb.OutboxMessage
	_ = db.View(ctx, func(tx nb.Tx) (err error) { m, err = tx.FindOutbox(1); return err })
	if m.Status != nb.OutboxSent || m.ExternalID != "out-1" {
		t.Fatalf("outbox row not marked sent: %+v", m)
	}
}

func TestOutboxGivesUpOnPermanentError(t *testing.T) {
	ctx := context.Background()
	e, db, p, _ := newEngine(t, echo)
	p.fail = []error{&bot.PermanentError{Err: errors.New("bot was kicked")}}
	_ = e.Receive(ctx, msg("g1", "1", "a"))
	_, _ = e.ProcessPending(ctx)
	_, _ = e.DeliverPending(ctx)
	var m *nb.OutboxMessage
	_ = db.View(ctx, func(tx nb.Tx) (err error) { m, err = tx.FindOutbox(1); return err })
	if m.Status != nb.OutboxFailed || m.LastError == "" {
		t.Fatalf("want failed with its error, got %+v", m)
	}
}

func TestEngineRunStopsWhenCancelled(t *testing.T) {
	e, _, p, _ := newEngine(t, echo)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = e.Run(ctx); close(done) }()
	if err := e.Receive(ctx, msg("g1", "1", "live")); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for len(p.texts()) == 0 {
		select {
		case <-deadline:
			t.Fatal("the running engine did not deliver")
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestReceiveRejectsIncompleteMessages(t *testing.T) {
	e, _, _, _ := newEngine(t, echo)
	err := e.Receive(context.Background(), bot.Message{Platform: nb.PlatformSandbox, Text: "x"})
	if nb.ErrorCode(err) != nb.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
}

// TestOutboxRetryAfterAndWaitingDoNotUseUpAttempts: being told to wait, or
// waiting behind an earlier message of the chat, is not a failed attempt.
func TestOutboxRetryAfterAndWaitingDoNotUseUpAttempts(t *testing.T) {
	ctx := context.Background()
	e, db, p, clk := newEngine(t, echo) // at most 3 attempts
	for range 5 {
		p.fail = append(p.fail, &bot.RetryAfterError{After: time.Second})
	}
	p.fail = append(p.fail, errors.New("flaky"), errors.New("flaky"))
	_ = e.Receive(ctx, msg("g1", "1", "a"))
	_ = e.Receive(ctx, msg("g1", "2", "b"))
	_, _ = e.ProcessPending(ctx)
	for range 20 {
		_, _ = e.DeliverPending(ctx)
		clk.Advance(time.Minute)
	}
	if got := p.texts(); fmt.Sprint(got) != "[echo: a echo: b]" {
		t.Fatalf("sent %q; both must arrive, in order", got)
	}
	var b *nb.OutboxMessage
	_ = db.View(ctx, func(tx nb.Tx) (err error) { b, err = tx.FindOutbox(2); return err })
	if b.Attempts != 1 {
		t.Fatalf("b waited behind a and must show one attempt, got %d", b.Attempts)
	}
}

// cancelling is a platform whose first send coincides with a shutdown.
type cancelling struct {
	cancel context.CancelFunc
	sent   int
}

func (c *cancelling) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	c.cancel()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	c.sent++
	return "p" + fmt.Sprint(c.sent), nil
}

// TestShutdownDoesNotUseUpAttempts: the send under way when the bot stops
// is finished and recorded (cut off, the platform might have carried it
// out and it would be sent twice after a restart); the messages not tried
// yet are handed back, not counted as failures.
func TestShutdownDoesNotUseUpAttempts(t *testing.T) {
	e, db, _, _ := newEngine(t, echo)
	bg := context.Background()
	for i, chat := range []string{"g1", "g2", "g3"} {
		_ = e.Receive(bg, msg(chat, fmt.Sprint(i), "x"))
	}
	_, _ = e.ProcessPending(bg)
	ctx, cancel := context.WithCancel(bg)
	p := &cancelling{cancel: cancel}
	e.RegisterSender(nb.PlatformSandbox, p, bot.WithLanes(1))
	_, _ = e.DeliverPending(ctx)
	if p.sent != 1 {
		t.Fatalf("%d sends completed, want the one under way at the shutdown", p.sent)
	}
	for id := int64(1); id <= 3; id++ {
		var m *nb.OutboxMessage
		_ = db.View(bg, func(tx nb.Tx) (err error) { m, err = tx.FindOutbox(id); return err })
		switch {
		case id == 1 && (m.Status != nb.OutboxSent || m.Attempts != 1):
			t.Fatalf("message 1, under way at the shutdown, must be recorded sent: %+v", m)
		case id > 1 && (m.Status != nb.OutboxPending || m.Attempts != 0):
			t.Fatalf("message %d after a shutdown: %+v", id, m)
		}
	}
}
