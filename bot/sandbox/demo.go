package sandbox

import (
	"context"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// DemoMark is carried by the name of every unit and group that SeedDemo
// creates, so that nobody mistakes demo data for real data.
const DemoMark = "(演示)"

// demoUnits is the demo unit tree, parents before children.
var demoUnits = []struct {
	name, parent string
	kind         nb.UnitKind
}{
	{"示范街道" + DemoMark, "", nb.UnitStreet},
	{"幸福社区" + DemoMark, "示范街道" + DemoMark, nb.UnitCommunity},
	{"第一网格" + DemoMark, "幸福社区" + DemoMark, nb.UnitGrid},
	{"第二网格" + DemoMark, "幸福社区" + DemoMark, nb.UnitGrid},
	{"城管办" + DemoMark, "示范街道" + DemoMark, nb.UnitDepartment},
	{"幸福物业" + DemoMark, "幸福社区" + DemoMark, nb.UnitPartner},
}

// demoGroups are the demo group chats and the units they are bound to.
var demoGroups = []struct{ title, unit string }{
	{"幸福社区一网格群" + DemoMark, "第一网格" + DemoMark},
	{"幸福社区二网格群" + DemoMark, "第二网格" + DemoMark},
}

// demoPeople are the demo people; a resident gets no grant.
var demoPeople = []struct {
	name string
	role nb.Role
	unit string
}{
	{"王书记", nb.RoleOfficer, "幸福社区" + DemoMark},
	{"李网格员", nb.RoleGridWorker, "第一网格" + DemoMark},
	{"张阿姨", nb.RoleAmbassador, "幸福社区" + DemoMark},
	{"赵师傅", nb.RoleDepartment, "城管办" + DemoMark},
	{"刘大爷", nb.RoleResident, ""},
	{"陈女士", nb.RoleResident, ""},
	{"小周", nb.RoleResident, ""},
}

// SeedDemo fills an empty database with a small demo community: a street,
// a community with two grids, a department, a property company, a group
// chat for each grid and a few people. It does nothing (seeded is false) when
// the database already has units. Everything is written in one transaction.
func SeedDemo(ctx context.Context, s nb.Store) (seeded bool, err error) {
	err = s.Update(ctx, func(tx nb.Tx) error {
		existing, err := tx.ListUnits()
		if err != nil || len(existing) > 0 {
			return err
		}
		ids := map[string]int64{}
		for _, d := range demoUnits {
			u := &nb.Unit{Name: d.name, Kind: d.kind, ParentID: ids[d.parent]}
			if err := tx.CreateUnit(u); err != nil {
				return fmt.Errorf("unit %s: %w", d.name, err)
			}
			ids[d.name] = u.ID
		}
		for _, g := range demoGroups {
			c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: g.title, Kind: nb.ChatGroup, Title: g.title}
			if err := tx.EnsureChat(c); err != nil {
				return fmt.Errorf("group %s: %w", g.title, err)
			}
			if err := tx.BindChat(c.ID, ids[g.unit]); err != nil {
				return fmt.Errorf("bind %s: %w", g.title, err)
			}
		}
		for _, d := range demoPeople {
			person, err := tx.EnsurePerson(nb.PlatformSandbox, d.name, d.name)
			if err != nil {
				return fmt.Errorf("person %s: %w", d.name, err)
			}
			if d.role == nb.RoleResident {
				continue
			}
			if err := tx.GrantRole(nb.RoleGrant{PersonID: person.ID, Role: d.role, UnitID: ids[d.unit]}); err != nil {
				return fmt.Errorf("grant %s: %w", d.name, err)
			}
		}
		seeded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: seed demo: %w", err)
	}
	return seeded, nil
}
