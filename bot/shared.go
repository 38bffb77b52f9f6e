package bot

import (
	"context"
	"sync"
)

// Notifier tells the other processes that share the store that new work
// arrived, and hears them, so that a process wakes at once rather than at
// its next poll. An implementation shared by processes (Redis pub/sub) is
// optional: without one, or while it is down, the poll interval finds the
// work, later but just as surely.
type Notifier interface {
	// Notify tells the others about topic; it never blocks.
	Notify(topic string)
	// Listen calls fn with the topic of each notice from another process
	// until ctx ends.
	Listen(ctx context.Context, fn func(topic string))
}

// Topics of notices between processes.
const (
	TopicInbox  = "inbox"  // new incoming messages
	TopicOutbox = "outbox" // new outgoing messages
)

// WithNotifier shares the engine's wake-ups with other processes.
func WithNotifier(n Notifier) Option { return func(e *Engine) { e.notifier = n } }

// WithStatus adds a part the engine depends on to its health detail:
// status returns "" while the part works, else what is wrong. A part that
// is down degrades the engine without stopping it (Health.Degraded).
func WithStatus(name string, status func() string) Option {
	return func(e *Engine) {
		if e.statuses == nil {
			e.statuses = map[string]func() string{}
		}
		e.statuses[name] = status
	}
}

// notify tells the other processes about topic, if a notifier is set.
func (e *Engine) notify(topic string) {
	if e.notifier != nil {
		e.notifier.Notify(topic)
	}
}

// listen wakes this process's loops for the notices of the others.
func (e *Engine) listen(ctx context.Context, wg *sync.WaitGroup) {
	if e.notifier == nil {
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		e.notifier.Listen(ctx, func(topic string) {
			switch topic {
			case TopicInbox:
				e.wakeLanes()
			case TopicOutbox:
				for _, w := range e.workers {
					wake(w.wakeCh)
				}
			}
		})
	}()
}

// degraded returns the parts that are down and why (nil if none).
func (e *Engine) degraded() map[string]string {
	var out map[string]string
	for name, status := range e.statuses {
		if s := status(); s != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[name] = s
		}
	}
	return out
}
