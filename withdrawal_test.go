package neighborbot_test

import (
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestHoldOf: a report is its reporter's to withdraw only while nobody else
// follows it and nobody but the reporter and the scheduler acted on it.
func TestHoldOf(t *testing.T) {
	c := &nb.Case{ID: 1, ReporterID: 7}
	reporter := &nb.Follower{PersonID: 7}
	ev := func(kind nb.EventKind, actor int64) *nb.Event { return &nb.Event{Kind: kind, ActorID: actor} }
	for _, tc := range []struct {
		name      string
		followers []*nb.Follower
		events    []*nb.Event
		want      nb.WithdrawHold
	}{
		{"the reporter's alone", []*nb.Follower{reporter}, []*nb.Event{ev(nb.EventReported, 7), ev(nb.EventEdited, 7)}, nb.HoldNone},
		{"promoted and escalated by the scheduler", []*nb.Follower{reporter},
			[]*nb.Event{ev(nb.EventReported, 7), ev(nb.EventKind(nb.ActionConfirm), 0), ev(nb.EventKind(nb.ActionEscalateTopic), 0)}, nb.HoldNone},
		{"a neighbour follows", []*nb.Follower{reporter, {PersonID: 8}}, []*nb.Event{ev(nb.EventFollowed, 8)}, nb.HoldFollowed},
		{"an officer confirmed", []*nb.Follower{reporter}, []*nb.Event{ev(nb.EventKind(nb.ActionConfirm), 9)}, nb.HoldActedOn},
		{"an officer re-categorised", []*nb.Follower{reporter}, []*nb.Event{ev(nb.EventKind(nb.ActionCategory), 9)}, nb.HoldActedOn},
		{"a neighbour added a photo", []*nb.Follower{reporter}, []*nb.Event{ev(nb.EventReported, 7), ev(nb.EventEvidence, 8)}, nb.HoldFollowed},
		{"a neighbour's photo, then an officer confirmed", []*nb.Follower{reporter},
			[]*nb.Event{ev(nb.EventEvidence, 8), ev(nb.EventKind(nb.ActionConfirm), 9)}, nb.HoldActedOn},
		{"a whistled unit reported", []*nb.Follower{reporter}, []*nb.Event{ev(nb.EventKind(nb.ActionAck), 10)}, nb.HoldActedOn},
		{"no followers left", nil, nil, nb.HoldNone},
	} {
		if got := nb.HoldOf(c, tc.followers, tc.events); got != tc.want {
			t.Errorf("%s: HoldOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestWithdrawNotes: a withdrawal's note keeps why (mistake, over) and, for
// a withdrawal held for others, the hold, before the reporter's words.
func TestWithdrawNotes(t *testing.T) {
	for _, tc := range []struct {
		reason, words string
		hold          nb.WithdrawHold
	}{
		{nb.WithdrawMistake, "是我搞错了", nb.HoldNone},
		{nb.WithdrawOver, "没事了", nb.HoldFollowed},
		{"", "", nb.HoldActedOn},
		{"", "撤回一下", nb.HoldNone},
	} {
		note := nb.WithdrawNote(tc.reason, tc.words)
		if tc.hold != nb.HoldNone {
			note = nb.HeldNote(tc.hold, note)
		}
		if nb.WithdrawReason(note) != tc.reason || nb.HeldBy(note) != tc.hold || nb.WithdrawWords(note) != tc.words {
			t.Errorf("note %q: reason %q hold %q words %q; want %q %q %q", note, nb.WithdrawReason(note), nb.HeldBy(note),
				nb.WithdrawWords(note), tc.reason, tc.hold, tc.words)
		}
	}
	if got := nb.WithdrawNote(nb.WithdrawMistake, "不是报事"); got != "〔误报〕不是报事" {
		t.Errorf("WithdrawNote = %q", got)
	}
}
