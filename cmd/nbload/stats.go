package main

import (
	"sort"
	"sync"
	"time"
)

// lateAfter is how far behind its schedule a post may start before it
// counts as late (the client or the server could not keep the rate).
const lateAfter = 100 * time.Millisecond

// seriesStep is the width of a time-series point.
const seriesStep = 10 * time.Second

// stats collects what happens during the run. Safe for concurrent use.
type stats struct {
	mu      sync.Mutex
	start   time.Time
	timeout time.Duration // an answer later than this counts as lost
	kinds   [nKinds]kindStats
	lat     hist // POST → the answer's time as the server stored it (ms)
	read    hist // POST → the answer read by nbload (adds the polling delay)
	post    hist // POST round trip
	late    int64
	maxLag  time.Duration

	doubled, late2, unawaited, refused, newCases, joined int64
	examples                                             []string // a few doubled/unawaited/refused answers

	lastAnswer time.Time
	ids        []int64   // the accepted posts' ids, for the handled rate
	frontier   int64     // the highest post id answered
	frontierAt time.Time // when that answer was stored
	series     []*point
}

// kindStats counts one kind of message.
type kindStats struct {
	offered, sent, failed, answered, lost int64
	lat                                   hist
}

// point is one step of the time series.
type point struct {
	offered, sent, failed, answers, lost int64
	lat                                  hist  // answers to posts started in this step
	frontier                             int64 // the highest post id answered in this step
	rssMax, rssLast                      int64
	srvCPU, cliCPU                       float64 // sums of 1 s samples
	cpuN                                 int
}

func newStats(start time.Time, timeout time.Duration) *stats {
	return &stats{start: start, timeout: timeout}
}

// at returns the point of time t; the caller holds s.mu.
func (s *stats) at(t time.Time) *point {
	i := max(int(t.Sub(s.start)/seriesStep), 0)
	for len(s.series) <= i {
		s.series = append(s.series, &point{})
	}
	return s.series[i]
}

// offered records a message due at sched.
func (s *stats) offered(k kind, sched time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kinds[k].offered++
	s.at(sched).offered++
}

// posted records a POST that started at start, lag after its schedule.
func (s *stats) posted(k kind, id int64, start time.Time, lag, took time.Duration, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if lag > lateAfter {
		s.late++
	}
	s.maxLag = max(s.maxLag, lag)
	p := s.at(start)
	if !ok {
		s.kinds[k].failed++
		p.failed++
		return
	}
	s.kinds[k].sent++
	s.ids = append(s.ids, id)
	p.sent++
	s.post.add(took)
}

// answered records the answer a to a post. The latency is taken to the
// time the server stored the answer (when it appeared in the group), which
// does not depend on how soon nbload read it; the time nbload read it is
// kept apart. An answer later than the timeout is counted as lost, and late.
func (s *stats) answered(a answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	read := a.seen.Sub(a.p.start)
	d := read
	if !a.m.At.IsZero() {
		d = a.m.At.Sub(a.p.start.Truncate(time.Millisecond))
	}
	s.lat.add(d)
	s.read.add(read)
	k := &s.kinds[a.p.kind]
	k.lat.add(d)
	s.at(a.p.start).lat.add(d)
	s.at(a.seen).answers++
	if a.seen.After(s.lastAnswer) {
		s.lastAnswer = a.seen
	}
	stored := a.seen
	if !a.m.At.IsZero() {
		stored = a.m.At
	}
	s.advance(a.p.post, stored)
	if d > s.timeout {
		k.lost++
		s.at(a.p.start).lost++
		s.late2++
		return
	}
	k.answered++
}

// judged records what a sweep found.
func (s *stats) judged(group string, v verdict) {
	if len(v.lost)+len(v.doubled)+len(v.late)+len(v.unawaited) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range v.lost {
		s.kinds[p.kind].lost++
		s.at(p.start).lost++
		s.example("no answer in %s to #%d (%s, posted %s)", group, p.post, p.kind, p.start.Format("15:04:05.000"))
	}
	s.doubled += int64(len(v.doubled))
	s.late2 += int64(len(v.late))
	for _, m := range v.late { // a late answer still shows how far the bot got
		s.advance(m.ReplyTo, m.At)
	}
	s.unawaited += int64(len(v.unawaited))
	for _, m := range v.doubled {
		s.example("doubled answer to #%d: %s", m.ReplyTo, m.Text)
	}
	for _, m := range v.unawaited {
		s.example("unawaited answer to #%d: %s", m.ReplyTo, m.Text)
	}
}

// outcome records what a report's or an officer's answer said.
func (s *stats) outcome(newCase, joined, refused bool, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case newCase:
		s.newCases++
	case joined:
		s.joined++
	case refused:
		s.refused++
		s.example("refused: %s", text)
	}
}

// example keeps a few examples of what went wrong; the caller holds s.mu.
func (s *stats) example(format string, args ...any) {
	if len(s.examples) < 10 {
		s.examples = append(s.examples, trimText(sprintf(format, args...), 160))
	}
}

// sample records one second's /proc samples of the server and nbload.
func (s *stats) sample(t time.Time, rss int64, srvCPU, cliCPU float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.at(t.Add(-time.Millisecond)) // a sample covers the second before it
	p.rssMax = max(p.rssMax, rss)
	p.rssLast = rss
	p.srvCPU += srvCPU
	p.cliCPU += cliCPU
	p.cpuN++
}

// advance records that the bot answered post at: it got at least that far.
// The caller holds s.mu.
func (s *stats) advance(post int64, at time.Time) {
	if at.IsZero() {
		return
	}
	if p := s.at(at); post > p.frontier {
		p.frontier = post
	}
	if post > s.frontier {
		s.frontier, s.frontierAt = post, at
	}
}

// handledBy returns how many accepted posts have ids up to frontier. The
// bot handles messages in the order they came, so when it answers a post
// it has handled every earlier one: that count is how far it has got. The
// caller holds s.mu and has sorted s.ids.
func (s *stats) handledBy(frontier int64) int {
	return sort.Search(len(s.ids), func(i int) bool { return s.ids[i] > frontier })
}
