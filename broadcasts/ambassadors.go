package broadcasts

import (
	"slices"

	nb "github.com/neighborbot/neighborbot"
)

// AppointTx makes person an ambassador of unit. The actor must be an
// officer (or admin) whose scope contains unit.
func (s *Service) AppointTx(tx nb.Tx, actor nb.Actor, personID, unitID int64) error {
	tree, err := tx.UnitTree()
	if err != nil {
		return err
	}
	if !IsApprover(actor, tree, unitID) {
		return refuse(nb.EFORBIDDEN, "appoint_forbidden", tree.Name(unitID))
	}
	grants, err := tx.ListGrants(personID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(grants, func(g nb.RoleGrant) bool { return g.Role == nb.RoleAmbassador && g.UnitID == unitID }) {
		return refuse(nb.ECONFLICT, "appoint_already", tree.Name(unitID))
	}
	if err := tx.GrantRole(nb.RoleGrant{PersonID: personID, Role: nb.RoleAmbassador, UnitID: unitID}); err != nil {
		return err
	}
	return audit(tx, nb.BroadcastEvent{Kind: nb.BroadcastAppointed, ActorID: actor.PersonID, PersonID: personID, UnitID: unitID})
}

// RevokeTx takes back person's ambassador role of unit, if the actor's
// scope contains it, and cancels the person's notices still waiting for
// approval or to be sent. It returns how many notices it cancelled.
func (s *Service) RevokeTx(tx nb.Tx, actor nb.Actor, personID, unitID int64) (int, error) {
	tree, err := tx.UnitTree()
	if err != nil {
		return 0, err
	}
	if !IsApprover(actor, tree, unitID) {
		return 0, refuse(nb.EFORBIDDEN, "revoke_amb_forbidden", tree.Name(unitID))
	}
	g := nb.RoleGrant{PersonID: personID, Role: nb.RoleAmbassador, UnitID: unitID}
	if err := tx.RevokeRole(g); err != nil {
		return 0, err
	}
	if err := audit(tx, nb.BroadcastEvent{Kind: nb.BroadcastRevoked, ActorID: actor.PersonID, PersonID: personID, UnitID: unitID}); err != nil {
		return 0, err
	}
	return s.cancelPending(tx, actor, personID)
}

// cancelPending cancels every open notice of person: a revoked ambassador's
// words are no longer sent in the community's name.
func (s *Service) cancelPending(tx nb.Tx, actor nb.Actor, personID int64) (int, error) {
	open, err := tx.ListNotices(nb.NoticeFilter{AuthorID: personID, Statuses: []nb.NoticeStatus{nb.NoticeAwaiting, nb.NoticeQueued}, Limit: 1000})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, notice := range open {
		awaiting := notice.Status == nb.NoticeAwaiting
		left, err := s.cancel(tx, actor, notice, "role revoked")
		if err != nil {
			return n, err
		}
		if awaiting || left > 0 {
			n++
		}
	}
	return n, nil
}

// Ambassador is one ambassador grant, for the list officers see.
type Ambassador struct {
	Person *nb.Person
	UnitID int64
	Unit   string
}

// AmbassadorsTx lists the ambassadors within the actor's scope (an officer
// sees those of their units and below), by unit.
func (s *Service) AmbassadorsTx(tx nb.Tx, actor nb.Actor) ([]Ambassador, error) {
	tree, err := tx.UnitTree()
	if err != nil {
		return nil, err
	}
	grants, err := tx.ListAllGrants()
	if err != nil {
		return nil, err
	}
	var list []Ambassador
	for _, g := range grants {
		if g.Role != nb.RoleAmbassador || !IsApprover(actor, tree, g.UnitID) {
			continue
		}
		p, err := tx.FindPersonByID(g.PersonID)
		if err != nil {
			return nil, err
		}
		list = append(list, Ambassador{Person: p, UnitID: g.UnitID, Unit: tree.Name(g.UnitID)})
	}
	return list, nil
}
