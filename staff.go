package neighborbot

import "slices"

// StaffRoles are the roles told of a new or urgent case, in this order.
var StaffRoles = []Role{RoleGridWorker, RoleOfficer}

// StaffAbove returns the grid workers and officers of unit and of the units
// above it who can be reached privately on platform p, closest unit first
// (grid workers before officers), each once, the person except left out:
// one query whatever the depth of the tree.
func StaffAbove(tx Tx, tree UnitTree, unitID int64, p Platform, except int64) ([]*Identity, error) {
	var chain []int64
	for u := tree[unitID]; u != nil && len(chain) < 16; u = tree[u.ParentID] {
		chain = append(chain, u.ID)
		if u.ParentID == u.ID {
			break
		}
	}
	found, err := tx.ListReachableIn(StaffRoles, chain, p)
	if err != nil {
		return nil, err
	}
	rank := func(r *Reachable) int {
		return slices.Index(chain, r.UnitID)*len(StaffRoles) + slices.Index(StaffRoles, r.Role)
	}
	slices.SortStableFunc(found, func(a, b *Reachable) int { return rank(a) - rank(b) })
	seen := map[int64]bool{except: true}
	var out []*Identity
	for _, r := range found {
		if !seen[r.PersonID] {
			seen[r.PersonID] = true
			id := r.Identity
			out = append(out, &id)
		}
	}
	return out, nil
}
