package web

import (
	"slices"

	nb "github.com/neighborbot/neighborbot"
)

// managerRoles may triage and steer the cases of their area, and see
// residents' personal data in them, as in chat.
var managerRoles = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker, nb.RoleAdmin}

// global reports whether the user manages every unit.
func (u *deskUser) global() bool {
	for _, g := range u.Actor.Grants {
		if g.UnitID == 0 && slices.Contains(managerRoles, g.Role) {
			return true
		}
	}
	return false
}

// scope restricts f to the user's area, within unit (0 = all of it): the
// cases of the units they manage, and those owned by or whistled to the
// units they work for.
func (u *deskUser) scope(f *nb.CaseFilter, unit int64) {
	if unit == 0 && u.global() {
		return
	}
	ids := u.Tree.Subtree(unit)
	if unit == 0 {
		ids = make([]int64, 0, len(u.Tree))
		for id := range u.Tree {
			ids = append(ids, id)
		}
	}
	f.UnitIDs, f.OwnerUnitIDs = []int64{}, []int64{}
	for _, id := range ids {
		if u.Actor.Covers(u.Tree, id, managerRoles...) {
			f.UnitIDs = append(f.UnitIDs, id)
		}
		if u.Actor.Covers(u.Tree, id, nb.RoleDepartment) {
			f.OwnerUnitIDs = append(f.OwnerUnitIDs, id)
		}
	}
	slices.Sort(f.UnitIDs)
	slices.Sort(f.OwnerUnitIDs)
}

// units lists the units within the user's area, in tree order.
func (u *deskUser) units() []*nb.Unit {
	return slices.DeleteFunc(treeUnits(u.Tree), func(unit *nb.Unit) bool {
		return !u.Actor.Covers(u.Tree, unit.ID, managerRoles...) && !u.Actor.Covers(u.Tree, unit.ID, nb.RoleDepartment)
	})
}

// maySee reports whether the user may see case c: an officer of its area,
// or staff of the unit that owns it or was whistled.
func (u *deskUser) maySee(c *nb.Case) bool {
	return u.mayUnmask(c) ||
		(c.OwnerUnitID != 0 && u.Actor.Covers(u.Tree, c.OwnerUnitID, nb.RoleDepartment)) ||
		(c.WhistleUnitID != 0 && u.Actor.Covers(u.Tree, c.WhistleUnitID, nb.RoleDepartment))
}

// mayUnmask reports whether the user may see the residents' personal data
// of c (phone and room numbers, names): the officers of its area.
func (u *deskUser) mayUnmask(c *nb.Case) bool {
	return u.Actor.Covers(u.Tree, c.UnitID, managerRoles...)
}

// visibleCase loads case id for u: EFORBIDDEN when it is outside their area.
func visibleCase(tx nb.Tx, u *deskUser, id int64) (*nb.Case, error) {
	c, err := tx.FindCaseByID(id)
	if err != nil {
		return nil, err
	}
	if !u.maySee(c) {
		return nil, nb.Errorf(nb.EFORBIDDEN, "#%d is outside your area", c.ID)
	}
	return c, nil
}
