package neighborbot_test

import (
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// The tree: street 1 → community 2 → grids 3 and 4; department 10, partner 11.
var testTree = nb.NewUnitTree([]*nb.Unit{
	{ID: 1, Kind: nb.UnitStreet}, {ID: 2, Kind: nb.UnitCommunity, ParentID: 1},
	{ID: 3, Kind: nb.UnitGrid, ParentID: 2}, {ID: 4, Kind: nb.UnitGrid, ParentID: 2},
	{ID: 10, Kind: nb.UnitDepartment}, {ID: 11, Kind: nb.UnitPartner},
})

func grant(r nb.Role, unit int64) nb.Actor {
	return nb.Actor{PersonID: 1, Grants: []nb.RoleGrant{{PersonID: 1, Role: r, UnitID: unit}}}
}

// TestAuthorizeTable checks who may do what to a case in grid 3, owned by
// department 10, with a whistle open to partner 11 — for every action and
// every kind of actor. Stages are the state machine's business, not this one's.
func TestAuthorizeTable(t *testing.T) {
	follower := nb.Actor{PersonID: 9, IsFollower: true}
	actors := map[string]nb.Actor{
		"resident":          {PersonID: 2},
		"follower":          follower,
		"ambassador":        grant(nb.RoleAmbassador, 2),
		"grid worker here":  grant(nb.RoleGridWorker, 3),
		"grid worker there": grant(nb.RoleGridWorker, 4),
		"community officer": grant(nb.RoleOfficer, 2),
		"street officer":    grant(nb.RoleOfficer, 1),
		"admin":             grant(nb.RoleAdmin, 0),
		"owner department":  grant(nb.RoleDepartment, 10),
		"whistled partner":  grant(nb.RoleDepartment, 11),
		"system":            {System: true},
	}
	managers := []string{"grid worker here", "community officer", "street officer", "admin", "system"}
	allow := map[nb.Action][]string{
		nb.ActionConfirm:  managers,
		nb.ActionDismiss:  managers,
		nb.ActionMerge:    managers,
		nb.ActionAccept:   managers,
		nb.ActionAssign:   managers,
		nb.ActionWhistle:  managers,
		nb.ActionAck:      append([]string{"whistled partner"}, managers...),
		nb.ActionProgress: append([]string{"owner department"}, managers...),
		nb.ActionResolve:  append([]string{"owner department"}, managers...),
		nb.ActionRate:     {"follower", "system"},
		nb.ActionClose:    {"system"},
		nb.ActionExtend:   managers,
		nb.ActionWithdraw: {"resident", "system"}, // the reporter
		nb.ActionCategory: managers,
	}
	for _, a := range nb.TimerActions {
		allow[a] = []string{"system"}
	}
	c := &nb.Case{ID: 5, Stage: nb.StageProject, UnitID: 3, OwnerUnitID: 10, WhistleUnitID: 11, ReporterID: 2}
	for _, action := range nb.Actions {
		for name, actor := range actors {
			err := nb.Authorize(actor, action, c, testTree)
			want := contains(allow[action], name)
			if want && err != nil {
				t.Errorf("%s may %s: got %v", name, action, err)
			}
			if !want && nb.ErrorCode(err) != nb.EFORBIDDEN {
				t.Errorf("%s may not %s: got %v", name, action, err)
			}
		}
	}
}

func TestUnboundCaseNeedsGlobalScope(t *testing.T) {
	c := &nb.Case{ID: 6, Stage: nb.StageTopic}
	if err := nb.Authorize(grant(nb.RoleOfficer, 2), nb.ActionAccept, c, testTree); err == nil {
		t.Error("a scoped officer must not act on a case of an unbound group")
	}
	if err := nb.Authorize(grant(nb.RoleAdmin, 0), nb.ActionAccept, c, testTree); err != nil {
		t.Errorf("a global admin may: %v", err)
	}
}

func TestUnitTreeWithin(t *testing.T) {
	cases := []struct {
		unit, scope int64
		want        bool
	}{{3, 3, true}, {3, 2, true}, {3, 1, true}, {3, 0, true}, {3, 4, false}, {2, 3, false},
		{0, 2, false}, {0, 0, true}, {99, 2, false}, {10, 1, false}}
	for _, tc := range cases {
		if got := testTree.Within(tc.unit, tc.scope); got != tc.want {
			t.Errorf("Within(%d, %d) = %v", tc.unit, tc.scope, got)
		}
	}
	loop := nb.NewUnitTree([]*nb.Unit{{ID: 1, ParentID: 2}, {ID: 2, ParentID: 1}})
	if loop.Within(1, 5) {
		t.Error("a cycle must not be within an unrelated scope")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
