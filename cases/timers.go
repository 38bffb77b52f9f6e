package cases

import (
	"context"
	"errors"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// timersLease names the lease that lets one scheduler act at a time.
const timersLease = "timers"

// timer is one kind of reminder or escalation and when a case is due for it.
type timer struct {
	action nb.Action
	delay  func(nb.Policy) time.Duration // how long after its deadline it fires
	waits  bool                          // a reminder: waits out quiet hours
}

// timers run escalations before reminders, so that after a long outage a
// case is escalated once and not also reminded.
var timers = []timer{
	{nb.ActionEscalateAck, func(p nb.Policy) time.Duration { return p.Limits.WhistleAck }, false},
	{nb.ActionRemindAck, func(nb.Policy) time.Duration { return 0 }, true},
	{nb.ActionEscalateDue, func(nb.Policy) time.Duration { return 0 }, false},
	{nb.ActionRemindDue, func(nb.Policy) time.Duration { return 0 }, true},
	{nb.ActionEscalateTopic, func(p nb.Policy) time.Duration { return p.Limits.Acceptance }, false},
}

// timerBatch bounds the cases one run takes per timer; the rest wait for
// the next run.
const timerBatch = 200

// RunTimers is the scheduler's job (a bot.Job): if this process holds the
// timers lease, it takes every due reminder and escalation through the
// case service as the system (系统). What it did is recorded on each case,
// so a run after a long outage acts once per case, not once per missed
// tick. In quiet hours, reminders wait and only urgent cases escalate.
func (s *Service) RunTimers(_ context.Context, tx nb.Tx) (int, error) {
	now := tx.Now()
	if ok, err := tx.AcquireLease(timersLease, s.holder, now.Add(s.lease)); err != nil || !ok {
		return 0, err
	}
	quiet := s.policy.Quiet.Contains(now)
	queued := 0
	for _, t := range timers {
		if quiet && t.waits {
			continue
		}
		list, err := tx.ListTimerCases(nb.TimerQuery{Action: t.action, Before: now.Add(-t.delay(s.policy)),
			UrgentOnly: quiet, Limit: timerBatch})
		if err != nil {
			return queued, err
		}
		for _, c := range list {
			out, err := s.ActTx(tx, nb.SystemActor, c.ID, nb.Command{Action: t.action})
			var te *nb.TransitionError
			if errors.As(err, &te) || (err != nil && nb.ErrorCode(err) != nb.EINTERNAL) {
				continue // the case cannot take it (it moved on): the next one can
			} else if err != nil {
				return queued, err
			}
			queued += out.Queued
		}
	}
	return queued, nil
}

// CloseUnrated returns the job that closes resolved cases nobody rated
// within after (rating "none") as the system, telling their groups. Like
// the timers, it runs only in the process holding the timers lease.
func (s *Service) CloseUnrated(after time.Duration) func(context.Context, nb.Tx) (int, error) {
	return func(_ context.Context, tx nb.Tx) (int, error) {
		if ok, err := tx.AcquireLease(timersLease, s.holder, tx.Now().Add(s.lease)); err != nil || !ok {
			return 0, err
		}
		list, err := tx.ListCases(nb.CaseFilter{Stages: []nb.Stage{nb.StageResolved},
			ResolvedBefore: tx.Now().Add(-after), Limit: 500})
		if err != nil {
			return 0, err
		}
		queued := 0
		for _, c := range list {
			out, err := s.ActTx(tx, nb.SystemActor, c.ID, nb.Command{Action: nb.ActionClose})
			if err != nil {
				return queued, err
			}
			queued += out.Queued
		}
		return queued, nil
	}
}
