package handlers

import (
	"slices"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// staffRoles are the roles told of a new or urgent case, in this order.
var staffRoles = []nb.Role{nb.RoleGridWorker, nb.RoleOfficer}

// staffAbove returns the grid workers and officers of unit and of the units
// above it who can be reached privately on platform p, closest unit first
// (grid workers before officers), each once, the sender left out: one
// query whatever the depth of the tree.
func staffAbove(c *bot.Context, unitID int64, p nb.Platform) ([]*nb.Identity, error) {
	tree, err := unitTree(c)
	if err != nil {
		return nil, err
	}
	var chain []int64
	for u := tree[unitID]; u != nil && len(chain) < 16; u = tree[u.ParentID] {
		chain = append(chain, u.ID)
		if u.ParentID == u.ID {
			break
		}
	}
	found, err := c.Tx.ListReachableIn(staffRoles, chain, p)
	if err != nil {
		return nil, err
	}
	rank := func(r *nb.Reachable) int {
		return slices.Index(chain, r.UnitID)*len(staffRoles) + slices.Index(staffRoles, r.Role)
	}
	slices.SortStableFunc(found, func(a, b *nb.Reachable) int { return rank(a) - rank(b) })
	seen := map[int64]bool{c.Person.ID: true}
	var out []*nb.Identity
	for _, r := range found {
		if !seen[r.PersonID] {
			seen[r.PersonID] = true
			id := r.Identity
			out = append(out, &id)
		}
	}
	return out, nil
}

// tellStaff sends text privately to staffAbove about case cs.
func tellStaff(c *bot.Context, cs *nb.Case, unitID int64, p nb.Platform, text string) error {
	staff, err := staffAbove(c, unitID, p)
	if err != nil {
		return err
	}
	for _, s := range staff {
		if err := c.Post(&nb.OutboxMessage{Platform: s.Platform, ChatExternalID: s.PrivateChatID, Text: text, CaseID: cs.ID}); err != nil {
			return err
		}
	}
	return nil
}
