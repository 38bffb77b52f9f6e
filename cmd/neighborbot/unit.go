package main

import (
	"context"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runUnit implements "unit add" and "unit list".
func runUnit(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: unit add|list", errUsage)
	}
	switch args[0] {
	case "add":
		return runUnitAdd(ctx, args[1:], sys)
	case "list":
		return runUnitList(ctx, args[1:], sys)
	}
	return fmt.Errorf("%w: unit add|list, not %q", errUsage, args[0])
}

func runUnitAdd(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("unit add", sys)
	name := fs.String("name", "", "unit name, e.g. 第三网格")
	kind := fs.String("kind", "", "district, street, community, grid, department or partner")
	parent := fs.String("parent", "", "name of the parent unit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	u := &nb.Unit{Name: *name, Kind: nb.UnitKind(*kind)}
	if err := u.Validate(); err != nil {
		return fmt.Errorf("%w: %s", errUsage, explain(err))
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		return addUnit(ctx, db, u, *parent, sys)
	})
}

// addUnit stores u under the unit named parent ("" = a root).
func addUnit(ctx context.Context, db *store.DB, u *nb.Unit, parent string, sys IO) error {
	if parent != "" {
		p, err := findUnit(ctx, db, parent)
		if err != nil {
			return fmt.Errorf("-parent: %s", explain(err))
		}
		u.ParentID = p.ID
	}
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.CreateUnit(u) }); err != nil {
		return fmt.Errorf("add unit: %s", explain(err))
	}
	fmt.Fprintf(sys.Out, "added unit %d %s (%s)\n", u.ID, u.Name, u.Kind)
	return nil
}

func runUnitList(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("unit list", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error { return listUnits(ctx, db, sys) })
}

// listUnits prints the unit tree as a table.
func listUnits(ctx context.Context, db *store.DB, sys IO) error {
	var units []*nb.Unit
	if err := db.View(ctx, func(tx nb.Tx) (err error) { units, err = tx.ListUnits(); return err }); err != nil {
		return err
	}
	tree := nb.NewUnitTree(units)
	w := newTable(sys.Out)
	fmt.Fprintln(w, "ID\tNAME\tKIND\tPARENT")
	for _, u := range units {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", u.ID, u.Name, u.Kind, tree.Name(u.ParentID))
	}
	return w.Flush()
}
