package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runCheck runs SQLite's full integrity check on the database; on
// PostgreSQL, which checks its own pages, it checks the connection and the
// schema version.
func runCheck(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("check", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		if err := db.QuickCheck(ctx, true); err != nil {
			return err
		}
		if db.Driver() == "postgres" {
			fmt.Fprintf(sys.Out, "database %s: ok (reachable, schema version %d); PostgreSQL checks its own pages: "+
				"see docs/OPERATIONS.md for data checksums and amcheck\n", dbName(cfg), store.LatestVersion())
			return nil
		}
		fmt.Fprintf(sys.Out, "database %s: ok\n", cfg.Database)
		return nil
	}, store.WithoutCheck())
}

// runInbox lists the incoming messages that were set aside after failing,
// or hands them back to the bot: "inbox list-failed", "inbox retry ID|--all".
func runInbox(ctx context.Context, args []string, sys IO) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: inbox needs list-failed or retry", errUsage)
	}
	sub, args := args[0], args[1:]
	fs, path := newFlags("inbox "+sub, sys)
	all := false
	if sub == "retry" {
		fs.BoolVar(&all, "all", false, "retry every set-aside message")
	}
	var ids []string
	if sub == "retry" && len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		ids, args = args[:1], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case sub == "list-failed":
		return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error { return listFailed(ctx, db, sys) })
	case sub == "retry" && (len(ids) == 1) != all:
		var id int64
		if !all {
			n, err := strconv.ParseInt(ids[0], 10, 64)
			if err != nil || n <= 0 {
				return fmt.Errorf("%w: inbox retry: %q is not a message id", errUsage, ids[0])
			}
			id = n
		}
		return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
			var n int64
			err := db.Update(ctx, func(tx nb.Tx) (err error) { n, err = tx.RetryInbox(id); return err })
			if err != nil {
				return err
			}
			fmt.Fprintf(sys.Out, "%d message(s) handed back to the bot; a running bot takes them within a second\n", n)
			return nil
		})
	case sub == "retry":
		return fmt.Errorf("%w: inbox retry needs one message id or --all", errUsage)
	}
	return fmt.Errorf("%w: unknown inbox command %q (list-failed, retry)", errUsage, sub)
}

// listFailed prints the set-aside messages: id, when, platform, chat and
// the error. The text is not printed (it may hold personal data).
func listFailed(ctx context.Context, db *store.DB, sys IO) error {
	var items []*nb.InboxItem
	if err := db.View(ctx, func(tx nb.Tx) (err error) { items, err = tx.ListFailedInbox(1000); return err }); err != nil {
		return err
	}
	if len(items) == 0 {
		fmt.Fprintln(sys.Out, "no messages were set aside")
		return nil
	}
	w := newTable(sys.Out)
	fmt.Fprintln(w, "ID\tRECEIVED\tPLATFORM\tCHAT\tERROR")
	for _, it := range items {
		var m bot.Message
		_ = json.Unmarshal(it.Payload, &m)
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", it.ID, it.ReceivedAt.Format(time.DateTime), it.Platform, it.ChatKey, it.Error)
	}
	return w.Flush()
}
