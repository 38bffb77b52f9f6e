package bot

import (
	"context"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// outcome is what became of one claimed message.
type outcome struct {
	m          *nb.OutboxMessage
	sent       bool
	externalID string
	release    bool // not tried: handed back, the attempt not counted
	dead       bool // failed for good
	chatGone   bool // and so has every other message to its chat
	next       time.Time
	reason     string
}

// recorder writes the outcomes of a batch's sends as they come, all the
// outcomes waiting at that moment in one transaction: a sent message is
// recorded within about one write of its send (the window in which a crash
// would send it again), and many sends cost few transactions.
type recorder struct {
	e    *Engine
	in   chan outcome
	done chan struct{}
	mu   sync.Mutex
	sent int
}

func newRecorder(e *Engine) *recorder {
	r := &recorder{e: e, in: make(chan outcome, claimBatch), done: make(chan struct{})}
	go r.run()
	return r
}

func (r *recorder) add(o outcome) { r.in <- o }

// close waits for every outcome to be written and returns how many
// messages were sent.
func (r *recorder) close() int {
	close(r.in)
	<-r.done
	return r.sent
}

func (r *recorder) run() {
	defer close(r.done)
	for o := range r.in {
		batch := []outcome{o}
	more:
		for len(batch) < claimBatch {
			select {
			case o, ok := <-r.in:
				if !ok {
					break more
				}
				batch = append(batch, o)
			default:
				break more
			}
		}
		r.write(batch)
	}
}

// write records a batch of outcomes in one transaction, even while
// shutting down, trying again a few times if the store fails.
func (r *recorder) write(batch []outcome) {
	var err error
	for try, start := 0, time.Now(); ; try++ { // a sent message not recorded would be sent again
		if err = r.writeOnce(batch); err == nil || !keepRecording(batch, err, try, time.Since(start)) {
			break
		}
		time.Sleep(recordPause(try)) // recorder_retry.go
	}
	if err != nil {
		r.e.logger.Error("outbox: outcomes not recorded", "count", len(batch), "err", err)
		return
	}
	r.e.observeOutcomes(batch)
	for _, o := range batch {
		if o.sent {
			r.sent++
		}
	}
}

func (r *recorder) writeOnce(batch []outcome) error {
	return r.e.store.Update(context.Background(), func(tx nb.Tx) error {
		for _, o := range batch {
			var err error
			switch {
			case o.sent:
				err = tx.MarkOutboxSent(o.m.ID, o.externalID)
			case o.release:
				err = tx.ReleaseOutbox(o.m.ID, o.next, o.reason)
				if nb.ErrorCode(err) == nb.ENOTFOUND {
					err = nil // no longer pending (its chat was given up): nothing to hand back
				}
			case o.chatGone:
				err = tx.MarkOutboxRetry(o.m.ID, o.reason, o.next, true)
				if err == nil {
					_, err = tx.FailChatOutbox(o.m.Platform, o.m.ChatExternalID, "chat unreachable: "+o.reason)
				}
				if err == nil {
					err = tx.SetChatActive(o.m.Platform, o.m.ChatExternalID, "", false)
				}
			default:
				err = tx.MarkOutboxRetry(o.m.ID, o.reason, o.next, o.dead)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
