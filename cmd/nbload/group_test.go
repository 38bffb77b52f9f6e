package main

import (
	"testing"
	"time"
)

func botMsg(id, replyTo int64) apiMessage {
	return apiMessage{ID: id, FromBot: true, ReplyTo: replyTo, Text: "ok"}
}

// TestGroupMatchesAnswers: an answer is matched to the post it replies to,
// an officer's notice to the case's report after the command, and a second
// answer to the same post is judged doubled.
func TestGroupMatchesAnswers(t *testing.T) {
	g := newGroup("g", gridUnit{}, nil)
	t0 := time.Now()
	report := &pending{kind: kindReport, post: 10, start: t0}
	if a, enqueue := g.register(report); a != nil || !enqueue {
		t.Fatalf("register: %v %v; want waiting and queued", a, enqueue)
	}
	if _, enqueue := g.register(&pending{kind: kindStatus, post: 11, start: t0}); enqueue {
		t.Fatal("a group already queued was queued again")
	}
	// The resident's own message and the answers, out of order.
	got := g.read([]apiMessage{{ID: 10, From: "x"}, botMsg(12, 11), botMsg(13, 10)}, t0.Add(time.Second), t0.Add(time.Second), true)
	if len(got) != 2 || got[0].p.post != 11 || got[1].p.post != 10 {
		t.Fatalf("answers %+v", got)
	}
	if more, cursor := g.stillWaiting(); more || cursor != 13 {
		t.Fatalf("stillWaiting = %v, %d; want false, 13", more, cursor)
	}
	// An officer's command on the case of report 10: the notice replies to
	// the report, after the command.
	officer := &pending{kind: kindOfficer, post: 20, report: 10, start: t0}
	g.register(officer)
	if got := g.read([]apiMessage{botMsg(21, 10)}, t0.Add(2*time.Second), t0.Add(2*time.Second), true); len(got) != 1 || got[0].p != officer {
		t.Fatalf("officer notice not matched: %+v", got)
	}
	// The same post answered again is doubled; an answer to chit-chat is
	// unawaited.
	g.read([]apiMessage{botMsg(22, 11), botMsg(23, 15)}, t0.Add(3*time.Second), t0.Add(3*time.Second), true)
	v := g.sweep(time.Minute, t0.Add(time.Hour), time.Time{}, false)
	if len(v.doubled) != 1 || v.doubled[0].ID != 22 || len(v.unawaited) != 1 || v.unawaited[0].ID != 23 || len(v.lost) != 0 {
		t.Fatalf("verdict %+v", v)
	}
}

// TestGroupAnswerBeforeRegister: the bot may answer before nbload has the
// POST's answer; the answer waits as an orphan and is matched at
// registration, with the time it was read.
func TestGroupAnswerBeforeRegister(t *testing.T) {
	g := newGroup("g", gridUnit{}, nil)
	t0 := time.Now()
	g.register(&pending{kind: kindReport, post: 1, start: t0})
	g.read([]apiMessage{botMsg(3, 2), botMsg(4, 1)}, t0.Add(time.Second), t0.Add(time.Second), true)
	a, _ := g.register(&pending{kind: kindReport, post: 2, start: t0})
	if a == nil || a.m.ID != 3 || !a.seen.Equal(t0.Add(time.Second)) {
		t.Fatalf("early answer not matched: %+v", a)
	}
	if v := g.sweep(time.Minute, t0.Add(time.Hour), time.Time{}, false); len(v.doubled)+len(v.unawaited)+len(v.lost) != 0 {
		t.Fatalf("verdict %+v", v)
	}
}

// TestGroupLostAndLate: a post is lost only once a read that began after
// its timeout found no answer (a slow reader loses nothing); its answer
// coming later is late, not doubled; orphans are judged only after the
// grace time; at the end everything still waiting is lost.
func TestGroupLostAndLate(t *testing.T) {
	g := newGroup("g", gridUnit{}, nil)
	t0 := time.Now()
	const timeout = 30 * time.Second
	g.register(&pending{kind: kindPlusOne, post: 5, start: t0})
	g.register(&pending{kind: kindPlusOne, post: 6, start: t0.Add(time.Minute)})
	if v := g.sweep(timeout, t0, time.Time{}, false); len(v.lost) != 0 {
		t.Fatal("lost before any read after the timeout")
	}
	g.read(nil, t0.Add(40*time.Second), t0.Add(41*time.Second), false) // cut at a page: proves nothing
	if v := g.sweep(timeout, t0, time.Time{}, false); len(v.lost) != 0 {
		t.Fatal("lost after an incomplete read")
	}
	g.read(nil, t0.Add(40*time.Second), t0.Add(41*time.Second), true)
	v := g.sweep(timeout, t0, time.Time{}, false)
	if len(v.lost) != 1 || v.lost[0].post != 5 || g.waiting() != 1 {
		t.Fatalf("lost %+v, waiting %d", v.lost, g.waiting())
	}
	g.read([]apiMessage{botMsg(7, 5)}, t0.Add(50*time.Second), t0.Add(50*time.Second), true)
	if v := g.sweep(timeout, t0.Add(time.Second), time.Time{}, false); len(v.late) != 0 {
		t.Fatal("an orphan was judged before its grace time")
	}
	if v := g.sweep(timeout, t0.Add(time.Hour), time.Time{}, false); len(v.late) != 1 || len(v.doubled) != 0 {
		t.Fatalf("verdict %+v", v)
	}
	if v := g.sweep(timeout, t0.Add(time.Hour), time.Time{}, true); len(v.lost) != 1 || v.lost[0].post != 6 || g.waiting() != 0 {
		t.Fatalf("forced sweep: %+v", v)
	}
}

// TestStatsCountLateAnswerAsLost: an answer stored after the timeout is
// lost (and late), though its latency is kept.
func TestStatsCountLateAnswerAsLost(t *testing.T) {
	t0 := time.Now().Truncate(time.Millisecond) // the server stores milliseconds
	s := newStats(t0, 30*time.Second)
	on := answer{p: &pending{kind: kindReport, start: t0}, m: apiMessage{At: t0.Add(time.Second)}, seen: t0.Add(3 * time.Second)}
	late := answer{p: &pending{kind: kindReport, start: t0}, m: apiMessage{At: t0.Add(40 * time.Second)}, seen: t0.Add(41 * time.Second)}
	s.answered(on)
	s.answered(late)
	k := s.kinds[kindReport]
	if k.answered != 1 || k.lost != 1 || s.late2 != 1 || s.lat.n != 2 {
		t.Fatalf("answered %d lost %d late %d n %d", k.answered, k.lost, s.late2, s.lat.n)
	}
	// The latency is to the stored time, not to when nbload read it.
	if got := s.lat.quantile(0); got != time.Second {
		t.Errorf("fastest latency %v, want 1s (stored), not 3s (read)", got)
	}
	if got := s.read.quantile(0); got != 3*time.Second {
		t.Errorf("fastest read %v, want 3s", got)
	}
}
