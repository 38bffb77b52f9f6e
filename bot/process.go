package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// ErrRetryLater is returned (wrapped) by a handler that cannot handle a
// message yet, for example a reply to a bot message whose platform id is
// not recorded yet because its send is in flight. The message is tried
// again shortly, without counting a failure; later messages of its chat
// wait for it, other chats do not.
var ErrRetryLater = errors.New("retry later")

// retryLaterDelay is how long a message that asked to be retried waits.
const retryLaterDelay = 100 * time.Millisecond

// maxHandleAttempts is how often a message that fails on its own is tried
// before it is set aside for an operator.
const maxHandleAttempts = 3

// inboxLane is one loop that handles inbox messages: it claims chats under an
// owner of its own, so that the lanes of a process (and the processes of a
// bot) handle different chats side by side, each chat in order. Its state
// is its goroutine's only.
type inboxLane struct {
	e        *Engine
	owner    string                  // lease owner of the inboxLane's chats
	wake     chan struct{}           // new messages in the inbox
	failures map[int64]int           // inbox id → failed attempts
	held     map[string]time.Time    // chat → held until (a message of it failed or must wait)
	prepared map[int64]*preparedItem // inbox id → decoded and read ahead (the batch being handled)
}

// ProcessPending handles pending inbox messages and returns how many it
// finished. Messages are handled several to a transaction; when a batch
// fails, its messages are handled one by one, so that only the message at
// fault fails. A failed message holds back its chat's later messages until
// it is retried; a message that fails three times is set aside with its
// error. A store that cannot write (disk full, I/O error) fails no message:
// the error is returned and the messages are tried again later.
func (e *Engine) ProcessPending(ctx context.Context) (int, error) {
	n, _, err := e.inboxLanes[0].step(ctx)
	return n, err
}

// step claims chats and handles their pending messages.
func (l *inboxLane) step(ctx context.Context) (int, time.Time, error) {
	e := l.e
	var items []*nb.InboxItem
	e.claiming.Lock() // the lanes of a process claim in turn: each sees the others' leases
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		items, err = tx.ClaimInbox(e.claimLimit(), e.inboxLease, l.owner)
		return err
	})
	e.claiming.Unlock()
	if err != nil {
		e.health.storeFailed(err)
		return 0, time.Time{}, fmt.Errorf("load inbox: %w", err)
	}
	e.observeClaim(len(items))
	if len(items) < e.claimLimit() && len(e.inboxLanes) == 1 {
		e.backlog.Store(int64(len(items))) // the exact count (other lanes hold none): heals any drift
	}
	if len(items) == 0 && e.health.failing() {
		e.probeStore(ctx) // nothing to handle: see whether the store writes again
	}
	ready, next := l.ready(items, e.now())
	batches := slices.Collect(slices.Chunk(ready, e.batchSize))
	// Each batch is decoded and read (PrepareFunc) on other goroutines
	// while the one before it is handled in the writer's transaction.
	var ahead *preparation
	if len(batches) > 0 {
		ahead = e.prepareAhead(batches[0])
	}
	defer func() {
		if ahead != nil {
			ahead.wait() // no goroutine outlives the step
		}
		l.prepared = nil
	}()
	done := 0
	for i, batch := range batches {
		if ctx.Err() != nil {
			break
		}
		current := ahead
		ahead = nil
		if i+1 < len(batches) {
			ahead = e.prepareAhead(batches[i+1])
		}
		l.prepared = current.wait()
		n, err := l.handleBatch(ctx, batch)
		done += n
		e.backlog.Add(-int64(n))
		if err != nil {
			return done, next, err
		}
	}
	return done, next, ctx.Err()
}

// claimLimit is how many messages a lane claims the chats of at a time:
// four batches with one lane, less with several, so that a backlog is
// spread over them rather than taken by the first to wake.
func (e *Engine) claimLimit() int {
	return max(e.batchSize*4/len(e.inboxLanes), e.batchSize)
}

// probeStore writes a setting to learn whether a store that failed can
// write again, so that /healthz recovers without waiting for a message.
func (e *Engine) probeStore(ctx context.Context) {
	err := e.store.Update(ctx, func(tx nb.Tx) error {
		return tx.PutSetting("store_probe", tx.Now().UTC().Format(time.RFC3339))
	})
	if err == nil {
		e.health.storeOK()
	}
}

// ready returns the items whose chat is not held, in order, and the
// earliest time a held chat is released (zero if none is held). An item
// after a held one of its chat is held too, to keep the chat's order.
func (l *inboxLane) ready(items []*nb.InboxItem, now time.Time) ([]*nb.InboxItem, time.Time) {
	var out []*nb.InboxItem
	var next time.Time
	blocked := map[string]bool{}
	for _, it := range items {
		key := chatKey(it.Platform, it.ChatKey)
		if until, ok := l.held[key]; ok && until.After(now) {
			blocked[key] = true
			if next.IsZero() || until.Before(next) {
				next = until
			}
		} else if ok {
			delete(l.held, key)
		}
		if !blocked[key] {
			out = append(out, it)
		}
	}
	return out, next
}

// handleBatch handles items in one transaction. When an item fails, the
// items before it are committed without it, its failure is counted (it
// holds back its chat), and the rest go on in a new transaction: the item
// at fault is handled once per round, the others never lose their turn.
// Items that are no longer pending (handled by another owner) are dropped
// together, and the rest handled once more; since the claim reads the
// messages only after it holds their chats (store.ClaimInbox), that is a
// guard that should never act, not a path of the load. It returns how many
// items it finished (handled or set aside).
func (l *inboxLane) handleBatch(ctx context.Context, items []*nb.InboxItem) (int, error) {
	e := l.e
	done := 0
	var failures []error
	for len(items) > 0 {
		failedAt, queued, lost := -1, 0, 0
		var cause error
		err := e.store.Update(ctx, func(tx nb.Tx) error {
			failedAt, queued, lost = -1, 0, 0 // run again after a conflict: only this run counts
			hold := chatHolder{e: e, owner: l.owner, tx: tx}
			if err := hold.holdAll(items); err != nil {
				return err
			}
			var handled []int64 // marked done together, after the loop
			for i, it := range items {
				if ok, err := hold.held(it); err != nil {
					return err
				} else if !ok {
					lost++ // another process took the chat over: it handles the item
					continue
				}
				q, marked, err := l.handle(ctx, tx, it)
				if err != nil {
					failedAt, cause = i, err
					return err
				}
				queued += q
				if !marked {
					handled = append(handled, it.ID)
				}
			}
			if notPending, err := tx.MarkInboxHandled(handled); err != nil {
				return err
			} else if len(notPending) > 0 { // handled already (a stale claim): never twice
				return staleItems(notPending)
			}
			_, err := tx.ReleaseChats(l.owner)
			return err
		})
		switch {
		case err == nil:
			e.health.storeOK()
			l.afterHandled(items, queued)
			return done + len(items) - lost, errors.Join(failures...)
		case ctx.Err() != nil:
			return done, ctx.Err()
		case errors.As(err, new(staleItems)):
			// Another process handled these after this lane's claim read
			// them: drop them all and handle the rest once more, without a
			// failure or a hold on their chats.
			before := len(items)
			if items = withoutItems(items, err); len(items) == before {
				return done, errors.Join(append(failures, fmt.Errorf("handle messages: %w", err))...) // not of this batch: never loop
			}
			e.logger.Debug("claimed messages were handled by another process", "dropped", before-len(items))
			continue
		case errors.Is(err, nb.ErrUnavailable) || failedAt < 0:
			// Not the messages' fault (a full disk, a failed commit): keep
			// them all, count nothing, and slow down.
			e.health.storeFailed(err)
			return done, errors.Join(append(failures, fmt.Errorf("handle messages: %w", err))...)
		}
		if failedAt > 0 {
			n, err := l.handleBatch(ctx, items[:failedAt])
			done += n
			if err != nil {
				return done, errors.Join(append(failures, err)...)
			}
		}
		finished, err := l.failed(ctx, items[failedAt], cause)
		if finished {
			done++
		}
		if err != nil {
			failures = append(failures, err)
		}
		items, _ = l.ready(items[failedAt+1:], e.now())
	}
	return done, errors.Join(failures...)
}

// staleItems are the ids of a batch's items that were no longer pending
// when the batch was marked handled.
type staleItems []int64

func (s staleItems) Error() string {
	return fmt.Sprintf("inbox items %v were handled already", []int64(s))
}

// withoutItems returns items without the stale ones err names.
func withoutItems(items []*nb.InboxItem, err error) []*nb.InboxItem {
	var stale staleItems
	errors.As(err, &stale)
	return slices.DeleteFunc(slices.Clone(items), func(it *nb.InboxItem) bool { return slices.Contains(stale, it.ID) })
}

// handle handles one item inside tx and returns how many replies it
// queued; the caller marks it done (MarkInboxHandled) unless marked says
// handle did (a message that cannot be decoded is set aside at once).
func (l *inboxLane) handle(ctx context.Context, tx nb.Tx, item *nb.InboxItem) (queued int, marked bool, err error) {
	e := l.e
	p := l.prepared[item.ID]
	if p == nil { // not read ahead (ProcessPending's callers always are)
		decoded := e.prepareItem(item, false)
		p = &decoded
	}
	if p.err != nil {
		return 0, true, tx.MarkInboxDone(item.ID, "decode message: "+p.err.Error())
	}
	m := p.msg // a copy; its slices too, so that a retry sees them as decoded
	m.Mentions, m.Attachments = slices.Clone(m.Mentions), slices.Clone(m.Attachments)
	defer e.observeTook(m.Platform, time.Now())
	c, err := e.newContext(ctx, tx, m)
	if err != nil {
		return 0, false, err
	}
	c.Prepared = p.value
	if err := e.handler(c); err != nil {
		return 0, false, err
	}
	return c.queued, false, nil
}

// afterHandled forgets the failures of handled items and wakes the
// workers of the platforms they queued replies for.
func (l *inboxLane) afterHandled(items []*nb.InboxItem, queued int) {
	e := l.e
	e.observeHandled(items)
	for _, it := range items {
		delete(l.failures, it.ID)
	}
	if queued > 0 {
		e.wakeWorkers()
	}
}

// failed deals with an item whose handling failed: one that asked to wait
// holds its chat briefly; otherwise the attempt is counted and the chat held
// until the next try, and after the last attempt the item is set aside
// (finished is true). The error returned is for the log.
func (l *inboxLane) failed(ctx context.Context, item *nb.InboxItem, cause error) (finished bool, err error) {
	e := l.e
	key := chatKey(item.Platform, item.ChatKey)
	if errors.Is(cause, ErrRetryLater) {
		l.held[key] = e.now().Add(retryLaterDelay)
		return false, nil
	}
	l.failures[item.ID]++
	n := l.failures[item.ID]
	if n < maxHandleAttempts {
		l.held[key] = e.now().Add(e.retryBase)
		return false, fmt.Errorf("handle message %d (attempt %d): %w", item.ID, n, cause)
	}
	delete(l.failures, item.ID)
	e.logger.Error("message set aside", "inbox_id", item.ID, "platform", item.Platform, "err", cause)
	err = e.store.Update(ctx, func(tx nb.Tx) error {
		if ok, err := (&chatHolder{e: e, owner: l.owner, tx: tx}).held(item); err != nil || !ok {
			return err // lost: the process that took the chat over tries it again
		}
		return tx.MarkInboxDone(item.ID, cause.Error())
	})
	if err != nil {
		l.held[key] = e.now().Add(e.retryBase)
		return false, errors.Join(cause, err)
	}
	e.observeSetAside(item.Platform)
	return true, nil
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

func chatKey(p nb.Platform, chat string) string { return string(p) + "\x00" + chat }

// chatHolder renews, once per transaction, this run's lease on each chat
// whose messages the transaction handles.
type chatHolder struct {
	e     *Engine
	owner string
	tx    nb.Tx
	known map[string]bool
}

// holdAll renews the leases of the items' chats in the order of their
// keys, the order in which a claim takes chats (store.ClaimInbox): a claim
// taking over chats whose leases ran out mid-batch and the handling
// transaction renewing them then wait for one another in one order, rather
// than each hold a chat the other waits for (PostgreSQL deadlocks, seen
// under load when the leases of several chats of a batch ran out).
func (h *chatHolder) holdAll(items []*nb.InboxItem) error {
	byKey := slices.Clone(items)
	slices.SortStableFunc(byKey, func(a, b *nb.InboxItem) int {
		return cmp.Or(strings.Compare(string(a.Platform), string(b.Platform)), strings.Compare(a.ChatKey, b.ChatKey))
	})
	for _, it := range byKey {
		if _, err := h.held(it); err != nil {
			return err
		}
	}
	return nil
}

// held reports whether this run still holds the item's chat: false when the lease
// ran out and another process took the chat over.
func (h *chatHolder) held(it *nb.InboxItem) (bool, error) {
	key := chatKey(it.Platform, it.ChatKey)
	if ok, seen := h.known[key]; seen {
		return ok, nil
	}
	ok, err := h.tx.HoldChat(it.Platform, it.ChatKey, h.owner, h.e.inboxLease)
	if err != nil {
		return false, err
	}
	if h.known == nil {
		h.known = map[string]bool{}
	}
	h.known[key] = ok
	if !ok {
		h.e.logger.Warn("inbox: chat taken over by another process", "platform", it.Platform)
	}
	return ok, nil
}
