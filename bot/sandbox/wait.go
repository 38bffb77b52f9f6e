package sandbox

import (
	"context"
	"fmt"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// pageSize is how many messages Messages and Wait return at most.
const pageSize = 200

// Messages returns the messages of a chat newer than after, oldest first,
// at most 200 at a time.
func (p *Platform) Messages(ctx context.Context, chatKey string, after int64) ([]*nb.SandboxMessage, error) {
	var msgs []*nb.SandboxMessage
	err := p.store.View(ctx, func(tx nb.Tx) error {
		var err error
		msgs, err = tx.ListSandboxMessages(chatKey, after, pageSize)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: list messages: %w", err)
	}
	if msgs == nil {
		msgs = []*nb.SandboxMessage{}
	}
	return msgs, nil
}

// Wait is a long poll: it returns the messages of a chat newer than after as
// soon as there are any, or an empty list after the wait timeout (25 s by
// default). It returns ctx's error when ctx ends first.
func (p *Platform) Wait(ctx context.Context, chatKey string, after int64) ([]*nb.SandboxMessage, error) {
	timer := time.NewTimer(p.waitTimeout)
	defer timer.Stop()
	for {
		msgs, w, err := p.Await(ctx, chatKey, after)
		if w == nil {
			return msgs, err
		}
		select {
		case <-w.Woken():
			w.Stop()
		case <-timer.C:
			w.Stop()
			return []*nb.SandboxMessage{}, nil
		case <-ctx.Done():
			w.Stop()
			return nil, ctx.Err()
		}
	}
}

// hub wakes the readers waiting on a chat. Each chat with readers has a
// channel that is closed (and forgotten) when a message arrives. It also
// remembers, per chat, an id no message is newer than, so that a reader
// already up to date waits without asking the database.
type hub struct {
	mu     sync.Mutex
	chats  map[string]*waitList
	bounds map[string]int64 // chat → no message has a greater id
	// listeners are told of every new message (see OnMessage).
	listeners []func(chatKey string)
}

type waitList struct {
	ch      chan struct{}
	readers int
}

// maxBounds caps how many chats' bounds are remembered.
const maxBounds = 100_000

func newHub() *hub { return &hub{chats: map[string]*waitList{}, bounds: map[string]int64{}} }

// subscribe returns a channel closed at the chat's next message, a function
// to call when the caller stops waiting, and whether the hub knows there is
// no message after id after.
func (h *hub) subscribe(chatKey string, after int64) (<-chan struct{}, func(), bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	w := h.chats[chatKey]
	if w == nil {
		w = &waitList{ch: make(chan struct{})}
		h.chats[chatKey] = w
	}
	w.readers++
	bound, known := h.bounds[chatKey]
	return w.ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		w.readers--
		if w.readers == 0 && h.chats[chatKey] == w {
			delete(h.chats, chatKey)
		}
	}, known && bound <= after
}

// noneAfter records that the chat had no message after id after, as the
// database said while the caller was subscribed with woken; if a message
// came meanwhile (woken is closed), nothing is recorded.
func (h *hub) noneAfter(chatKey string, after int64, woken <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-woken:
		return
	default:
	}
	if _, known := h.bounds[chatKey]; !known && len(h.bounds) >= maxBounds {
		clear(h.bounds)
	}
	if b, known := h.bounds[chatKey]; !known || after < b {
		h.bounds[chatKey] = after
	}
}

// notify wakes every reader of the chat, which has a new message id, and
// tells the listeners.
func (h *hub) notify(chatKey string, id int64) {
	h.wake(chatKey, func() {
		if b, known := h.bounds[chatKey]; known && id > b {
			h.bounds[chatKey] = id
		}
	})
}

// wake runs update under the hub's lock, wakes the chat's waiting readers
// and tells the listeners.
func (h *hub) wake(chatKey string, update func()) {
	h.mu.Lock()
	update()
	if w := h.chats[chatKey]; w != nil {
		close(w.ch)
		delete(h.chats, chatKey)
	}
	listeners := h.listeners
	h.mu.Unlock()
	for _, fn := range listeners {
		fn(chatKey)
	}
}
