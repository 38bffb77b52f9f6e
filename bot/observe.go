package bot

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Observer is told what the engine does, for metrics. Its methods are
// called from the engine's goroutines: they must be quick and safe for
// concurrent use.
type Observer interface {
	// Handled: n incoming messages of platform p were handled and committed.
	Handled(p nb.Platform, n int)
	// HandleTook: the handler took d for one message of p (attempts rolled
	// back included).
	HandleTook(p nb.Platform, d time.Duration)
	// SetAside: a message of p failed too often and was set aside.
	SetAside(p nb.Platform)
	// Sent: n replies were delivered on p.
	Sent(p nb.Platform, n int)
	// SendFailed: a send on p failed; dead when it was given up (a
	// permanent error, or out of attempts), else it will be retried.
	SendFailed(p nb.Platform, dead bool)
}

// ClaimObserver is an Observer that is also told of each inbox claim
// (optional: the engine checks for it).
type ClaimObserver interface {
	// InboxClaimed: a lane claimed chats and found n messages (0: an empty
	// claim, a transaction for nothing).
	InboxClaimed(n int)
}

// WithObserver makes the engine tell o what it does.
func WithObserver(o Observer) Option { return func(e *Engine) { e.observer = o } }

// observeHandled counts committed items per platform.
func (e *Engine) observeHandled(items []*nb.InboxItem) {
	if e.observer == nil || len(items) == 0 {
		return
	}
	counts := map[nb.Platform]int{}
	for _, it := range items {
		counts[it.Platform]++
	}
	for p, n := range counts {
		e.observer.Handled(p, n)
	}
}

// observeClaim counts an inbox claim that found n messages.
func (e *Engine) observeClaim(n int) {
	e.claims.Add(1)
	if n == 0 {
		e.emptyClaims.Add(1)
	}
	if o, ok := e.observer.(ClaimObserver); ok {
		o.InboxClaimed(n)
	}
}

// InboxClaims returns how many inbox claims this engine made, and how many
// of them found nothing.
func (e *Engine) InboxClaims() (claims, empty int64) {
	return e.claims.Load(), e.emptyClaims.Load()
}

// observeTook reports the time since start spent handling a message of p;
// deferred at the start of its handling.
func (e *Engine) observeTook(p nb.Platform, start time.Time) {
	if e.observer != nil {
		e.observer.HandleTook(p, time.Since(start))
	}
}

// observeSetAside reports an item set aside.
func (e *Engine) observeSetAside(p nb.Platform) {
	if e.observer != nil {
		e.observer.SetAside(p)
	}
}

// observeSent reports n messages delivered on p.
func (e *Engine) observeSent(p nb.Platform, n int) {
	if e.observer != nil && n > 0 {
		e.observer.Sent(p, n)
	}
}

// observeOutcomes reports a batch of recorded send outcomes: those sent,
// and the failures (released messages, not tried, are neither).
func (e *Engine) observeOutcomes(batch []outcome) {
	if e.observer == nil {
		return
	}
	for _, o := range batch {
		switch {
		case o.sent:
			e.observer.Sent(o.m.Platform, 1)
		case o.release:
		default:
			e.observer.SendFailed(o.m.Platform, o.dead || o.chatGone)
		}
	}
}

// WakeSenders tells the delivery workers that the outbox has new messages,
// for callers that queue replies outside a handled message (an API).
func (e *Engine) WakeSenders() { e.wakeWorkers() }
