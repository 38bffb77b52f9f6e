package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

const (
	claimBatch  = 32
	sendTimeout = 20 * time.Second
	// claimLease (the default of WithOutboxLease) covers the sends of one
	// claimed batch; a process that dies holding one hands it back at its
	// next start (ReleaseLeases), or another takes it when it expires.
	claimLease  = time.Minute
	maxPaceWait = 2 * time.Second // a longer wait for a chat hands the message back
	maxBackoff  = 15 * time.Minute
)

// worker delivers one platform's messages.
type worker struct {
	platform nb.Platform
	sender   Sender
	limiter  Limiter
	lanes    int // chats are spread over this many concurrent senders
	wakeCh   chan struct{}
}

// SenderOption configures the delivery of one platform.
type SenderOption func(*worker)

// WithLimiter paces the platform's sends (default Unlimited).
func WithLimiter(l Limiter) SenderOption { return func(w *worker) { w.limiter = l } }

// WithLanes sets how many chats are sent to at once (default 4). Each
// chat's messages are sent one after another, in order.
func WithLanes(n int) SenderOption { return func(w *worker) { w.lanes = max(n, 1) } }

// RegisterSender sets the sender for a platform. Call before Run.
func (e *Engine) RegisterSender(p nb.Platform, s Sender, opts ...SenderOption) {
	w := &worker{platform: p, sender: s, limiter: Unlimited{}, lanes: 4, wakeCh: make(chan struct{}, 1)}
	for _, o := range opts {
		o(w)
	}
	e.workers[p] = w
}

func (e *Engine) wakeWorkers() {
	for _, w := range e.workers {
		wake(w.wakeCh)
	}
	e.notify(TopicOutbox)
}

// DeliverPending runs one delivery round for every platform and returns
// how many messages were sent.
func (e *Engine) DeliverPending(ctx context.Context) (int, error) {
	total := 0
	var errs []error
	for _, w := range e.workers {
		n, _, err := e.deliverStep(ctx, w)
		total += n
		errs = append(errs, err)
	}
	return total, errors.Join(errs...)
}

// deliverStep claims a batch of w's platform's due messages and sends them.
func (e *Engine) deliverStep(ctx context.Context, w *worker) (int, time.Time, error) {
	var msgs []*nb.OutboxMessage
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		msgs, err = tx.ClaimOutbox(w.platform, claimBatch, e.outboxLease, e.owner)
		return err
	})
	if err != nil || len(msgs) == 0 {
		if err != nil {
			err = fmt.Errorf("claim outbox: %w", err)
		}
		return 0, time.Time{}, err
	}
	if ts, ok := w.sender.(TxSender); ok {
		n, err := e.deliverInTx(ctx, w, ts, msgs)
		return n, time.Time{}, err
	}
	return e.deliverOverNetwork(ctx, w, msgs), time.Time{}, ctx.Err()
}

func outMessage(m *nb.OutboxMessage) OutMessage {
	return OutMessage{Platform: m.Platform, ChatID: m.ChatExternalID, Text: m.Text, ReplyTo: m.ReplyTo, Mentions: m.Mentions,
		Attachments: m.Attachments}
}

// deliverInTx sends a batch through a platform that lives in the store, in
// the transaction that records the messages as sent: each is sent exactly
// once, whatever crashes.
func (e *Engine) deliverInTx(ctx context.Context, w *worker, ts TxSender, msgs []*nb.OutboxMessage) (int, error) {
	type delivered struct {
		out OutMessage
		id  string
	}
	var sent []delivered
	// A TxSender may lock a chat to send to it (the sandbox does, and its
	// posts lock their chats too, several to a transaction): every
	// transaction takes its chats in the order of their keys, or two would
	// wait for each other until PostgreSQL failed one. Stable: a chat's
	// messages keep their order.
	msgs = slices.Clone(msgs)
	slices.SortStableFunc(msgs, func(a, b *nb.OutboxMessage) int { return strings.Compare(a.ChatExternalID, b.ChatExternalID) })
	err := e.store.Update(context.WithoutCancel(ctx), func(tx nb.Tx) error {
		sent = sent[:0]
		blocked := map[string]bool{}
		for _, m := range msgs {
			if blocked[m.ChatExternalID] {
				if err := tx.ReleaseOutbox(m.ID, e.now(), "waiting for an earlier message"); err != nil {
					return err
				}
				continue
			}
			out := outMessage(m)
			id, err := ts.SendTx(tx, out)
			var permanent *PermanentError
			switch {
			case errors.As(err, &permanent):
				blocked[m.ChatExternalID] = true
				e.logger.Warn("outbox: cannot deliver", "outbox_id", m.ID, "platform", m.Platform, "err", err)
				err = tx.MarkOutboxRetry(m.ID, err.Error(), e.now(), true)
			case err != nil:
				return err // the store failed: nothing of the batch is sent
			default:
				err = tx.MarkOutboxSent(m.ID, id)
				sent = append(sent, delivered{out, id})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, m := range msgs {
			e.release(m, e.now().Add(e.retryBase), "not sent: "+err.Error())
		}
		e.health.platform(string(w.platform), err)
		return 0, fmt.Errorf("deliver %s: %w", w.platform, err)
	}
	e.health.platform(string(w.platform), nil)
	e.observeSent(w.platform, len(sent))
	for _, d := range sent {
		ts.Delivered(d.out, d.id)
	}
	return len(sent), nil
}

// deliverOverNetwork sends a batch over a remote platform: chats spread
// over lanes that send concurrently, each chat's messages in order, paced
// by the platform's limiter. Outcomes are recorded as they come, several to
// a transaction.
func (e *Engine) deliverOverNetwork(ctx context.Context, w *worker, msgs []*nb.OutboxMessage) int {
	lanes := make([][]*nb.OutboxMessage, w.lanes)
	for _, m := range msgs {
		h := fnv.New32a()
		_, _ = h.Write([]byte(m.ChatExternalID))
		i := int(h.Sum32() % uint32(w.lanes))
		lanes[i] = append(lanes[i], m)
	}
	rec := newRecorder(e)
	var wg sync.WaitGroup
	for _, lane := range lanes {
		if len(lane) == 0 {
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); e.sendLane(ctx, w, lane, rec) }()
	}
	wg.Wait()
	return rec.close()
}

// sendLane sends the messages of a few chats one after another.
func (e *Engine) sendLane(ctx context.Context, w *worker, msgs []*nb.OutboxMessage, rec *recorder) {
	blocked := map[string]time.Time{} // chat → when its held-back message is due
	for _, m := range msgs {
		if next, ok := blocked[m.ChatExternalID]; ok {
			rec.add(outcome{m: m, release: true, next: next, reason: "waiting for an earlier message"})
			continue
		}
		if ctx.Err() != nil {
			rec.add(outcome{m: m, release: true, next: e.now(), reason: "not tried: shutting down"})
			continue
		}
		if next, paced := e.pace(ctx, w, m.ChatExternalID); paced {
			blocked[m.ChatExternalID] = next
			rec.add(outcome{m: m, release: true, next: next, reason: "paced: the chat's sending limit"})
			continue
		}
		if ctx.Err() != nil {
			rec.add(outcome{m: m, release: true, next: e.now(), reason: "not tried: shutting down"})
			continue
		}
		o := e.send(ctx, w, m)
		if o.m == nil {
			continue
		}
		if !o.sent {
			blocked[m.ChatExternalID] = o.next
		}
		rec.add(o)
	}
}

// pace waits until the limiter lets a message go to chat now. If the
// limits ask for a long wait (a busy group's minute, an hourly cap) it
// takes nothing: paced is true and next is when to try again, so the
// message is handed back instead of holding a lane.
func (e *Engine) pace(ctx context.Context, w *worker, chat string) (next time.Time, paced bool) {
	for ctx.Err() == nil {
		wait, ok := w.limiter.Reserve(e.now(), chat)
		switch {
		case ok:
			return time.Time{}, false
		case wait > maxPaceWait:
			return e.now().Add(wait), true
		}
		sleep(ctx, wait)
	}
	return time.Time{}, false
}

// send sends one message and returns its outcome. A send under way when
// ctx ends is finished (within sendTimeout) and recorded rather than cut
// off: a request the platform may already have carried out, handed back as
// untried, would be sent twice after a restart.
func (e *Engine) send(ctx context.Context, w *worker, m *nb.OutboxMessage) outcome {
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	id, err := w.sender.Send(sendCtx, outMessage(m))
	cancel()
	e.health.platform(string(w.platform), err)
	if err == nil {
		return outcome{m: m, sent: true, externalID: id}
	}
	var retry *RetryAfterError
	var permanent *PermanentError
	switch {
	case errors.As(err, &retry): // not a failure: the platform asks us to wait
		e.logger.Info("outbox: platform asks to wait", "outbox_id", m.ID, "platform", m.Platform, "after", retry.After)
		return outcome{m: m, release: true, next: e.now().Add(retry.After), reason: "platform asked to wait " + retry.After.String()}
	case ctx.Err() != nil && errors.Is(err, context.Canceled): // our shutdown, not the platform's failure
		return outcome{m: m, release: true, next: e.now(), reason: "not sent: shutting down"}
	}
	dead := m.Attempts >= e.maxAttempts || errors.As(err, &permanent)
	next := e.now().Add(e.backoff(m.Attempts))
	if dead {
		next = e.now() // nothing waits behind a message that will never be sent
	}
	e.logger.Warn("outbox: send failed", "outbox_id", m.ID, "platform", m.Platform,
		"attempt", m.Attempts, "dead", dead, "err", err)
	return outcome{m: m, next: next, reason: err.Error(), dead: dead, chatGone: permanent != nil && permanent.ChatGone}
}

// sleep waits d or until ctx ends; it reports whether the wait was whole.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// release hands m back untried, due again at next.
func (e *Engine) release(m *nb.OutboxMessage, next time.Time, reason string) {
	err := e.store.Update(context.Background(), func(tx nb.Tx) error { return tx.ReleaseOutbox(m.ID, next, reason) })
	if err != nil {
		e.logger.Error("outbox: release", "outbox_id", m.ID, "err", err)
	}
}

// backoff is retryBase·2^(attempt-1), capped, less up to a fifth at random
// so that many messages failed together do not all come back at once.
func (e *Engine) backoff(attempt int) time.Duration {
	d := e.retryBase
	for i := 1; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	if d >= 5*time.Nanosecond {
		d -= rand.N(d / 5)
	}
	return d
}
