package neighborbot

// Actor is who asks for an action: a person with their role grants, or the
// system (系统, the scheduler).
type Actor struct {
	PersonID   int64
	Grants     []RoleGrant
	IsFollower bool // reported or follows the case being acted on
	// InCaseGroup: has written in the case's group, or in another group
	// of the case's unit (the case service fills it in).
	InCaseGroup bool
	System      bool
	// ChatID is the chat the actor wrote from (0 = none): a post there
	// answers their own command and is never held for quiet hours.
	ChatID int64
}

// HasRole reports whether the actor holds one of roles anywhere.
func (a Actor) HasRole(roles ...Role) bool {
	for _, g := range a.Grants {
		for _, r := range roles {
			if g.Role == r {
				return true
			}
		}
	}
	return false
}

// Covers reports whether the actor holds one of roles with a scope that
// contains unit.
func (a Actor) Covers(tree UnitTree, unit int64, roles ...Role) bool {
	for _, g := range a.Grants {
		for _, r := range roles {
			if g.Role == r && tree.Within(unit, g.UnitID) {
				return true
			}
		}
	}
	return false
}

// caseManagers may triage and steer cases within their scope.
var caseManagers = []Role{RoleOfficer, RoleGridWorker, RoleAdmin}

// Authorize decides whether actor may apply action to c. It returns an
// EFORBIDDEN error that says why not.
func Authorize(actor Actor, action Action, c *Case, tree UnitTree) error {
	if actor.System {
		return nil
	}
	managesCase := actor.Covers(tree, c.UnitID, caseManagers...)
	if action.IsTimer() {
		return Errorf(EFORBIDDEN, "only the scheduler reminds and escalates")
	}
	switch action {
	case ActionClose:
		return Errorf(EFORBIDDEN, "only the scheduler closes cases without a rating")
	case ActionWithdraw:
		if c.ReporterID != 0 && actor.PersonID == c.ReporterID {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the reporter of #%d may withdraw it", c.ID)
	case ActionRate:
		if actor.IsFollower {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the reporters and followers of #%d may rate it", c.ID)
	case ActionAck:
		if managesCase || actor.Covers(tree, c.WhistleUnitID, RoleDepartment) {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the whistled unit may report for #%d", c.ID)
	case ActionProgress, ActionResolve:
		if managesCase || (c.OwnerUnitID != 0 && actor.Covers(tree, c.OwnerUnitID, RoleDepartment)) {
			return nil
		}
		return Errorf(EFORBIDDEN, "only the owner of #%d or an officer may do this", c.ID)
	}
	if managesCase {
		return nil
	}
	if actor.HasRole(caseManagers...) {
		return Errorf(EFORBIDDEN, "#%d is outside your area", c.ID)
	}
	return Errorf(EFORBIDDEN, "this command is for officers")
}

// Belongs decides whether case c belongs to actor, who may then follow it
// and read it while it waits for review: members of its group, its
// reporters and followers, the officers of its area and the units that
// own it or were whistled. It returns an EFORBIDDEN error otherwise.
func Belongs(actor Actor, c *Case, tree UnitTree) error {
	switch {
	case actor.System, actor.IsFollower, actor.InCaseGroup,
		actor.Covers(tree, c.UnitID, caseManagers...),
		c.OwnerUnitID != 0 && actor.Covers(tree, c.OwnerUnitID, RoleDepartment),
		c.WhistleUnitID != 0 && actor.Covers(tree, c.WhistleUnitID, RoleDepartment):
		return nil
	}
	return Errorf(EFORBIDDEN, "#%d is not a case of your group", c.ID)
}

// SystemActor is the scheduler acting on its own (系统).
var SystemActor = Actor{System: true}
