package neighborbot

import (
	"strings"
	"time"
)

// UnitKind is the kind of an organisational unit.
type UnitKind string

// Unit kinds: the administrative tree, plus units that can be given work.
const (
	UnitDistrict   UnitKind = "district"   // 区
	UnitStreet     UnitKind = "street"     // 街道
	UnitCommunity  UnitKind = "community"  // 社区
	UnitGrid       UnitKind = "grid"       // 网格
	UnitDepartment UnitKind = "department" // 部门 (城管办, 房管所 …)
	UnitPartner    UnitKind = "partner"    // 物业, 红色合伙人
)

// UnitKinds lists every kind, in tree order.
var UnitKinds = []UnitKind{UnitDistrict, UnitStreet, UnitCommunity, UnitGrid, UnitDepartment, UnitPartner}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool {
	for _, v := range UnitKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Unit is a node of the organisation tree (区/街道/社区/网格) or a unit that
// can be assigned work (部门/物业/合伙人).
type Unit struct {
	ID        int64
	Name      string
	Kind      UnitKind
	ParentID  int64 // 0 for a root
	CreatedAt time.Time
}

// Validate checks a unit before it is stored.
func (u *Unit) Validate() error {
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		return Errorf(EINVALID, "unit name required")
	} else if len([]rune(u.Name)) > 64 {
		return Errorf(EINVALID, "unit name too long (at most 64 characters)")
	} else if !u.Kind.Valid() {
		return Errorf(EINVALID, "unknown unit kind %q", u.Kind)
	}
	return nil
}

// UnitTree is the whole unit tree, keyed by ID, for scope checks.
type UnitTree map[int64]*Unit

// NewUnitTree indexes units by ID.
func NewUnitTree(units []*Unit) UnitTree {
	t := make(UnitTree, len(units))
	for _, u := range units {
		t[u.ID] = u
	}
	return t
}

// Within reports whether unit lies inside scope: it is scope itself or one of
// its descendants. A scope of 0 covers everything; a unit of 0 (not yet known)
// lies only inside the global scope.
func (t UnitTree) Within(unit, scope int64) bool {
	if scope == 0 {
		return true
	}
	for seen := 0; unit != 0 && seen <= len(t); seen++ {
		if unit == scope {
			return true
		}
		u, ok := t[unit]
		if !ok {
			return false
		}
		unit = u.ParentID
	}
	return false
}

// Name returns the name of a unit, or "" if it is unknown.
func (t UnitTree) Name(id int64) string {
	if u, ok := t[id]; ok {
		return u.Name
	}
	return ""
}

// Subtree lists the IDs of unit and every unit below it.
func (t UnitTree) Subtree(unit int64) []int64 {
	var ids []int64
	for id := range t {
		if t.Within(id, unit) {
			ids = append(ids, id)
		}
	}
	return ids
}
