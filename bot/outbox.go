package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

const (
	outboxBatch = 32
	outboxLease = 2 * time.Minute
	sendTimeout = 30 * time.Second
	maxBackoff  = 15 * time.Minute
)

// DeliverPending sends the outbox messages that are due and returns how
// many it sent. A failed message is retried with exponential back-off; the
// later messages of the same chat in the batch wait for it, to keep order.
func (e *Engine) DeliverPending(ctx context.Context) (int, error) {
	var msgs []*nb.OutboxMessage
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		msgs, err = tx.ClaimOutbox(outboxBatch, outboxLease)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("claim outbox: %w", err)
	}
	sent := 0
	blocked := map[string]time.Time{} // chat → when its failed message is retried
	for _, m := range msgs {
		if ctx.Err() != nil { // shutting down: hand back what was not tried
			e.release(m, e.now(), "not tried: shutting down")
			continue
		}
		chat := string(m.Platform) + "\x00" + m.ChatExternalID
		if next, ok := blocked[chat]; ok {
			e.release(m, next, "waiting for an earlier message")
			continue
		}
		next, err := e.deliver(ctx, m)
		if err != nil {
			blocked[chat] = next
			continue
		}
		sent++
	}
	return sent, ctx.Err()
}

// deliver sends one message and records the outcome. On failure it returns
// when the message will be tried again.
func (e *Engine) deliver(ctx context.Context, m *nb.OutboxMessage) (time.Time, error) {
	sender, ok := e.senders[m.Platform]
	if !ok {
		err := fmt.Errorf("no sender for platform %q", m.Platform)
		return e.fail(ctx, m, err), err
	}
	// A reply to this message must not be handled before its platform id is
	// recorded (it would not find the case it is about): see process.
	e.sending.Lock()
	sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
	id, err := sender.Send(sendCtx, OutMessage{Platform: m.Platform, ChatID: m.ChatExternalID,
		Text: m.Text, ReplyTo: m.ReplyTo, Mentions: m.Mentions})
	cancel()
	if err != nil {
		e.sending.Unlock()
		return e.fail(ctx, m, err), err
	}
	// Record the outcome even when shutting down, or the message is sent again.
	err = e.store.Update(context.WithoutCancel(ctx), func(tx nb.Tx) error { return tx.MarkOutboxSent(m.ID, id) })
	e.sending.Unlock()
	if err != nil {
		e.logger.Error("outbox: sent but not recorded", "outbox_id", m.ID, "err", err)
	}
	return time.Time{}, nil
}

// fail schedules the next attempt of m after err and returns its time.
func (e *Engine) fail(ctx context.Context, m *nb.OutboxMessage, err error) time.Time {
	var retry *RetryAfterError
	var permanent *PermanentError
	switch {
	case errors.As(err, &retry): // not a failure: the platform asks us to wait
		next := e.now().Add(retry.After)
		e.logger.Info("outbox: platform asks to wait", "outbox_id", m.ID, "platform", m.Platform, "after", retry.After)
		e.release(m, next, "platform asked to wait "+retry.After.String())
		return next
	case ctx.Err() != nil && errors.Is(err, context.Canceled): // our shutdown, not the platform's failure
		e.release(m, e.now(), "not sent: shutting down")
		return e.now()
	}
	dead := m.Attempts >= e.maxAttempts || errors.As(err, &permanent)
	next := e.now().Add(e.backoff(m.Attempts))
	if dead {
		next = e.now() // nothing waits behind a message that will never be sent
	}
	e.logger.Warn("outbox: send failed", "outbox_id", m.ID, "platform", m.Platform,
		"attempt", m.Attempts, "dead", dead, "err", err)
	e.retryLater(ctx, m, err.Error(), next, dead)
	return next
}

func (e *Engine) retryLater(ctx context.Context, m *nb.OutboxMessage, reason string, next time.Time, dead bool) {
	err := e.store.Update(context.WithoutCancel(ctx), func(tx nb.Tx) error {
		return tx.MarkOutboxRetry(m.ID, reason, next, dead)
	})
	if err != nil {
		e.logger.Error("outbox: record retry", "outbox_id", m.ID, "err", err)
	}
}

// release hands m back untried, due again at next.
func (e *Engine) release(m *nb.OutboxMessage, next time.Time, reason string) {
	err := e.store.Update(context.Background(), func(tx nb.Tx) error { return tx.ReleaseOutbox(m.ID, next, reason) })
	if err != nil {
		e.logger.Error("outbox: release", "outbox_id", m.ID, "err", err)
	}
}

// backoff is retryBase·2^(attempt-1), capped.
func (e *Engine) backoff(attempt int) time.Duration {
	d := e.retryBase
	for i := 1; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}
