package main

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

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
		msgs, err := g.cl.Load().messages(ctx, g.title, g.cursorNow(), wait)
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
			if r.tg != nil { // every send up to now has reached nbload's fake
				g.readUpTo(now.Add(-tgSendMargin))
			}
			r.judge(g.title, g.sweep(r.cfg.timeout, now.Add(-r.cfg.timeout), now.Add(-forgetAfter), false))
		}
	}
}

func (r *runner) judge(group string, v verdict) {
	r.waiting.Add(-int64(len(v.lost)))
	for _, p := range v.lost {
		if p.kind == kindOfficer {
			r.cases.officerDone(p.c, p.accept, true) // leave a case whose commands go unanswered
		}
	}
	r.stats.judged(group, v)
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
	if r.tg != nil {
		for _, c := range r.chit.list {
			checked++
			if r.tg.answeredPost(c.id) {
				answered++
			}
		}
		return checked, answered
	}
	for _, c := range r.chit.list {
		after := c.id - 1
		got, ok := false, true
		for page := 0; page < 5 && !got; page++ {
			msgs, err := c.g.cl.Load().messages(ctx, c.g.title, after, false)
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
