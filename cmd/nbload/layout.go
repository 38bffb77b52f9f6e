package main

import (
	"context"
	"fmt"
	"strconv"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

// layout is the district the load runs in: grid units, each inside a
// community that has an officer, and the groups bound to the grids.
type layout struct {
	grids  []gridUnit
	groups []*group
}

// gridUnit is a grid and the officer of its community.
type gridUnit struct {
	name, community, officer string
}

// Names of what nbload creates; each carries "负载" (load) so nobody takes
// it for real data.
func streetName() string               { return "负载街道" }
func departmentName() string           { return "负载城管办" }
func communityName(c int) string       { return fmt.Sprintf("负载%03d社区", c+1) }
func partnerName(c int) string         { return fmt.Sprintf("负载%03d社区物业", c+1) }
func gridName(c, g int) string         { return fmt.Sprintf("负载%03d社区第%02d网格", c+1, g+1) }
func officerName(community int) string { return fmt.Sprintf("负载书记%03d", community+1) }
func groupTitle(i int) string          { return fmt.Sprintf("负载%05d群", i+1) }

// gridsPerCommunity is how many grids each seeded community has.
const gridsPerCommunity = 10

// planGrids names n grids in communities of gridsPerCommunity.
func planGrids(n int) []gridUnit {
	out := make([]gridUnit, n)
	for i := range out {
		c := i / gridsPerCommunity
		out[i] = gridUnit{name: gridName(c, i%gridsPerCommunity), community: communityName(c), officer: officerName(c)}
	}
	return out
}

// seedUnits writes the unit tree and the officers into the database at
// path, before the server starts: a street with a department, communities
// with a property company and an officer each, and the grids. It is what an
// administrator would do with "neighborbot unit add" and invites.
//
// With tgGroups (-platform telegram) it also gives each community's officer
// a Telegram identity with the role, and creates the Telegram groups bound
// to their grids, as officers binding their groups ("#绑定群") would.
func seedUnits(ctx context.Context, path string, grids []gridUnit, tgGroups []*group) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(ctx, func(tx nb.Tx) error {
		street := &nb.Unit{Name: streetName(), Kind: nb.UnitStreet}
		if err := tx.CreateUnit(street); err != nil {
			return err
		}
		if err := tx.CreateUnit(&nb.Unit{Name: departmentName(), Kind: nb.UnitDepartment, ParentID: street.ID}); err != nil {
			return err
		}
		communities, gridIDs := map[string]int64{}, map[string]int64{}
		for i, g := range grids {
			cid, ok := communities[g.community]
			if !ok {
				if cid, err = seedCommunity(tx, street.ID, i/gridsPerCommunity, tgGroups != nil); err != nil {
					return err
				}
				communities[g.community] = cid
			}
			u := &nb.Unit{Name: g.name, Kind: nb.UnitGrid, ParentID: cid}
			if err := tx.CreateUnit(u); err != nil {
				return fmt.Errorf("grid %s: %w", g.name, err)
			}
			gridIDs[g.name] = u.ID
		}
		return seedTelegramGroups(tx, tgGroups, gridIDs)
	})
}

// seedTelegramGroups creates the Telegram groups bound to their grids.
func seedTelegramGroups(tx nb.Tx, groups []*group, gridIDs map[string]int64) error {
	for _, g := range groups {
		c := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: strconv.FormatInt(g.chat, 10), Kind: nb.ChatGroup, Title: g.title}
		if err := tx.EnsureChat(c); err != nil {
			return fmt.Errorf("group %s: %w", g.title, err)
		}
		if err := tx.BindChat(c.ID, gridIDs[g.grid.name]); err != nil {
			return fmt.Errorf("bind group %s: %w", g.title, err)
		}
	}
	return nil
}

// seedCommunity creates community c with its property company and officer
// (also on Telegram when telegram is set).
func seedCommunity(tx nb.Tx, street int64, c int, telegram bool) (int64, error) {
	u := &nb.Unit{Name: communityName(c), Kind: nb.UnitCommunity, ParentID: street}
	if err := tx.CreateUnit(u); err != nil {
		return 0, fmt.Errorf("community %s: %w", u.Name, err)
	}
	if err := tx.CreateUnit(&nb.Unit{Name: partnerName(c), Kind: nb.UnitPartner, ParentID: u.ID}); err != nil {
		return 0, err
	}
	p, err := tx.EnsurePerson(nb.PlatformSandbox, officerName(c), officerName(c))
	if err != nil {
		return 0, err
	}
	if err := tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: u.ID}); err != nil || !telegram {
		return u.ID, err
	}
	p, err = tx.EnsurePerson(nb.PlatformTelegram, strconv.FormatInt(userOf(officerName(c)), 10), officerName(c))
	if err != nil {
		return 0, err
	}
	return u.ID, tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: u.ID})
}

// gridsOf picks the grid units of a running server that lie in a
// community, and names an officer for each community (created with
// POST /api/sandbox/people before the run).
func gridsOf(units []apiUnit) []gridUnit {
	kinds := map[string]string{}
	for _, u := range units {
		kinds[u.Name] = u.Kind
	}
	officers := map[string]string{}
	var out []gridUnit
	for _, u := range units {
		if u.Kind != string(nb.UnitGrid) || kinds[u.Parent] != string(nb.UnitCommunity) {
			continue
		}
		o, ok := officers[u.Parent]
		if !ok {
			o = officerName(len(officers))
			officers[u.Parent] = o
		}
		out = append(out, gridUnit{name: u.Name, community: u.Parent, officer: o})
	}
	return out
}
