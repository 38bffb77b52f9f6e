package bot

import (
	"encoding/json"
	"runtime"
	"sync"

	nb "github.com/neighborbot/neighborbot"
)

// PrepareFunc reads a message before the transaction that handles it and
// returns what the handler will want of that reading (for the handlers:
// the message understood), or nil. It runs outside any transaction, on
// other goroutines and possibly several times or for a message that is
// then handled by another process, so it must depend on the message alone:
// no store, no clock, no side effects. The handler finds the result in
// Context.Prepared and must check that it was made for the text it reads.
type PrepareFunc func(m Message) any

// WithPrepare makes the engine run fn on every message before its handling
// transaction, on up to GOMAXPROCS goroutines: the work moves out of the
// single writer (SQLite's one write transaction at a time) to the other
// cores, and the next batch is read while the current one is handled.
func WithPrepare(fn PrepareFunc) Option { return func(e *Engine) { e.prepare = fn } }

// preparedItem is an inbox item decoded and read ahead of its transaction.
type preparedItem struct {
	msg   Message
	err   error // decoding failed: the handler records it, as before
	value any   // what PrepareFunc returned
}

// preparation reads a batch of items ahead, in the background.
type preparation struct {
	items []*nb.InboxItem
	out   []preparedItem
	wg    sync.WaitGroup
}

// prepareAhead decodes items and runs the engine's PrepareFunc on them in
// the background, on up to GOMAXPROCS goroutines; wait returns the results.
func (e *Engine) prepareAhead(items []*nb.InboxItem) *preparation {
	p := &preparation{items: items, out: make([]preparedItem, len(items))}
	next := make(chan int, len(items))
	for i := range items {
		next <- i
	}
	close(next)
	workers := min(runtime.GOMAXPROCS(0), len(items))
	p.wg.Add(workers)
	for range workers {
		go func() {
			defer p.wg.Done()
			for i := range next {
				p.out[i] = e.prepareItem(items[i], true)
			}
		}()
	}
	return p
}

// wait waits for the background work and returns the prepared items,
// keyed by inbox id.
func (p *preparation) wait() map[int64]*preparedItem {
	p.wg.Wait()
	byID := make(map[int64]*preparedItem, len(p.items))
	for i, it := range p.items {
		byID[it.ID] = &p.out[i]
	}
	return byID
}

// prepareItem decodes an item's message and, if read is true, runs the
// engine's PrepareFunc on it. A PrepareFunc that panics prepares nothing:
// the handler then reads the message itself, under Recover.
func (e *Engine) prepareItem(it *nb.InboxItem, read bool) (p preparedItem) {
	if err := json.Unmarshal(it.Payload, &p.msg); err != nil {
		return preparedItem{err: err}
	}
	if !read || e.prepare == nil {
		return p
	}
	defer func() {
		if r := recover(); r != nil {
			e.logger.Error("preparing a message panicked; it is read in its transaction", "panic", r)
			p.value = nil
		}
	}()
	p.value = e.prepare(p.msg)
	return p
}
