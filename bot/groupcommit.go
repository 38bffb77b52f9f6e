package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	nb "github.com/neighborbot/neighborbot"
)

// GroupCommit runs concurrent writes (the sandbox's posts, messages
// received at once) several to a transaction: a write that arrives while
// another transaction commits waits for it and goes in the next one with
// all the others that came meanwhile. At low load each write still has its
// own transaction at once; under load one commit (the costly part) serves
// many. No goroutine of its own: the first waiting write commits for the
// others ("leader").
type GroupCommit struct {
	store nb.Store
	mu    sync.Mutex
	queue []*pending
	busy  bool // a leader is committing
}

// NewGroupCommit returns a GroupCommit writing to store.
func NewGroupCommit(store nb.Store) *GroupCommit { return &GroupCommit{store: store} }

// pending is one write and what became of it.
type pending struct {
	key  string // the batch runs in the order of keys
	fn   func(nb.Tx) error
	err  error
	wake chan bool // true: done; false: lead the next batch
}

// maxGroup is the most writes one transaction takes.
const maxGroup = 128

// Do runs fn in a transaction shared with other writes and returns fn's
// error (or the transaction's). fn may run more than once (when a batch
// it is in fails because of another write): it must set its results anew
// each time. The transaction runs without ctx's cancellation (it may be
// another caller's): once queued, a write is not withdrawn.
//
// A batch runs its writes in the order of their keys, and of their arrival
// among equal keys. A write that locks what its key names (the sandbox
// locks a chat to append to it) thus takes its lock in the order every
// other transaction that locks several keys in order takes them (the
// engine's deliveries do): two batches that locked two chats in opposite
// orders were deadlocked until PostgreSQL failed one of them.
func (g *GroupCommit) Do(ctx context.Context, key string, fn func(nb.Tx) error) error {
	p := &pending{key: key, fn: fn, wake: make(chan bool, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, p)
	if g.busy {
		g.mu.Unlock()
		if done := <-p.wake; done {
			return p.err
		}
	} else {
		g.busy = true
		g.mu.Unlock()
	}
	g.lead(ctx, p)
	return p.err
}

// lead commits batches until mine is done, then hands the lead to the
// first write still waiting, if any.
func (g *GroupCommit) lead(ctx context.Context, mine *pending) {
	for {
		g.mu.Lock()
		n := min(len(g.queue), maxGroup)
		batch := g.queue[:n:n]
		g.queue = g.queue[n:]
		g.mu.Unlock()
		slices.SortStableFunc(batch, func(a, b *pending) int { return strings.Compare(a.key, b.key) })
		g.commit(context.WithoutCancel(ctx), batch)
		done := false
		for _, p := range batch {
			if p == mine {
				done = true
			} else {
				p.wake <- true
			}
		}
		if done {
			break
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.busy = false
		return
	}
	g.queue[0].wake <- false // the next leader
}

// commit writes batch in one transaction. If one write fails, the ones
// before it are committed without it, it gets its error, and the rest go
// on in a new transaction; a failure of the store fails them all.
func (g *GroupCommit) commit(ctx context.Context, batch []*pending) {
	for len(batch) > 0 {
		failed := -1
		err := g.store.Update(ctx, func(tx nb.Tx) error {
			failed = -1 // run again after a conflict: only this run's failure counts
			for i, p := range batch {
				if err := p.fn(tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		switch {
		case err == nil:
			for _, p := range batch {
				p.err = nil
			}
			return
		case failed < 0 || errors.Is(err, nb.ErrUnavailable) || errors.Is(err, nb.ErrBroken):
			for _, p := range batch {
				p.err = err
			}
			return
		}
		if failed > 0 {
			g.commit(ctx, batch[:failed])
		}
		batch[failed].err = err
		batch = batch[failed+1:]
	}
}
