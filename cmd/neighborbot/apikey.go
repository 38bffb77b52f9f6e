package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runAPIKey implements "apikey create -name NAME -unit UNIT", "apikey list"
// and "apikey revoke NAME": the keys of Open311 clients.
func runAPIKey(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: apikey create|list|revoke", errUsage)
	}
	switch args[0] {
	case "create":
		return runAPIKeyCreate(ctx, args[1:], sys)
	case "list":
		fs, path := newFlags("apikey list", sys)
		if err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error { return listAPIKeys(ctx, cfg, db, sys) })
	case "revoke":
		return runAPIKeyRevoke(ctx, args[1:], sys)
	}
	return fmt.Errorf("%w: apikey create|list|revoke, not %q", errUsage, args[0])
}

// runAPIKeyCreate stores a new key for a unit and prints it alone on the
// last line: it is shown this once (only its hash is kept).
func runAPIKeyCreate(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("apikey create", sys)
	name := fs.String("name", "", "who holds the key (an app, a hotline), unique")
	unit := fs.String("unit", "", "the unit whose group gets the requests made with it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" || strings.TrimSpace(*unit) == "" {
		return fmt.Errorf("%w: apikey create -name NAME -unit UNIT", errUsage)
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		u, err := findUnit(ctx, db, *unit)
		if err != nil {
			return fmt.Errorf("-unit: %s", explain(err))
		}
		key, hash := nb.NewAPIKey()
		k := &nb.APIKey{Name: strings.TrimSpace(*name), UnitID: u.ID, Hash: hash, Prefix: nb.APIKeyPrefix(key)}
		if err := db.CreateAPIKey(ctx, k); err != nil {
			return fmt.Errorf("%s", explain(err))
		}
		fmt.Fprintf(sys.Out, "API key %q for %s; Open311 clients send it as api_key. It is shown only now: keep it secret.\n",
			k.Name, u.Name)
		fmt.Fprintln(sys.Out, key)
		return nil
	})
}

// listAPIKeys prints the keys: name, unit, the key's first characters, state.
func listAPIKeys(ctx context.Context, cfg config.Config, db *store.DB, sys IO) error {
	keys, err := db.ListAPIKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		fmt.Fprintln(sys.Out, "no API keys yet (create one with: neighborbot apikey create -name NAME -unit UNIT)")
		return nil
	}
	var tree nb.UnitTree
	if err := db.View(ctx, func(tx nb.Tx) (err error) { tree, err = loadTree(tx); return err }); err != nil {
		return err
	}
	w := newTable(sys.Out)
	fmt.Fprintln(w, "NAME\tUNIT\tKEY\tCREATED\tSTATE")
	for _, k := range keys {
		state := "active"
		if !k.Active() {
			state = "revoked " + k.RevokedAt.In(location(cfg)).Format(time.DateOnly)
		}
		fmt.Fprintf(w, "%s\t%s\t%s…\t%s\t%s\n", k.Name, tree.Name(k.UnitID), k.Prefix,
			k.CreatedAt.In(location(cfg)).Format(time.DateOnly), state)
	}
	return w.Flush()
}

// runAPIKeyRevoke makes a key unusable at once.
func runAPIKeyRevoke(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("apikey revoke", sys)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: apikey revoke NAME", errUsage)
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		if err := db.RevokeAPIKey(ctx, fs.Arg(0)); err != nil {
			return fmt.Errorf("%s", explain(err))
		}
		fmt.Fprintf(sys.Out, "API key %q revoked\n", fs.Arg(0))
		return nil
	})
}
