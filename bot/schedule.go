package bot

import (
	"context"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Job is periodic work, such as closing resolved cases nobody rated. It
// runs in one transaction and returns how many outbox messages it queued.
type Job func(ctx context.Context, tx nb.Tx) (queued int, err error)

type scheduled struct {
	name  string
	every time.Duration
	job   Job
}

// Schedule runs job every interval while the engine runs (first at start).
// Call before Run.
func (e *Engine) Schedule(name string, every time.Duration, job Job) {
	e.jobs = append(e.jobs, scheduled{name: name, every: every, job: job})
}

// runJobs runs every scheduled job on its own ticker until ctx ends.
func (e *Engine) runJobs(ctx context.Context, wg *sync.WaitGroup) {
	for _, s := range e.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ticker := time.NewTicker(s.every)
			defer ticker.Stop()
			for {
				e.RunJob(ctx, s.name, s.job)
				select {
				case <-ctx.Done():
					return
				case <-ticker.C:
				}
			}
		}()
	}
}

// RunJob runs one job now, in a transaction, and wakes the outbox if it
// queued anything.
func (e *Engine) RunJob(ctx context.Context, name string, job Job) {
	queued := 0
	err := e.store.Update(ctx, func(tx nb.Tx) (err error) {
		queued, err = job(ctx, tx)
		return err
	})
	if err != nil && ctx.Err() == nil {
		e.logger.Error("scheduled job failed", "job", name, "err", err)
		return
	}
	if queued > 0 {
		e.logger.Info("scheduled job ran", "job", name, "queued", queued)
		e.wakeWorkers()
	}
}
