package sandbox

import (
	"context"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// PersonInfo is a person with a sandbox identity, as the sandbox page lists
// them. A resident has no roles.
type PersonInfo struct {
	Name  string     `json:"name"`
	Roles []RoleInfo `json:"roles"`
}

// RoleInfo is one role of a person and the name of its unit ("" = everywhere).
type RoleInfo struct {
	Role nb.Role `json:"role"`
	Unit string  `json:"unit"`
}

// People lists the people with a sandbox identity, with their roles.
func (p *Platform) People(ctx context.Context) ([]PersonInfo, error) {
	out := []PersonInfo{}
	err := p.store.View(ctx, func(tx nb.Tx) error {
		tree, err := unitTree(tx)
		if err != nil {
			return err
		}
		ids, err := tx.ListIdentities(nb.PlatformSandbox)
		if err != nil {
			return err
		}
		for _, id := range ids {
			info, err := personInfo(tx, tree, id.ExternalID, id.PersonID)
			if err != nil {
				return err
			}
			out = append(out, info)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: list people: %w", err)
	}
	return out, nil
}

// CreatePerson creates a sandbox person (or finds the one of that name) and
// grants them role within the unit named unitName ("" = everywhere). A
// resident needs no grant. The role must be valid (EINVALID) and the unit
// must exist when given (ENOTFOUND).
func (p *Platform) CreatePerson(ctx context.Context, name string, role nb.Role, unitName string) (PersonInfo, error) {
	name, err := p.personName(name)
	if err != nil {
		return PersonInfo{}, err
	}
	if role == "" {
		role = nb.RoleResident
	} else if !role.Valid() {
		return PersonInfo{}, nb.Errorf(nb.EINVALID, "unknown role %q", role)
	} else if role != nb.RoleResident && p.grantsRefused != "" {
		return PersonInfo{}, nb.Errorf(nb.EFORBIDDEN, "%s", p.grantsRefused)
	}
	var info PersonInfo
	err = p.store.Update(ctx, func(tx nb.Tx) error {
		unit, err := findUnit(tx, strings.TrimSpace(unitName))
		if err != nil {
			return err
		}
		person, err := tx.EnsurePerson(nb.PlatformSandbox, name, name)
		if err != nil {
			return err
		}
		if role != nb.RoleResident {
			g := nb.RoleGrant{PersonID: person.ID, Role: role}
			if unit != nil {
				g.UnitID = unit.ID
			}
			if err := tx.GrantRole(g); err != nil {
				return err
			}
		}
		tree, err := unitTree(tx)
		if err != nil {
			return err
		}
		info, err = personInfo(tx, tree, name, person.ID)
		return err
	})
	if err != nil {
		return PersonInfo{}, fmt.Errorf("sandbox: create person: %w", err)
	}
	return info, nil
}

// personInfo loads the roles of a person.
func personInfo(tx nb.Tx, tree nb.UnitTree, name string, personID int64) (PersonInfo, error) {
	grants, err := tx.ListGrants(personID)
	if err != nil {
		return PersonInfo{}, err
	}
	info := PersonInfo{Name: name, Roles: []RoleInfo{}}
	for _, g := range grants {
		info.Roles = append(info.Roles, RoleInfo{Role: g.Role, Unit: tree.Name(g.UnitID)})
	}
	return info, nil
}
