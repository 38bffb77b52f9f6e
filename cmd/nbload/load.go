package main

import (
	"context"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// runner drives the load: a scheduler posts messages on an open-loop
// schedule, pollers read the groups that await answers, a sweeper gives up
// on answers that do not come, and a sampler reads /proc each second.
type runner struct {
	cfg    config
	groups []*group
	pids   []int // the servers' processes (none = not sampled)
	rng    *rand.Rand
	stats  *stats
	cases  cases

	polls   chan *group  // groups to read, each at most once
	waiting atomic.Int64 // posts awaiting an answer
	chit    chitSample   // chit-chat posts to check after the run
	log     io.Writer    // a progress line every 10 s

	tg                    *tgDriver    // -platform telegram: posts go to webhooks, answers come from its fake
	plain                 pacer        // paces plain reads
	longPolls, plainPolls atomic.Int64 // reads of groups
	cpu                   cpuTotals
}

// job is one message to post.
type job struct {
	kind    kind
	g       *group
	from    string
	text    string
	replyTo int64
	c       *caseRef
	rep     report
	accept  bool
	sched   time.Time
}

// Timings of the run's helpers.
const (
	sweepEvery  = 500 * time.Millisecond
	repollAfter = 50 * time.Millisecond // a group read without waiting is read again after this
	pageSize    = 200                   // messages the server returns at most per read
	drainExtra  = 15 * time.Second      // reads after the timeout, to tell lost from unread
	forgetAfter = 10 * time.Minute      // answers remembered to see doubled ones
)

func newRunner(cfg config, groups []*group, pids []int, log io.Writer) *runner {
	return &runner{cfg: cfg, groups: groups, pids: pids, log: log,
		rng:   rand.New(rand.NewPCG(cfg.seed, 0x6e626c6f6164)),
		polls: make(chan *group, len(groups)),
		plain: pacer{every: time.Duration(float64(time.Second) / cfg.pollRate)},
		chit:  chitSample{max: cfg.sample, rng: rand.New(rand.NewPCG(cfg.seed, 7))}}
}

// run offers the load for the configured duration, waits for the answers
// still due (at most the timeout) and returns when everything has stopped.
func (r *runner) run(ctx context.Context) {
	start := time.Now()
	r.stats = newStats(start, r.cfg.timeout)
	pollCtx, stopPolls := context.WithCancel(ctx)
	var helpers sync.WaitGroup
	for range r.readers() {
		helpers.Add(1)
		go func() { defer helpers.Done(); r.poll(pollCtx) }()
	}
	helpers.Add(2)
	go func() { defer helpers.Done(); r.sweep(pollCtx) }()
	go func() { defer helpers.Done(); r.sample(pollCtx, start) }()

	r.offer(ctx, start)
	r.cpu.loadEnd(r.pids)
	r.drain(ctx)
	stopPolls()
	helpers.Wait()
	far := time.Now().Add(time.Hour) // everything still waiting is lost
	for _, g := range r.groups {
		r.judge(g.title, g.sweep(r.cfg.timeout, far, time.Time{}, true))
	}
}

// readers is how many pollers read the groups: none through Telegram,
// whose answers come to nbload's fake.
func (r *runner) readers() int {
	if r.tg != nil {
		return 0
	}
	return r.cfg.pollers
}

// offer posts messages on schedule until the duration is over, without
// waiting for answers, and then waits for the POSTs in flight.
func (r *runner) offer(ctx context.Context, start time.Time) {
	slots := make(chan struct{}, r.cfg.inflight)
	var posts sync.WaitGroup
	defer posts.Wait()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	next := start
	for {
		next = next.Add(r.gap())
		if next.Sub(start) >= r.cfg.duration {
			return
		}
		if d := time.Until(next); d > 0 {
			timer.Reset(d)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return
			}
		}
		j := r.next()
		j.sched = next
		r.stats.offered(j.kind, next)
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		posts.Add(1)
		go func() {
			defer posts.Done()
			defer func() { <-slots }()
			r.post(ctx, j)
		}()
	}
}

// gap is the time to the next message.
func (r *runner) gap() time.Duration {
	mean := float64(time.Second) / r.cfg.rate
	if r.cfg.arrivals == "uniform" {
		return time.Duration(mean)
	}
	return time.Duration(r.rng.ExpFloat64() * mean)
}

// next makes the next message of the mix. Kinds that need a case fall back
// to a new report until the bot has acknowledged one.
func (r *runner) next() job {
	j := job{kind: r.cfg.mix.pick(r.rng)}
	switch j.kind {
	case kindDup, kindPlusOne, kindStatus:
		j.c = r.cases.any(r.rng)
	case kindOfficer:
		j.c, j.accept = r.cases.forOfficer(r.rng)
	}
	if j.kind != kindChitChat && j.kind != kindReport && j.c == nil {
		j.kind = kindReport
	}
	if j.c != nil {
		j.g = j.c.g
	} else {
		j.g = r.groups[r.rng.IntN(len(r.groups))]
	}
	j.from = pick(r.rng, j.g.residents)
	switch j.kind {
	case kindChitChat:
		j.text = chitChatText(r.rng)
	case kindReport:
		j.rep = newReport(r.rng)
		j.text = j.rep.text
	case kindDup:
		j.rep = repeatReport(r.rng, j.c.rep)
		j.text = j.rep.text
	case kindPlusOne:
		j.text, j.replyTo = meTooText(r.rng), j.c.ackMsg
	case kindStatus:
		j.text = statusText(r.rng, j.c.no)
	case kindOfficer:
		j.from = j.g.grid.officer
		if j.accept {
			j.text = acceptText(j.c.no)
		} else {
			j.text = progressText(r.rng, j.c.no)
		}
	}
	return j
}

// post sends j and, when the bot should answer, waits for the answer.
func (r *runner) post(ctx context.Context, j job) {
	start := time.Now()
	var id int64
	var err error
	if r.tg != nil {
		id, err = r.tg.post(ctx, j.g.cl.Load(), j.g, j.from, j.text, j.replyTo)
	} else {
		id, err = j.g.cl.Load().postMessage(ctx, j.g.title, j.from, j.text, j.replyTo)
	}
	r.stats.posted(j.kind, id, start, start.Sub(j.sched), time.Since(start), err == nil)
	if err != nil {
		if j.kind == kindOfficer {
			r.cases.officerDone(j.c, j.accept, false)
		}
		return
	}
	if !j.kind.expectsReply() {
		r.chit.add(j.g, id)
		return
	}
	p := &pending{kind: j.kind, post: id, start: start, c: j.c, rep: j.rep, accept: j.accept}
	if j.kind == kindOfficer {
		p.report = j.c.reportMsg
	}
	r.waiting.Add(1)
	a, enqueue := j.g.register(p)
	if a != nil {
		r.answered(j.g, *a)
	}
	if enqueue && r.tg == nil { // Telegram's answers come to nbload's fake: nothing to read
		r.polls <- j.g
	}
}

// answered records an answer and learns the cases it tells of.
func (r *runner) answered(g *group, a answer) {
	r.waiting.Add(-1)
	r.stats.answered(a)
	switch a.p.kind {
	case kindReport, kindDup:
		n := newCaseNumber(a.m.Text)
		if n != 0 {
			r.cases.add(&caseRef{no: n, g: g, reportMsg: a.p.post, ackMsg: a.m.ID, rep: a.p.rep})
		}
		r.stats.outcome(n != 0, n == 0 && strings.Contains(a.m.Text, "#"), false, a.m.Text)
	case kindOfficer:
		refused := a.m.ReplyTo == a.p.post
		r.cases.officerDone(a.p.c, a.p.accept, refused)
		if refused {
			r.stats.outcome(false, false, true, a.m.Text)
		}
	}
}

// drain waits until every awaited answer has come or been given up on.
func (r *runner) drain(ctx context.Context) {
	deadline := time.Now().Add(r.cfg.timeout + drainExtra)
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for r.waiting.Load() > 0 && time.Now().Before(deadline) {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}
