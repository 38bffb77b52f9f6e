package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runInit writes a commented sample config.
func runInit(args []string, sys IO) error {
	fs, path := newFlags("init", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	out := *path
	if out == "" {
		out = config.DefaultFile
	}
	if err := config.WriteSample(out); err != nil {
		return err
	}
	if out == config.DefaultFile {
		fmt.Fprintf(sys.Out, "wrote %s; neighborbot run (in this folder) reads it\n", out)
	} else {
		fmt.Fprintf(sys.Out, "wrote %s; run with: neighborbot run -config %s\n", out, out)
	}
	return nil
}

// runInvite creates a one-time code for a role and prints it alone on the
// last line of standard output.
func runInvite(ctx context.Context, args []string, sys IO) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return runInviteList(ctx, args[1:], sys)
		case "revoke":
			return runInviteRevoke(ctx, args[1:], sys)
		case "create":
			args = args[1:]
		}
	}
	fs, path := newFlags("invite", sys)
	role := fs.String("role", "", "role to grant: officer, grid_worker, department, ambassador, admin")
	unit := fs.String("unit", "", "unit the role is scoped to (empty = everywhere, for admin)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if r := nb.Role(*role); !r.Valid() || r == nb.RoleResident {
		return fmt.Errorf("%w: -role must be one of officer, grid_worker, department, ambassador, admin", errUsage)
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		return createInvite(ctx, cfg, db, nb.Role(*role), *unit, sys)
	})
}

// createInvite stores a new invite and prints its code last.
func createInvite(ctx context.Context, cfg config.Config, db *store.DB, role nb.Role, unit string, sys IO) error {
	inv := &nb.Invite{Code: nb.NewCode(), Role: role}
	if unit != "" {
		u, err := findUnit(ctx, db, unit)
		if err != nil {
			return fmt.Errorf("-unit: %s", explain(err))
		}
		inv.UnitID = u.ID
	} else if inv.Role != nb.RoleAdmin {
		return fmt.Errorf("%w: -unit is required for role %s", errUsage, role)
	}
	err := db.Update(ctx, func(tx nb.Tx) error {
		inv.ExpiresAt = tx.Now().Add(cfg.InviteTTL.Duration)
		return tx.CreateInvite(inv)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Out, "Send this code to the bot in a private chat as \"#绑定 CODE\" or \"/bind CODE\"; it works once, until %s.\n",
		inv.ExpiresAt.In(location(cfg)).Format(time.DateTime))
	fmt.Fprintln(sys.Out, inv.Code)
	return nil
}

// runBackup writes a consistent copy of the database, also while the bot
// runs. A PostgreSQL database is backed up with pg_dump instead.
func runBackup(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("backup", sys)
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if cfg, err := loadConfig(*path, sys); err == nil && cfg.DatabaseDriver() == "postgres" {
		return errors.New("backup: the database is PostgreSQL: back it up with pg_dump while the bot runs, e.g. " +
			"pg_dump --format=custom --file=neighborbot.dump \"$NEIGHBORBOT_DB\", and restore with pg_restore " +
			"(docs/OPERATIONS.md, \"PostgreSQL\")")
	}
	if *out == "" {
		return fmt.Errorf("%w: -out FILE is required", errUsage)
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		if err := db.Backup(ctx, *out); err != nil {
			return err
		}
		fmt.Fprintf(sys.Out, "backed up %s to %s\n", cfg.Database, *out)
		return nil
	})
}
