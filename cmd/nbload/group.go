package main

import (
	"sync"
	"sync/atomic"
	"time"
)

// group is one group chat under load, and what nbload waits for in it.
type group struct {
	cl        atomic.Pointer[client] // the process it talks to (another if that one is killed)
	title     string
	chat      int64 // its Telegram id (with -platform telegram)
	grid      gridUnit
	residents []string

	mu       sync.Mutex
	cursor   int64               // the last message id read
	pending  map[int64]*pending  // by the reply_to the bot's answer will carry
	answered map[int64]time.Time // reply_to keys answered, to see doubled replies
	expired  map[int64]bool      // keys given up on: a later answer is late, not doubled
	orphans  []orphan            // bot messages read before their post was registered
	queued   bool                // in the poll queue or being polled
	lastRead time.Time           // when the latest read that reached the end began
}

// pending is a posted message the bot should answer.
type pending struct {
	kind   kind
	post   int64     // the posted message's id
	start  time.Time // when its POST started
	report int64     // officer commands: the case's report, which the notice replies to
	accept bool      // officer commands: "#立项" rather than "#进展"
	c      *caseRef  // the case it is about (nil for a new report)
	rep    report    // reports: what was reported
}

// orphan is a bot message nobody waited for (yet).
type orphan struct {
	m    apiMessage
	seen time.Time
}

// answer is a bot message matched to the post it answers.
type answer struct {
	p    *pending
	m    apiMessage
	seen time.Time
}

func newGroup(title string, grid gridUnit, residents []string) *group {
	return &group{title: title, grid: grid, residents: residents,
		pending: map[int64]*pending{}, answered: map[int64]time.Time{}, expired: map[int64]bool{}}
}

// keys are the reply_to values an answer to p may carry.
func (p *pending) keys() []int64 {
	if p.kind == kindOfficer {
		return []int64{p.post, p.report} // a refusal answers the command, a notice the report
	}
	return []int64{p.post}
}

// matches reports whether bot message m answers p: a reply to the post, or
// for an officer's command a notice on the case's report after the command.
func (p *pending) matches(m apiMessage) bool {
	return m.ReplyTo == p.post || (p.kind == kindOfficer && m.ReplyTo == p.report && m.ID > p.post)
}

// register waits for the answer to p. If it was already read (the bot can
// answer before the POST's answer reaches nbload), it is returned at once.
// enqueue reports whether the group must be put in the poll queue.
func (g *group) register(p *pending) (a *answer, enqueue bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, o := range g.orphans {
		if p.matches(o.m) {
			g.orphans = append(g.orphans[:i], g.orphans[i+1:]...)
			g.answered[p.post] = o.seen
			return &answer{p: p, m: o.m, seen: o.seen}, false
		}
	}
	for _, k := range p.keys() {
		g.pending[k] = p
	}
	if g.queued {
		return nil, false
	}
	g.queued = true
	return nil, true
}

// read takes in messages of a read that began at began and ended at seen:
// it advances the cursor and returns the answers found. Bot messages that
// answer nothing awaited become orphans. complete says the read reached the
// group's last message (it was not cut at a page).
func (g *group) read(msgs []apiMessage, began, seen time.Time, complete bool) []answer {
	g.mu.Lock()
	defer g.mu.Unlock()
	if complete && began.After(g.lastRead) {
		g.lastRead = began
	}
	var out []answer
	for _, m := range msgs {
		if m.ID <= g.cursor {
			continue // read twice by overlapping polls
		}
		g.cursor = m.ID
		if !m.FromBot {
			continue
		}
		if p := g.pending[m.ReplyTo]; p != nil && p.matches(m) {
			for _, k := range p.keys() {
				delete(g.pending, k)
			}
			g.answered[p.post] = seen
			out = append(out, answer{p: p, m: m, seen: seen})
			continue
		}
		g.orphans = append(g.orphans, orphan{m: m, seen: seen})
	}
	return out
}

// done is called after a poll: it reports whether the group still awaits
// answers (and stays queued) and the cursor to poll from.
func (g *group) stillWaiting() (bool, int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.pending) == 0 {
		g.queued = false
		return false, g.cursor
	}
	return true, g.cursor
}

// readUpTo counts the group read to at (answers pushed to nbload, as
// Telegram's sends to its fake, need no read).
func (g *group) readUpTo(at time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if at.After(g.lastRead) {
		g.lastRead = at
	}
}

// cursorNow is the id to poll after.
func (g *group) cursorNow() int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.cursor
}

// verdict is what became of the group's orphans and overdue posts.
type verdict struct {
	lost      []*pending
	doubled   []apiMessage // a second answer to an answered post
	late      []apiMessage // an answer to a post given up on
	unawaited []apiMessage // an answer to something that needs none
}

// sweep gives up on the posts whose answer was not there in a read that
// began more than timeout after the post (all of them when force), judges
// the orphans read before grace, and forgets answers older than forget.
// A post is given up on only after such a read, so that a slow reader does
// not count an answer the bot gave in time as lost.
func (g *group) sweep(timeout time.Duration, grace, forget time.Time, force bool) verdict {
	g.mu.Lock()
	defer g.mu.Unlock()
	var v verdict
	for k, p := range g.pending {
		if k == p.post && (force || g.lastRead.After(p.start.Add(timeout))) {
			v.lost = append(v.lost, p)
			for _, k := range p.keys() {
				delete(g.pending, k)
				g.expired[k] = true
			}
		}
	}
	kept := g.orphans[:0]
	for _, o := range g.orphans {
		switch {
		case !o.seen.Before(grace):
			kept = append(kept, o)
		case g.expired[o.m.ReplyTo]:
			v.late = append(v.late, o.m)
		case !g.answered[o.m.ReplyTo].IsZero():
			v.doubled = append(v.doubled, o.m)
		default:
			v.unawaited = append(v.unawaited, o.m)
		}
	}
	g.orphans = kept
	for k, at := range g.answered {
		if at.Before(forget) {
			delete(g.answered, k)
		}
	}
	return v
}

// waiting is how many answers the group awaits.
func (g *group) waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for k, p := range g.pending {
		if k == p.post {
			n++
		}
	}
	return n
}
