package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runPerson implements "person list".
func runPerson(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 || args[0] != "list" {
		return fmt.Errorf("%w: person list", errUsage)
	}
	fs, path := newFlags("person list", sys)
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		return db.View(ctx, func(tx nb.Tx) error { return listPeople(tx, cfg, sys) })
	})
}

// listPeople prints the people who hold a role, by unit.
func listPeople(tx nb.Tx, cfg config.Config, sys IO) error {
	grants, err := tx.ListAllGrants()
	if err != nil {
		return err
	}
	if len(grants) == 0 {
		fmt.Fprintln(sys.Out, "nobody holds a role yet (create a code with: neighborbot invite -role officer -unit NAME)")
		return nil
	}
	tree, err := loadTree(tx)
	if err != nil {
		return err
	}
	w := newTable(sys.Out)
	fmt.Fprintln(w, "UNIT\tPERSON\tROLE\tSINCE")
	for _, g := range grants {
		p, err := tx.FindPersonByID(g.PersonID)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", scopeName(tree, g.UnitID), p.Name, g.Role,
			g.CreatedAt.In(location(cfg)).Format(time.DateOnly))
	}
	return w.Flush()
}

// runRole implements "role revoke -person NAME -role R [-unit U]".
func runRole(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 || args[0] != "revoke" {
		return fmt.Errorf("%w: role revoke -person NAME -role ROLE -unit UNIT", errUsage)
	}
	fs, path := newFlags("role revoke", sys)
	person := fs.String("person", "", "the person's name, as in neighborbot person list")
	role := fs.String("role", "", "the role to take back: officer, grid_worker, department, ambassador, admin")
	unit := fs.String("unit", "", "the unit the role is scoped to (empty = everywhere)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if r := nb.Role(*role); !r.Valid() || r == nb.RoleResident || strings.TrimSpace(*person) == "" {
		return fmt.Errorf("%w: -person NAME and -role (officer, grid_worker, department, ambassador, admin) are required", errUsage)
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		var unitID int64
		scope := "everywhere"
		if *unit != "" {
			u, err := findUnit(ctx, db, *unit)
			if err != nil {
				return fmt.Errorf("-unit: %s", explain(err))
			}
			unitID, scope = u.ID, u.Name
		}
		err := db.Update(ctx, func(tx nb.Tx) error {
			return revokeRole(tx, strings.TrimSpace(*person), nb.Role(*role), unitID)
		})
		if err != nil {
			return fmt.Errorf("role revoke: %s", explain(err))
		}
		fmt.Fprintf(sys.Out, "revoked %s of %s in %s\n", *role, strings.TrimSpace(*person), scope)
		return nil
	})
}

// revokeRole takes role in unitID back from the person called name.
func revokeRole(tx nb.Tx, name string, role nb.Role, unitID int64) error {
	grants, err := tx.ListGrantees(role, unitID)
	if err != nil {
		return err
	}
	var found []nb.RoleGrant
	for _, g := range grants {
		p, err := tx.FindPersonByID(g.PersonID)
		if err != nil {
			return err
		}
		if p.Name == name {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return nb.Errorf(nb.ENOTFOUND, "%s does not hold %s there (see neighborbot person list)", name, role)
	case 1:
		if role == nb.RoleAmbassador { // their notices not yet sent are cancelled too
			_, err := broadcasts.New(nil, broadcasts.Policy{}).RevokeTx(tx, nb.SystemActor, found[0].PersonID, found[0].UnitID)
			return err
		}
		return tx.RevokeRole(found[0])
	}
	return nb.Errorf(nb.ECONFLICT, "%d people called %s hold %s there; revoke it in chat with #撤销", len(found), name, role)
}

// runInviteList prints every invite code with its state.
func runInviteList(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("invite list", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		return db.View(ctx, func(tx nb.Tx) error {
			invites, err := tx.ListInvites()
			if err != nil || len(invites) == 0 {
				if err == nil {
					fmt.Fprintln(sys.Out, "no invite codes yet")
				}
				return err
			}
			tree, err := loadTree(tx)
			if err != nil {
				return err
			}
			loc := location(cfg)
			w := newTable(sys.Out)
			fmt.Fprintln(w, "CODE\tROLE\tUNIT\tSTATE\tEXPIRES")
			for _, inv := range invites {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", inv.Code, inv.Role, scopeName(tree, inv.UnitID),
					inviteState(tx, inv, loc), inv.ExpiresAt.In(loc).Format(time.DateTime))
			}
			return w.Flush()
		})
	})
}

// inviteState says whether an invite is open, used (by whom), expired or revoked.
func inviteState(tx nb.Tx, inv *nb.Invite, loc *time.Location) string {
	switch {
	case inv.RedeemedBy != 0:
		name := fmt.Sprint("#", inv.RedeemedBy)
		if p, err := tx.FindPersonByID(inv.RedeemedBy); err == nil {
			name = p.Name
		}
		return "used by " + name + " " + inv.RedeemedAt.In(loc).Format(time.DateOnly)
	case !inv.RevokedAt.IsZero():
		return "revoked " + inv.RevokedAt.In(loc).Format(time.DateOnly)
	case !tx.Now().Before(inv.ExpiresAt):
		return "expired"
	}
	return "open"
}

// runInviteRevoke makes an unused code unusable.
func runInviteRevoke(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("invite revoke", sys)
	var code string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		code, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if code == "" {
		return fmt.Errorf("%w: invite revoke CODE", errUsage)
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		err := db.Update(ctx, func(tx nb.Tx) error { _, err := tx.RevokeInvite(code); return err })
		if err != nil {
			return fmt.Errorf("invite revoke: %s (see neighborbot invite list)", explain(err))
		}
		fmt.Fprintf(sys.Out, "revoked invite code %s\n", code)
		return nil
	})
}

func loadTree(tx nb.Tx) (nb.UnitTree, error) {
	units, err := tx.ListUnits()
	if err != nil {
		return nil, err
	}
	return nb.NewUnitTree(units), nil
}

// scopeName is a unit's name, or "(everywhere)" for a global scope.
func scopeName(tree nb.UnitTree, id int64) string {
	if id == 0 {
		return "(everywhere)"
	}
	return tree.Name(id)
}
