package cases

import (
	"slices"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// withdrawHold says whether c is its reporter's alone to withdraw
// (nb.HoldOf), with the case's events it read to tell.
func (s *Service) withdrawHold(tx nb.Tx, c *nb.Case) (nb.WithdrawHold, []*nb.Event, error) {
	followers, err := tx.ListFollowers(c.ID, "")
	if err != nil {
		return nb.HoldNone, nil, err
	}
	events, err := tx.ListEvents(c.ID)
	if err != nil {
		return nb.HoldNone, nil, err
	}
	return nb.HoldOf(c, followers, events), events, nil
}

// leave is a reporter's withdrawal of a case held for others (hold): the
// case stays where it is, the reporter no longer follows it, the group (if
// it heard of the case) and the staff over it are told what the reporter
// says, and the event (EventLeft) keeps the reporter's words as a
// withdrawal's note would. events are the case's (withdrawHold).
func (s *Service) leave(tx nb.Tx, actor nb.Actor, c *nb.Case, cmd nb.Command, hold nb.WithdrawHold, events []*nb.Event, tree nb.UnitTree) (*nb.Outcome, error) {
	if err := c.Check(cmd); err != nil {
		return nil, err // a project is no longer the reporter's to take back, held or not
	}
	if leftBefore(events, actor.PersonID) {
		return nil, nb.Errorf(nb.ECONFLICT, "you already stepped back from #%d; it stays open for the others", c.ID)
	}
	ev := &nb.Event{CaseID: c.ID, Kind: nb.EventLeft, ActorID: actor.PersonID, FromStage: c.Stage, ToStage: c.Stage,
		Note: nb.HeldNote(hold, strings.TrimSpace(cmd.Note)), CreatedAt: tx.Now()}
	if err := tx.AppendEvent(ev); err != nil {
		return nil, err
	}
	if err := tx.RemoveFollower(c.ID, actor.PersonID); err != nil {
		return nil, err
	}
	out := &nb.Outcome{Case: c, Event: ev, Notice: s.words.Notice(c, ev, tree), Held: hold}
	if out.Notice != "" && !c.Quiet {
		if err := s.tellGroup(tx, actor, out, cmd); err != nil {
			return nil, err
		}
	}
	if err := s.tellStaff(tx, out, tree); err != nil {
		return nil, err
	}
	return out, nil
}

// leftBefore reports whether the person already stepped back from the case
// (an EventLeft of theirs). Not following it is no such sign: a case made
// for its reporter elsewhere (Open311, the desk) may never have had them
// as a follower.
func leftBefore(events []*nb.Event, personID int64) bool {
	return slices.ContainsFunc(events, func(ev *nb.Event) bool { return ev.Kind == nb.EventLeft && ev.ActorID == personID })
}
