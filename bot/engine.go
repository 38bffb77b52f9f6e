package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Engine stores incoming messages in the inbox, handles them one at a time
// in arrival order (so every chat is handled in order), and drains the
// outbox to the platforms' senders.
type Engine struct {
	store   nb.Store
	handler HandlerFunc
	senders map[nb.Platform]Sender
	logger  *slog.Logger
	now     func() time.Time

	maxAttempts int
	retryBase   time.Duration
	pollEvery   time.Duration

	inboxWake  chan struct{}
	outboxWake chan struct{}
	failures   map[int64]int // inbox id → failed attempts (processor goroutine only)
	jobs       []scheduled
	// sending is held from a send until its platform id is recorded, and
	// while a message is handled, so that a reply to the bot's message
	// always finds the case that message was about.
	sending sync.Mutex
}

// Option configures an Engine.
type Option func(*Engine)

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.logger = l } }

// WithClock sets the clock used to schedule retries (default time.Now);
// give it the store's clock.
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// WithRetry sets how often and how patiently an outgoing message is retried.
func WithRetry(maxAttempts int, base time.Duration) Option {
	return func(e *Engine) { e.maxAttempts, e.retryBase = maxAttempts, base }
}

// NewEngine returns an engine that handles messages with h.
func NewEngine(store nb.Store, h HandlerFunc, opts ...Option) *Engine {
	e := &Engine{store: store, handler: h, senders: map[nb.Platform]Sender{}, logger: discardLogger, now: time.Now,
		maxAttempts: 8, retryBase: 2 * time.Second, pollEvery: time.Second,
		inboxWake: make(chan struct{}, 1), outboxWake: make(chan struct{}, 1), failures: map[int64]int{}}
	for _, o := range opts {
		o(e)
	}
	return e
}

// RegisterSender sets the sender for a platform. Call before Run.
func (e *Engine) RegisterSender(p nb.Platform, s Sender) { e.senders[p] = s }

var (
	_ Receiver   = (*Engine)(nil)
	_ TxReceiver = (*Engine)(nil)
)

// Receive stores m in the inbox and wakes the processor. It returns once
// the message is durable. Duplicates and empty messages are ignored.
func (e *Engine) Receive(ctx context.Context, m Message) error {
	var inserted bool
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		inserted, err = e.ReceiveTx(tx, m)
		return err
	})
	if err != nil {
		return err
	}
	if inserted {
		e.Wake()
	}
	return nil
}

// ReceiveTx stores m in the inbox within the caller's transaction, so that
// an adapter can record a message and hand it over in one step; call Wake
// after the commit. inserted is false for a duplicate or an empty message.
func (e *Engine) ReceiveTx(tx nb.Tx, m Message) (inserted bool, err error) {
	if m.Platform == "" || m.ChatID == "" || m.ID == "" || m.SenderID == "" {
		return false, nb.Errorf(nb.EINVALID, "message needs platform, chat, sender and id")
	}
	m.Text = strings.TrimSpace(Sanitize(m.Text))
	m.SenderName = Truncate(strings.TrimSpace(Sanitize(m.SenderName)), 64)
	m.ChatTitle = Truncate(strings.TrimSpace(Sanitize(m.ChatTitle)), 128)
	if m.Text == "" {
		e.logger.Debug("empty message ignored", "platform", m.Platform, "message_id", m.ID)
		return false, nil
	}
	if m.ChatKind == "" {
		m.ChatKind = nb.ChatGroup
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return false, fmt.Errorf("encode message: %w", err)
	}
	item := &nb.InboxItem{Platform: m.Platform, ChatKey: m.ChatID, MessageID: m.ID, Payload: payload}
	if inserted, err = tx.PutInbox(item); err != nil {
		return false, fmt.Errorf("store inbox: %w", err)
	}
	return inserted, nil
}

// Wake tells the processor that the inbox has new messages.
func (e *Engine) Wake() { wake(e.inboxWake) }

// Run processes the inbox, drains the outbox and runs the scheduled jobs
// until ctx ends, then waits for all of them to stop.
func (e *Engine) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); e.loop(ctx, e.inboxWake, e.ProcessPending) }()
	go func() { defer wg.Done(); e.loop(ctx, e.outboxWake, e.DeliverPending) }()
	e.runJobs(ctx, &wg)
	wg.Wait()
	return nil
}

// loop runs step until it finds nothing to do, then waits for a wake-up or
// the poll interval.
func (e *Engine) loop(ctx context.Context, wakeCh <-chan struct{}, step func(context.Context) (int, error)) {
	ticker := time.NewTicker(e.pollEvery)
	defer ticker.Stop()
	for ctx.Err() == nil {
		n, err := step(ctx)
		if err != nil && ctx.Err() == nil {
			e.logger.Error("engine step failed", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-wakeCh:
		case <-ticker.C:
		}
	}
}

func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// ProcessPending handles pending inbox messages in order and returns how
// many it finished. It stops at the first message that fails, so that a
// chat's later messages wait for it; a message that fails three times is
// set aside with its error.
func (e *Engine) ProcessPending(ctx context.Context) (int, error) {
	var items []*nb.InboxItem
	err := e.store.View(ctx, func(tx nb.Tx) (err error) {
		items, err = tx.PendingInbox(64)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("load inbox: %w", err)
	}
	for i, item := range items {
		if err := e.process(ctx, item); err != nil {
			return i, err
		}
	}
	return len(items), nil
}

// process handles one inbox item in one transaction.
func (e *Engine) process(ctx context.Context, item *nb.InboxItem) error {
	var m Message
	if err := json.Unmarshal(item.Payload, &m); err != nil {
		return e.setAside(ctx, item, fmt.Errorf("decode message: %w", err))
	}
	queued := 0
	e.sending.Lock() // wait for a send in flight to be recorded (see deliver)
	err := e.store.Update(ctx, func(tx nb.Tx) error {
		c, err := e.newContext(ctx, tx, m)
		if err != nil {
			return err
		}
		if err := e.handler(c); err != nil {
			return err
		}
		queued = c.queued
		return tx.MarkInboxDone(item.ID, "")
	})
	e.sending.Unlock()
	if err == nil {
		delete(e.failures, item.ID)
		if queued > 0 {
			wake(e.outboxWake)
		}
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	e.failures[item.ID]++
	if e.failures[item.ID] >= 3 {
		return e.setAside(ctx, item, err)
	}
	return fmt.Errorf("handle message %d (attempt %d): %w", item.ID, e.failures[item.ID], err)
}

// setAside marks a message that cannot be handled as done, keeping its error.
func (e *Engine) setAside(ctx context.Context, item *nb.InboxItem, cause error) error {
	delete(e.failures, item.ID)
	e.logger.Error("message set aside", "inbox_id", item.ID, "platform", item.Platform, "err", cause)
	err := e.store.Update(ctx, func(tx nb.Tx) error {
		return tx.MarkInboxDone(item.ID, cause.Error())
	})
	if err != nil {
		return errors.Join(cause, err)
	}
	return nil
}

// newContext loads the chat, the sender and their grants.
func (e *Engine) newContext(ctx context.Context, tx nb.Tx, m Message) (*Context, error) {
	chat := &nb.Chat{Platform: m.Platform, ExternalID: m.ChatID, Kind: m.ChatKind, Title: m.ChatTitle}
	if err := tx.EnsureChat(chat); err != nil {
		return nil, fmt.Errorf("ensure chat: %w", err)
	}
	person, err := tx.EnsurePerson(m.Platform, m.SenderID, m.SenderName)
	if err != nil {
		return nil, fmt.Errorf("ensure person: %w", err)
	}
	if m.ChatKind == nb.ChatPrivate { // now the bot can reach them directly
		if err := tx.SetPrivateChat(m.Platform, m.SenderID, m.ChatID); err != nil {
			return nil, err
		}
	}
	grants, err := tx.ListGrants(person.ID)
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	logger := e.logger.With("platform", m.Platform, "message_id", m.ID)
	return &Context{Context: ctx, Tx: tx, Msg: m, Chat: chat, Person: person, Grants: grants, Logger: logger}, nil
}
