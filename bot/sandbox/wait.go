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
		// Subscribe before looking, so that a message stored in between
		// still wakes us.
		woken, leave := p.hub.subscribe(chatKey)
		msgs, err := p.Messages(ctx, chatKey, after)
		if err != nil || len(msgs) > 0 {
			leave()
			return msgs, err
		}
		select {
		case <-woken:
			leave()
		case <-timer.C:
			leave()
			return msgs, nil
		case <-ctx.Done():
			leave()
			return nil, ctx.Err()
		}
	}
}

// hub wakes the readers waiting on a chat. Each chat with readers has a
// channel that is closed (and forgotten) when a message arrives.
type hub struct {
	mu    sync.Mutex
	chats map[string]*waitList
}

type waitList struct {
	ch      chan struct{}
	readers int
}

func newHub() *hub { return &hub{chats: map[string]*waitList{}} }

// subscribe returns a channel closed at the chat's next message, and a
// function to call when the caller stops waiting.
func (h *hub) subscribe(chatKey string) (<-chan struct{}, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	w := h.chats[chatKey]
	if w == nil {
		w = &waitList{ch: make(chan struct{})}
		h.chats[chatKey] = w
	}
	w.readers++
	return w.ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		w.readers--
		if w.readers == 0 && h.chats[chatKey] == w {
			delete(h.chats, chatKey)
		}
	}
}

// notify wakes every reader of the chat.
func (h *hub) notify(chatKey string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if w := h.chats[chatKey]; w != nil {
		close(w.ch)
		delete(h.chats, chatKey)
	}
}
