package sandbox

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Watch is a subscription to a chat's next message, from Await.
type Watch struct {
	woken <-chan struct{}
	leave func()
}

// Woken is closed when the chat may have a new message.
func (w *Watch) Woken() <-chan struct{} { return w.woken }

// Stop ends the subscription.
func (w *Watch) Stop() { w.leave() }

// Await is the first half of a long poll for callers that wait by
// themselves: it returns the chat's messages after id after if there are
// any, or else a Watch that is woken when one may have come. While the
// platform knows the reader is up to date, the database is not asked.
// The caller must Stop the Watch.
func (p *Platform) Await(ctx context.Context, chatKey string, after int64) ([]*nb.SandboxMessage, *Watch, error) {
	woken, leave, nothingNewer := p.hub.subscribe(chatKey, after)
	if !nothingNewer {
		msgs, err := p.Messages(ctx, chatKey, after)
		if err != nil || len(msgs) > 0 {
			leave()
			return msgs, nil, err
		}
		p.hub.noneAfter(chatKey, after, woken)
	}
	return nil, &Watch{woken: woken, leave: leave}, nil
}

// OnMessage registers fn to be called, without locks held, each time a
// chat gets a new message (a person's or the bot's).
func (p *Platform) OnMessage(fn func(chatKey string)) {
	p.hub.mu.Lock()
	defer p.hub.mu.Unlock()
	p.hub.listeners = append(p.hub.listeners, fn)
}

// WaitTimeout is how long a long poll waits before it answers empty.
func (p *Platform) WaitTimeout() time.Duration { return p.waitTimeout }
