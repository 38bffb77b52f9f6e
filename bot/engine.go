package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Engine stores incoming messages in the inbox, handles them in arrival
// order per chat (several to a transaction), and delivers the outbox with
// one worker per platform, each at its platform's pace. No lock is held
// across a platform's network call: a slow platform delays only itself.
type Engine struct {
	store   nb.Store
	handler HandlerFunc
	workers map[nb.Platform]*worker
	logger  *slog.Logger
	now     func() time.Time

	maxAttempts int
	retryBase   time.Duration
	pollEvery   time.Duration
	batchSize   int
	owner       string // lease owner of this run: "<instance>/<run>"
	instance    string
	inboxLease  time.Duration // how long a claimed chat stays this run's unless renewed
	outboxLease time.Duration // how long claimed outgoing messages stay this run's

	received   *GroupCommit             // Receive's transactions, shared by concurrent callers
	notifier   Notifier                 // wake-ups shared with other processes (nil: none)
	statuses   map[string]func() string // shared parts, for the health detail
	jobs       []scheduled
	inboxLanes []*inboxLane // the inbox loops; the first one's owner is owner
	// claiming makes the lanes claim one after another. Two claims at once
	// would read the same free chats, and the later one, finding the chat
	// leased by the other, would wait for that lane's transaction to end
	// (it locks the lease while it handles the chat) and then run again.
	claiming sync.Mutex
	health   health
	observer Observer    // may be nil (observe.go)
	prepare  PrepareFunc // reads messages before their transaction (may be nil)

	backlog      atomic.Int64 // messages received and not yet handled
	backlogLimit int64        // above it the engine is overloaded (0 = never)
	// takeover is set while another run held the instance's lease at start:
	// the heartbeat hands back that run's claims once the lease is ours
	// (the other run stopped renewing it: it is gone).
	takeover atomic.Bool

	claims, emptyClaims atomic.Int64 // inbox claims made, and those that found nothing
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

// WithBatch sets how many incoming messages are handled in one transaction
// (default 64; 1 handles each alone).
func WithBatch(n int) Option { return func(e *Engine) { e.batchSize = max(n, 1) } }

// WithBacklogLimit sets how many unhandled incoming messages make the engine
// overloaded: Overloaded reports it, so that platforms slow down at the
// source. 0 (the default) never does.
func WithBacklogLimit(n int) Option { return func(e *Engine) { e.backlogLimit = int64(max(n, 0)) } }

// WithInboxLanes sets how many loops handle inbox messages side by side
// (default 1). Each claims chats of its own, so a chat is still handled in
// order by one of them. More than one pays where a transaction waits for a
// database over the network (PostgreSQL) rather than for the CPU; SQLite
// has one writer, so lanes there only take turns.
func WithInboxLanes(n int) Option {
	return func(e *Engine) { e.inboxLanes = make([]*inboxLane, max(n, 1)) }
}

// WithInstance names this process among those sharing the store (default
// "local"); each run adds a run id to it to mark its outbox leases.
func WithInstance(name string) Option { return func(e *Engine) { e.instance = name } }

// WithInboxLease sets how long a chat claimed by this process stays its own
// unless renewed (default 30 s): after a crash, its chats wait that long
// for another process. Each transaction that handles a chat renews it.
func WithInboxLease(d time.Duration) Option {
	return func(e *Engine) { e.inboxLease = max(d, time.Second) }
}

// WithOutboxLease sets how long outgoing messages claimed for sending stay
// this process's (default 1 min): it must cover the sends of a batch.
func WithOutboxLease(d time.Duration) Option {
	return func(e *Engine) { e.outboxLease = max(d, time.Second) }
}

// NewEngine returns an engine that handles messages with h.
func NewEngine(store nb.Store, h HandlerFunc, opts ...Option) *Engine {
	e := &Engine{store: store, handler: h, workers: map[nb.Platform]*worker{}, logger: discardLogger, now: time.Now,
		maxAttempts: 8, retryBase: 2 * time.Second, pollEvery: time.Second, batchSize: 64, instance: "local",
		inboxLease: 30 * time.Second, outboxLease: claimLease, inboxLanes: make([]*inboxLane, 1)}
	for _, o := range opts {
		o(e)
	}
	e.owner = fmt.Sprintf("%s/%d", e.instance, time.Now().UnixNano())
	e.received = NewGroupCommit(store)
	for i := range e.inboxLanes {
		owner := e.owner
		if i > 0 {
			owner = fmt.Sprintf("%s#%d", e.owner, i)
		}
		e.inboxLanes[i] = &inboxLane{e: e, owner: owner, wake: make(chan struct{}, 1),
			failures: map[int64]int{}, held: map[string]time.Time{}}
	}
	return e
}

var (
	_ Receiver      = (*Engine)(nil)
	_ TxReceiver    = (*Engine)(nil)
	_ BatchReceiver = (*Engine)(nil)
)

// Receive stores m in the inbox and wakes the processor. It returns once
// the message is durable. Duplicates and empty messages are ignored.
// Concurrent calls share transactions (GroupCommit): once m is queued for
// one, ctx's cancellation no longer withdraws it.
func (e *Engine) Receive(ctx context.Context, m Message) error {
	item, err := e.inboxItem(m) // before the transaction: the writer only stores it
	if err != nil || item == nil {
		return err
	}
	var inserted int
	// Messages received at once (a webhook's concurrent requests) share a
	// transaction; one alone has its own at once.
	err = e.received.Do(ctx, m.ChatID, func(tx nb.Tx) (err error) {
		if inserted, err = tx.PutInboxBatch([]*nb.InboxItem{item}); err != nil { // no id to return: one statement
			return fmt.Errorf("store inbox: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.stored(inserted)
	return nil
}

// ReceiveBatch stores ms in the inbox, in order, in one transaction (one
// commit for a platform's whole batch, instead of one each), and wakes the
// processor. It returns once all of them are durable, or an error and none
// is stored. A message that is not valid (no chat, sender or id) is left
// out and logged, as Receive's callers drop it; duplicates and empty
// messages are ignored. The messages are checked and encoded before the
// transaction begins.
func (e *Engine) ReceiveBatch(ctx context.Context, ms []Message) error {
	items := make([]*nb.InboxItem, 0, len(ms))
	for _, m := range ms {
		item, err := e.inboxItem(m)
		if err != nil && nb.ErrorCode(err) == nb.EINVALID {
			e.logger.Warn("message dropped", "platform", m.Platform, "message_id", m.ID, "err", err)
		} else if err != nil {
			return err
		} else if item != nil {
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		return nil
	}
	var inserted int
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		if inserted, err = tx.PutInboxBatch(items); err != nil {
			return fmt.Errorf("store inbox: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.stored(inserted)
	return nil
}

// ReceiveTx stores m in the inbox within the caller's transaction, so that
// an adapter can record a message and hand it over in one step; call Wake
// after the commit. inserted is false for a duplicate or an empty message.
func (e *Engine) ReceiveTx(tx nb.Tx, m Message) (inserted bool, err error) {
	item, err := e.inboxItem(m)
	if err != nil || item == nil {
		return false, err
	}
	n, err := tx.PutInboxBatch([]*nb.InboxItem{item})
	if err != nil {
		return false, fmt.Errorf("store inbox: %w", err)
	}
	return n > 0, nil
}

// inboxItem checks, cleans and encodes m as an inbox item; nil for an empty
// message, which is ignored.
func (e *Engine) inboxItem(m Message) (*nb.InboxItem, error) {
	if m.Platform == "" || m.ChatID == "" || m.ID == "" || m.SenderID == "" {
		return nil, nb.Errorf(nb.EINVALID, "message needs platform, chat, sender and id")
	}
	m.Text = strings.TrimSpace(Sanitize(m.Text))
	m.SenderName = Truncate(strings.TrimSpace(Sanitize(m.SenderName)), 64)
	m.ChatTitle = Truncate(strings.TrimSpace(Sanitize(m.ChatTitle)), 128)
	if m.Text == "" {
		e.logger.Debug("empty message ignored", "platform", m.Platform, "message_id", m.ID)
		return nil, nil
	}
	if m.ChatKind == "" {
		m.ChatKind = nb.ChatGroup
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode message: %w", err)
	}
	return &nb.InboxItem{Platform: m.Platform, ChatKey: m.ChatID, MessageID: m.ID, Payload: payload}, nil
}

// Wake tells the processor that the inbox has new messages. Adapters call
// it after committing a ReceiveTx; it also counts the message in the backlog.
func (e *Engine) Wake() { e.stored(1) }

// stored counts n messages newly in the inbox in the backlog and, if there
// are any, wakes this process's lanes and the other processes.
func (e *Engine) stored(n int) {
	if n <= 0 {
		return
	}
	e.backlog.Add(int64(n))
	e.wakeLanes()
	e.notify(TopicInbox)
}

// Backlog returns about how many received messages wait to be handled.
func (e *Engine) Backlog() int { return int(max(e.backlog.Load(), 0)) }

// Overloaded reports whether the backlog has passed its limit: platforms
// should take in less until it clears.
func (e *Engine) Overloaded() bool {
	return e.backlogLimit > 0 && e.backlog.Load() > e.backlogLimit
}

// Run processes the inbox, drains the outbox with one worker per platform
// and runs the scheduled jobs until ctx ends, then waits for all of them.
func (e *Engine) Run(ctx context.Context) error {
	e.start(ctx)
	var wg sync.WaitGroup
	for _, l := range e.inboxLanes {
		wg.Add(1)
		go func() { defer wg.Done(); e.loop(ctx, l.wake, l.step) }()
	}
	for _, w := range e.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.loop(ctx, w.wakeCh, func(ctx context.Context) (int, time.Time, error) { return e.deliverStep(ctx, w) })
		}()
	}
	e.listen(ctx, &wg)
	e.jobs = append(e.jobs, scheduled{name: "instance_heartbeat", every: instanceLease / 3, job: e.heartbeat})
	if len(e.inboxLanes) > 1 {
		e.jobs = append(e.jobs, scheduled{name: "backlog_count", every: backlogCountEvery, job: e.countBacklog})
	}
	e.runJobs(ctx, &wg)
	wg.Wait()
	e.stop()
	return nil
}

// start counts the backlog, takes the instance's lease and hands back the
// outbox claims and chat leases of this instance's earlier runs, which
// would otherwise hold their chats until the leases ran out. If another
// run holds the instance's lease (a second live process with the same
// instance name, or a run that crashed moments ago), nothing is handed
// back: its claims expire by themselves, and none is ever taken from a
// live process.
func (e *Engine) start(ctx context.Context) {
	var n int
	var released int64
	var mine bool
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		if n, err = tx.CountPendingInbox(); err != nil {
			return err
		}
		if mine, err = tx.AcquireLease(e.instanceLeaseName(), e.owner, tx.Now().Add(instanceLease)); err != nil || !mine {
			return err
		}
		released, err = tx.ReleaseLeases(e.instance+"/", e.owner)
		return err
	})
	if err != nil {
		e.logger.Error("engine start", "err", err)
		return
	}
	e.backlog.Store(int64(n))
	if !mine {
		e.takeover.Store(true)
		e.logger.Warn("another process runs as this instance, or its previous run stopped moments ago: "+
			"give each process its own engine.instance; the previous run's claims are handed back once its lease "+
			"runs out unrenewed", "instance", e.instance)
	}
	if released > 0 {
		e.logger.Info("outbox: handed back what an earlier run had claimed", "count", released)
	}
}

// instanceLease is how long the instance's lease lasts unless renewed
// (every third of it while the engine runs). Short, because after a crash
// the next run waits for it to run out before it hands back the crashed
// run's claims (whose chats wait until then).
const instanceLease = 9 * time.Second

func (e *Engine) instanceLeaseName() string { return "instance:" + e.instance }

// heartbeat renews the instance's lease while this run holds it; if it
// had to wait for the lease at start, it takes the lease once its holder
// stopped renewing it and hands that run's claims back.
func (e *Engine) heartbeat(_ context.Context, tx nb.Tx) (int, error) {
	mine, err := tx.AcquireLease(e.instanceLeaseName(), e.owner, tx.Now().Add(instanceLease))
	if err != nil || !mine || !e.takeover.Load() {
		return 0, err
	}
	released, err := tx.ReleaseLeases(e.instance+"/", e.owner)
	if err != nil {
		return 0, err
	}
	e.takeover.Store(false)
	if released > 0 {
		e.logger.Info("outbox: handed back what an earlier run had claimed", "count", released)
	}
	return int(released), nil
}

// backlogCountEvery is how often an engine with several inbox lanes counts
// the pending messages anew.
const backlogCountEvery = 2 * time.Second

// countBacklog sets the backlog to the messages pending in the store. One
// lane that claimed less than it could has seen every message it may take,
// and sets the backlog to those; with several lanes (or processes) none has
// seen them all, and the count kept by Wake and the handling drifts: a
// message received here and handled by another process is never taken off.
func (e *Engine) countBacklog(_ context.Context, tx nb.Tx) (int, error) {
	n, err := tx.CountPendingInbox()
	if err == nil {
		e.backlog.Store(int64(n))
	}
	return 0, err
}

// stop hands the instance's lease back, so that the next run of the
// instance may hand back this run's claims at once.
func (e *Engine) stop() {
	err := e.store.Update(context.Background(), func(tx nb.Tx) error {
		_, err := tx.AcquireLease(e.instanceLeaseName(), e.owner, tx.Now())
		return err
	})
	if err != nil {
		e.logger.Warn("engine stop: instance lease", "err", err)
	}
	claims, empty := e.InboxClaims()
	e.logger.Info("engine stop: inbox claims", "claims", claims, "empty", empty)
}

// loop runs step until it finds nothing to do, then waits for a wake-up,
// the time step asks to be called again, or the poll interval. After an
// error it backs off, up to half a minute.
func (e *Engine) loop(ctx context.Context, wakeCh <-chan struct{}, step func(context.Context) (int, time.Time, error)) {
	ticker := time.NewTicker(e.pollEvery)
	defer ticker.Stop()
	errWait := 100 * time.Millisecond
	for ctx.Err() == nil {
		n, next, err := step(ctx)
		var after <-chan time.Time
		switch {
		case err != nil && ctx.Err() == nil:
			after = time.After(errWait)
			errWait = min(errWait*2, 30*time.Second)
		case n > 0:
			errWait = 100 * time.Millisecond
			continue
		case !next.IsZero():
			after = time.After(max(next.Sub(e.now()), time.Millisecond))
		}
		select {
		case <-ctx.Done():
		case <-wakeCh:
		case <-ticker.C:
		case <-after:
		}
	}
}

// wakeLanes tells every inbox loop that new messages arrived.
func (e *Engine) wakeLanes() {
	for _, l := range e.inboxLanes {
		wake(l.wake)
	}
}

func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
