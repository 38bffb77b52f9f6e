package cases

import (
	nb "github.com/neighborbot/neighborbot"
)

// LookTx loads case caseNo for actor to read (#进度): a case its group
// heard of is public; one still waiting for review (quiet) only for the
// people it belongs to.
func (s *Service) LookTx(tx nb.Tx, actor nb.Actor, caseNo int64) (*nb.Case, error) {
	c, err := tx.FindCaseByID(caseNo)
	if err != nil || !c.Quiet {
		return c, err
	}
	if err := s.belongs(tx, &actor, c); err != nil {
		return nil, err
	}
	return c, nil
}

// FollowTx makes actor follow case caseNo, or the case it was merged into,
// with an event, if the case belongs to them and is still open.
func (s *Service) FollowTx(tx nb.Tx, actor nb.Actor, caseNo int64) (*nb.Case, bool, error) {
	c, err := tx.FindCaseByID(caseNo)
	for hops := 0; err == nil && c.Stage == nb.StageMerged && c.MergedInto != 0 && hops < 8; hops++ {
		c, err = tx.FindCaseByID(c.MergedInto) // following a merged case means following the one it joined
	}
	if err != nil {
		return nil, false, err
	}
	if err := s.belongs(tx, &actor, c); err != nil {
		return nil, false, err
	}
	if !c.Stage.Open() {
		return c, false, nb.Errorf(nb.ECONFLICT, "#%d is %s and can no longer be followed", c.ID, c.Stage)
	}
	added, err := tx.AddFollower(c.ID, actor.PersonID, nb.FollowFollower)
	if err != nil || !added {
		return c, false, err
	}
	ev := &nb.Event{CaseID: c.ID, Kind: nb.EventFollowed, ActorID: actor.PersonID, CreatedAt: tx.Now()}
	return c, true, tx.AppendEvent(ev)
}

// belongs checks that c belongs to actor (nb.Belongs), filling in what
// the actor's relation to the case is.
func (s *Service) belongs(tx nb.Tx, actor *nb.Actor, c *nb.Case) error {
	if err := s.relate(tx, actor, c, true); err != nil {
		return err
	}
	tree, err := tx.UnitTree()
	if err != nil {
		return err
	}
	return nb.Belongs(*actor, c, tree)
}

// relate fills in whether actor follows c and, with group, whether they
// are a member of its group.
func (s *Service) relate(tx nb.Tx, actor *nb.Actor, c *nb.Case, group bool) error {
	if actor.System || actor.PersonID == 0 {
		return nil
	}
	var err error
	if actor.IsFollower, err = tx.IsFollower(c.ID, actor.PersonID); err != nil {
		return err
	}
	if !group || actor.IsFollower || (c.ChatID == 0 && c.UnitID == 0) {
		return nil
	}
	actor.InCaseGroup, err = tx.IsChatMember(actor.PersonID, c.ChatID, c.UnitID)
	return err
}
