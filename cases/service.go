// Package cases implements the domain's case service: every change to a
// case — by a chat command, a button, the dashboard or the scheduler —
// is loaded, authorized, applied, stored, logged and announced here, in
// one transaction. It depends on the domain only.
package cases

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Service is the case service.
type Service struct {
	store  nb.Store // for Act; ActTx works in the caller's transaction
	words  nb.Phrasebook
	policy nb.Policy
	holder string        // this process's name for the scheduler lease
	lease  time.Duration // how long a lease holds without renewal
}

var _ nb.CaseService = (*Service)(nil)

// Option configures a Service.
type Option func(*Service)

// WithLeaseHolder names this process for the scheduler lease (default
// "neighborbot"); processes sharing a database need distinct names.
func WithLeaseHolder(name string) Option { return func(s *Service) { s.holder = name } }

// WithLease sets how long the scheduler lease holds without renewal
// (default 5 minutes); it must exceed the timers' interval.
func WithLease(d time.Duration) Option { return func(s *Service) { s.lease = d } }

// New returns the case service over store (which may be nil when only
// ActTx is used), telling people what happened in words.
func New(store nb.Store, words nb.Phrasebook, policy nb.Policy, opts ...Option) *Service {
	if policy.Limits == (nb.TimeLimits{}) {
		policy.Limits = nb.DefaultTimeLimits()
	}
	if policy.RemindFraction == 0 {
		policy.RemindFraction = 0.8
	}
	if policy.MaxExtension == 0 {
		policy.MaxExtension = 30 * 24 * time.Hour
	}
	s := &Service{store: store, words: words, policy: policy, holder: "neighborbot", lease: 5 * time.Minute}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Policy returns the policy in force (with defaults filled in).
func (s *Service) Policy() nb.Policy { return s.policy }

// Act applies cmd to case caseNo for actor in a transaction of its own.
func (s *Service) Act(ctx context.Context, actor nb.Actor, caseNo int64, cmd nb.Command) (*nb.Outcome, error) {
	var out *nb.Outcome
	err := s.store.Update(ctx, func(tx nb.Tx) (err error) {
		out, err = s.ActTx(tx, actor, caseNo, cmd)
		return err
	})
	return out, err
}

// ActTx loads case caseNo, checks that actor may take cmd's action, applies
// it, stores the case and its event, and queues the group's notice and the
// private notes the event calls for.
func (s *Service) ActTx(tx nb.Tx, actor nb.Actor, caseNo int64, cmd nb.Command) (*nb.Outcome, error) {
	c, err := tx.FindCaseByID(caseNo)
	if err != nil {
		return nil, err
	}
	tree, err := tx.UnitTree()
	if err != nil {
		return nil, err
	}
	if cmd.Action == nb.ActionAck && c.WhistleUnitID == 0 {
		return nil, nb.Errorf(nb.EINVALID, "case #%d has no open whistle", c.ID) // nobody may: say why
	}
	if err := s.authorize(tx, &actor, c, cmd, tree); err != nil {
		return nil, err
	}
	if cmd.Action == nb.ActionWithdraw {
		if hold, events, err := s.withdrawHold(tx, c); err != nil {
			return nil, err
		} else if hold != nb.HoldNone {
			return s.leave(tx, actor, c, cmd, hold, events, tree) // withdraw.go
		}
	}
	if err := s.prepare(tx, c, &cmd, tree); err != nil {
		return nil, err
	}
	wasQuiet := c.Quiet
	ev, err := s.record(tx, actor, c, cmd)
	if err != nil {
		return nil, err
	}
	out := &nb.Outcome{Case: c, Event: ev, Notice: s.words.Notice(c, ev, tree)}
	quiet := wasQuiet && (c.Quiet || c.Stage == nb.StageDismissed) // the group never heard of it
	if out.Notice != "" && !quiet {
		if err := s.tellGroup(tx, actor, out, cmd); err != nil {
			return nil, err
		}
	}
	if err := s.tellPrivately(tx, actor, out, tree); err != nil {
		return nil, err
	}
	if cmd.Action == nb.ActionWithdraw && (!wasQuiet || c.Priority == nb.PriorityUrgent) {
		// the staff over the group heard of it privately (a new or an urgent case): nobody goes for nothing
		if err := s.tellStaff(tx, out, tree); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// record applies cmd to c for actor and stores the case, its event and, for
// a merge, the followers it hands over.
func (s *Service) record(tx nb.Tx, actor nb.Actor, c *nb.Case, cmd nb.Command) (*nb.Event, error) {
	cmd.ActorID = actor.PersonID
	if actor.System {
		cmd.ActorID = 0
	}
	ev, err := c.Apply(cmd, tx.Now())
	if err != nil {
		return nil, err
	}
	if err := tx.UpdateCase(c); err != nil {
		return nil, err
	}
	if err := tx.AppendEvent(ev); err != nil {
		return nil, err
	}
	if cmd.Action == nb.ActionMerge {
		if err := tx.MoveFollowers(c.ID, cmd.TargetID); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// authorize checks that actor may take cmd's action on c (and, for a
// merge, on its target).
func (s *Service) authorize(tx nb.Tx, actor *nb.Actor, c *nb.Case, cmd nb.Command, tree nb.UnitTree) error {
	if err := s.relate(tx, actor, c, false); err != nil {
		return err
	}
	if err := nb.Authorize(*actor, cmd.Action, c, tree); err != nil {
		return err
	}
	if cmd.Action != nb.ActionMerge || cmd.TargetID == 0 || cmd.TargetID == c.ID {
		return nil
	}
	target, err := tx.FindCaseByID(cmd.TargetID)
	if err != nil {
		return err
	}
	if !target.Stage.Open() {
		return nb.Errorf(nb.EINVALID, "#%d is no longer open and cannot absorb another case", target.ID)
	}
	return nb.Authorize(*actor, nb.ActionMerge, target, tree)
}

// prepare fills in what the time-limit policy decides: deadlines and
// reminders, and the limits of an extension.
func (s *Service) prepare(tx nb.Tx, c *nb.Case, cmd *nb.Command, tree nb.UnitTree) error {
	now := tx.Now()
	switch cmd.Action {
	case nb.ActionAccept, nb.ActionAssign, nb.ActionRate:
		if cmd.DueAt.IsZero() {
			cmd.DueAt = now.Add(s.policy.Limits.For(c.Priority))
		}
	case nb.ActionAck:
		if cmd.UnitID == 0 {
			cmd.UnitID = c.WhistleUnitID
		}
		return nil
	case nb.ActionWhistle:
		if cmd.DueAt.IsZero() {
			cmd.DueAt = now.Add(s.policy.Limits.WhistleAck)
		}
		return nil
	case nb.ActionExtend:
		if cmd.Extend <= 0 && cmd.DueAt.IsZero() {
			return nb.Errorf(nb.EINVALID, "an extension needs a duration such as 3天 or 3d")
		}
		if cmd.DueAt.IsZero() {
			cmd.DueAt = c.DueAt.Add(cmd.Extend)
		}
		if c.Extensions >= s.policy.MaxExtensions {
			return nb.Errorf(nb.ECONFLICT, "#%d was already extended %d time(s), the most allowed", c.ID, c.Extensions)
		}
		if cmd.DueAt.Sub(c.DueAt) > s.policy.MaxExtension {
			return nb.Errorf(nb.EINVALID, "an extension may add at most %d days", int(s.policy.MaxExtension.Hours()/24))
		}
	case nb.ActionEscalateAck, nb.ActionEscalateDue, nb.ActionEscalateTopic:
		if cmd.UnitID == 0 {
			cmd.UnitID = s.escalationUnit(c, cmd.Action, tree)
		}
		return nil
	default:
		return nil
	}
	if cmd.RemindAt.IsZero() {
		cmd.RemindAt = s.policy.RemindAt(cmd.DueAt, c.Priority)
		if !cmd.RemindAt.After(now) {
			cmd.RemindAt = time.Time{}
		}
	}
	return nil
}
