package neighborbot

import (
	"context"
	"time"
)

// CaseService changes cases. Every caller — a chat command, a button, the
// scheduler, the dashboard, Open311 — goes through it, so that loading,
// the permission check, the state machine, the event and the notifications
// it queues happen in one place and one transaction.
type CaseService interface {
	// Act applies cmd to case caseNo for actor in a transaction of its own.
	Act(ctx context.Context, actor Actor, caseNo int64, cmd Command) (*Outcome, error)
	// ActTx is Act within the caller's transaction, for callers whose own
	// writes must commit with it (a chat message, its replies and the case
	// change it causes).
	ActTx(tx Tx, actor Actor, caseNo int64, cmd Command) (*Outcome, error)
	// LookTx loads case caseNo for actor to read (#进度): anyone may read
	// a case its group heard of; one still waiting for review only the
	// people it Belongs to (EFORBIDDEN otherwise).
	LookTx(tx Tx, actor Actor, caseNo int64) (*Case, error)
	// FollowTx makes actor follow case caseNo (for a merged case, the case
	// it joined), if the case Belongs to them (EFORBIDDEN otherwise) and is
	// still open (ECONFLICT otherwise, with the case). It returns the case
	// followed and whether actor was not following it yet.
	FollowTx(tx Tx, actor Actor, caseNo int64) (c *Case, added bool, err error)
}

// Outcome is what an action did.
type Outcome struct {
	Case  *Case
	Event *Event
	// Notice is what the case's group is told (rendered by the Phrasebook).
	Notice string
	// ToldChatID is the chat the notice went to, 0 when the group was not
	// told (a case still on the review list): the caller may tell the actor.
	ToldChatID int64
	Queued     int // outbox messages queued
	// Held says why a reporter's withdrawal did not end the case
	// (HoldOf): the event is then EventLeft and the case stays.
	Held WithdrawHold
}

// Phrasebook renders what people are told about an event, in their
// language. The chat layer supplies it; the case service decides who is told.
type Phrasebook interface {
	// Notice is the group's notice of ev on c ("" = post nothing).
	Notice(c *Case, ev *Event, units UnitTree) string
	// Private is the note to the staff or officers ev concerns ("" = none):
	// a new task, a whistle, a reminder, an escalation, or a withdrawal.
	Private(c *Case, ev *Event, units UnitTree) string
	// Report is the weekly report of a unit: the period's numbers and the
	// projects overdue now (at most a few).
	Report(unit string, from, to time.Time, s *Stats, overdue []*Case) string
}

// Policy is what the case service needs from the configuration.
type Policy struct {
	Limits TimeLimits
	// RemindFraction is the share of a project's time limit after which the
	// owner is reminded (default 0.8).
	RemindFraction float64
	// MaxExtensions is how often a deadline may be extended (default 1).
	MaxExtensions int
	// MaxExtension is the longest single extension (default 30 days).
	MaxExtension time.Duration
	// Quiet is the daily window in which reminders wait; escalations of
	// urgent cases do not. A zero window is off.
	Quiet QuietHours
}

// QuietHours is a daily window of local time, Start after End wrapping past
// midnight. Start == End means no quiet hours.
type QuietHours struct {
	Start, End time.Duration // since local midnight
	Location   *time.Location
}

// Contains reports whether t falls in the window.
func (q QuietHours) Contains(t time.Time) bool {
	if q.Start == q.End {
		return false
	}
	if q.Location != nil {
		t = t.In(q.Location)
	}
	d := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	if q.Start < q.End {
		return d >= q.Start && d < q.End
	}
	return d >= q.Start || d < q.End
}

// RemindAt is when the owner of a project due at due, of priority p, is
// reminded: after RemindFraction of its limit has passed.
func (p Policy) RemindAt(due time.Time, prio Priority) time.Time {
	frac := p.RemindFraction
	if frac <= 0 || frac >= 1 {
		return time.Time{}
	}
	return due.Add(-time.Duration((1 - frac) * float64(p.Limits.For(prio))))
}
