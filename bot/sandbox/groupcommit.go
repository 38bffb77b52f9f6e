package sandbox

import (
	"context"
	"errors"
	"sync"

	nb "github.com/neighborbot/neighborbot"
)

// groupCommit runs the writes of concurrent posts several to a
// transaction: a post that arrives while another transaction commits waits
// for it and goes in the next one with all the others that came meanwhile.
// At low load each post still has its own transaction at once; under load
// one commit (the costly part) serves many posts. No goroutine of its own:
// the first waiting post commits for the others ("leader").
type groupCommit struct {
	store nb.Store
	mu    sync.Mutex
	queue []*pending
	busy  bool // a leader is committing
}

// pending is one post's write and what became of it.
type pending struct {
	fn   func(nb.Tx) error
	err  error
	wake chan bool // true: done; false: lead the next batch
}

// maxGroup is the most posts one transaction takes.
const maxGroup = 128

// do runs fn in a transaction shared with other posts and returns fn's
// error (or the transaction's). fn may run more than once (when a batch
// it is in fails because of another post): it must set its results anew
// each time.
func (g *groupCommit) do(ctx context.Context, fn func(nb.Tx) error) error {
	p := &pending{fn: fn, wake: make(chan bool, 1)}
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
// first post still waiting, if any.
func (g *groupCommit) lead(ctx context.Context, mine *pending) {
	for {
		g.mu.Lock()
		n := min(len(g.queue), maxGroup)
		batch := g.queue[:n:n]
		g.queue = g.queue[n:]
		g.mu.Unlock()
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

// commit writes batch in one transaction. If one post's write fails, the
// posts before it are committed without it, it gets its error, and the
// rest go on in a new transaction; a failure of the store fails them all.
func (g *groupCommit) commit(ctx context.Context, batch []*pending) {
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
