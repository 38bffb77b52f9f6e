package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
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
	cl     *client
	groups []*group
	pid    int // the server's process (0 = not sampled)
	rng    *rand.Rand
	stats  *stats
	cases  cases

	polls   chan *group  // groups to read, each at most once
	waiting atomic.Int64 // posts awaiting an answer
	chit    chitSample   // chit-chat posts to check after the run
	log     io.Writer    // a progress line every 10 s

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

func newRunner(cfg config, cl *client, groups []*group, pid int, log io.Writer) *runner {
	return &runner{cfg: cfg, cl: cl, groups: groups, pid: pid, log: log,
		rng:   rand.New(rand.NewPCG(cfg.seed, 0x6e626c6f6164)),
		polls: make(chan *group, len(groups)), plain: pacer{every: time.Duration(float64(time.Second) / cfg.pollRate)}, chit: chitSample{max: cfg.sample, rng: rand.New(rand.NewPCG(cfg.seed, 7))}}
}

// run offers the load for the configured duration, waits for the answers
// still due (at most the timeout) and returns when everything has stopped.
func (r *runner) run(ctx context.Context) {
	start := time.Now()
	r.stats = newStats(start, r.cfg.timeout)
	pollCtx, stopPolls := context.WithCancel(ctx)
	var helpers sync.WaitGroup
	for range r.cfg.pollers {
		helpers.Add(1)
		go func() { defer helpers.Done(); r.poll(pollCtx) }()
	}
	helpers.Add(2)
	go func() { defer helpers.Done(); r.sweep(pollCtx) }()
	go func() { defer helpers.Done(); r.sample(pollCtx, start) }()

	r.offer(ctx, start)
	r.cpu.loadEnd(r.pid)
	r.drain(ctx)
	stopPolls()
	helpers.Wait()
	far := time.Now().Add(time.Hour) // everything still waiting is lost
	for _, g := range r.groups {
		r.judge(g.sweep(r.cfg.timeout, far, time.Time{}, true))
	}
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
	id, err := r.cl.postMessage(ctx, j.g.title, j.from, j.text, j.replyTo)
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
	if enqueue {
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

// poll reads the queued groups: with a long poll when no other group is
// queued (the server answers at the next message), else a plain read, and a
// group with nothing new is read again after repollAfter. Plain reads are
// paced to -poll-rate, so that a server that falls behind (and so has many
// groups awaiting answers) is not also flooded with reads.
func (r *runner) poll(ctx context.Context) {
	for {
		var g *group
		select {
		case g = <-r.polls:
		case <-ctx.Done():
			return
		}
		wait := len(r.polls) == 0
		if wait {
			r.longPolls.Add(1)
		} else {
			if r.plain.wait(ctx) != nil {
				return
			}
			r.plainPolls.Add(1)
		}
		began := time.Now()
		msgs, err := r.cl.messages(ctx, g.title, g.cursorNow(), wait)
		seen := time.Now()
		if err == nil {
			for _, a := range g.read(msgs, began, seen, len(msgs) < pageSize) {
				r.answered(g, a)
			}
		}
		more, _ := g.stillWaiting()
		switch {
		case !more:
		case err == nil && (wait || len(msgs) > 0):
			r.polls <- g
		default: // nothing new, or an error: do not spin on it
			time.AfterFunc(repollAfter, func() { r.polls <- g })
		}
	}
}

// sweep gives up on answers overdue by the timeout and judges stray ones.
func (r *runner) sweep(ctx context.Context) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		now := time.Now()
		for _, g := range r.groups {
			r.judge(g.sweep(r.cfg.timeout, now.Add(-r.cfg.timeout), now.Add(-forgetAfter), false))
		}
	}
}

func (r *runner) judge(v verdict) {
	r.waiting.Add(-int64(len(v.lost)))
	for _, p := range v.lost {
		if p.kind == kindOfficer {
			r.cases.officerDone(p.c, p.accept, true) // leave a case whose commands go unanswered
		}
	}
	r.stats.judged(v)
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

// chitSample keeps a uniform sample of the chit-chat posts (reservoir
// sampling), to check after the run that none got an answer.
type chitSample struct {
	mu   sync.Mutex
	max  int
	n    int
	rng  *rand.Rand
	list []chitPost
}

type chitPost struct {
	g  *group
	id int64
}

func (s *chitSample) add(g *group, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if len(s.list) < s.max {
		s.list = append(s.list, chitPost{g, id})
	} else if i := s.rng.IntN(s.n); i < s.max {
		s.list[i] = chitPost{g, id}
	}
}

// checkChitChat reads the groups after each sampled chit-chat post and
// counts the posts the bot answered.
func (r *runner) checkChitChat(ctx context.Context) (checked, answered int) {
	for _, c := range r.chit.list {
		after := c.id - 1
		got, ok := false, true
		for page := 0; page < 5 && !got; page++ {
			msgs, err := r.cl.messages(ctx, c.g.title, after, false)
			if err != nil {
				ok = false
				break
			}
			for _, m := range msgs {
				got = got || (m.FromBot && m.ReplyTo == c.id)
			}
			if len(msgs) < pageSize {
				break
			}
			after = msgs[len(msgs)-1].ID
		}
		if ok {
			checked++
			if got {
				answered++
			}
		}
	}
	return checked, answered
}

// sample reads the server's and nbload's /proc figures each second.
func (r *runner) sample(ctx context.Context, start time.Time) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	pid := strconv.Itoa(r.pid)
	lastSrv, _ := readProc(pid)
	lastCli, _ := readProc("self")
	r.cpu.begin(lastSrv, lastCli)
	for n := 0; ; {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		var srv procSample
		if r.pid != 0 {
			srv, _ = readProc(pid)
		}
		cli, _ := readProc("self")
		srvPct, cliPct := cpuPercent(lastSrv, srv), cpuPercent(lastCli, cli)
		r.stats.sample(cli.at, srv.rss, srvPct, cliPct)
		r.cpu.observe(srv, cli, srvPct)
		if n++; n%10 == 0 {
			fmt.Fprintf(r.log, "nbload: %3.0f s  awaiting %d answers  server RSS %.0f MB  CPU %.0f %%\n",
				cli.at.Sub(start).Seconds(), r.waiting.Load(), float64(srv.rss)/(1<<20), srvPct)
		}
		lastSrv, lastCli = srv, cli
	}
}

// cpuTotals keeps the figures of the whole run from the /proc samples.
type cpuTotals struct {
	mu                  sync.Mutex
	srv0, cli0          procSample // at the start
	srvEnd, cliEnd      procSample // when the offered load ended
	srvLast             procSample
	peakRSS, cliPeakRSS int64
	peakCPU             float64
}

func (c *cpuTotals) begin(srv, cli procSample) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.srv0, c.cli0 = srv, cli
	c.peakRSS, c.cliPeakRSS = srv.rss, cli.rss
}

func (c *cpuTotals) observe(srv, cli procSample, srvPct float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if srv.exists {
		c.srvLast = srv
	}
	c.peakRSS = max(c.peakRSS, srv.rss)
	c.cliPeakRSS = max(c.cliPeakRSS, cli.rss)
	c.peakCPU = max(c.peakCPU, srvPct)
}

// loadEnd takes the samples that close the offered-load window.
func (c *cpuTotals) loadEnd(pid int) {
	var srv procSample
	if pid != 0 {
		srv, _ = readProc(strconv.Itoa(pid))
	}
	cli, _ := readProc("self")
	c.mu.Lock()
	defer c.mu.Unlock()
	c.srvEnd, c.cliEnd = srv, cli
}

// pacer spaces events out to one every "every". Safe for concurrent use.
type pacer struct {
	mu    sync.Mutex
	every time.Duration
	next  time.Time
}

// wait returns at the caller's turn, or with ctx's error.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	at := time.Now()
	if p.next.After(at) {
		at = p.next
	}
	p.next = at.Add(p.every)
	p.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
