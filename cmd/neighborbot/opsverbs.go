package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/store"
)

// runConfig implements "neighborbot config": the effective configuration,
// secrets redacted, each value with where it came from.
func runConfig(args []string, sys IO) error {
	fs, path := newFlags("config", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	file := config.PathFrom(*path, sys.Getenv)
	settings, err := config.Explain(file, sys.Getenv)
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Out, "# config file: %s\n", configName(file))
	w := newTable(sys.Out)
	fmt.Fprintln(w, "KEY\tVALUE\tFROM")
	for _, s := range settings {
		from := s.Source
		if from == "file" {
			from = file
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.Key, s.Value, from)
	}
	return w.Flush()
}

// configName names the config file in messages, or says there is none.
func configName(path string) string {
	if path == "" {
		return "none (built-in defaults and NEIGHBORBOT_* variables)"
	}
	return absPath(path)
}

// dbName names the configured database in messages: a file by its full
// path, a URL without its password.
func dbName(cfg config.Config) string {
	if cfg.DatabaseDriver() == "sqlite" {
		return absPath(cfg.Database)
	}
	return cfg.Redacted().Database
}

// runMigrate brings the schema up to date and names each migration applied.
func runMigrate(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("migrate", sys)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		before, err := db.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		after, err := db.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		names := store.MigrationNames()
		for _, name := range names[min(before, after, len(names)):min(after, len(names))] {
			fmt.Fprintf(sys.Out, "applied %s\n", name)
		}
		if before == after {
			fmt.Fprintf(sys.Out, "database %s: no migration to apply; ", dbName(cfg))
		} else {
			fmt.Fprintf(sys.Out, "database %s: ", dbName(cfg))
		}
		fmt.Fprintf(sys.Out, "schema version %d (latest %d)\n", after, store.LatestVersion())
		return nil
	}, store.MayCreate(), store.WithoutMigrate())
}

// runHealthcheck implements "neighborbot healthcheck": asks a running bot's
// /healthz and fails unless it answers that it can serve.
func runHealthcheck(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("healthcheck", sys)
	url := fs.String("url", "", "the /healthz URL (default: from http_addr)")
	timeout := fs.Duration("timeout", 5*time.Second, "how long to wait for the answer")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *url == "" {
		cfg, err := loadConfig(*path, sys)
		if err != nil {
			return err
		}
		*url = healthURL(cfg.HTTPAddr)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return fmt.Errorf("%w: -url: %v", errUsage, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: no answer from %s (is the bot running, on this address?): %w", *url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s: %s", *url, resp.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(sys.Out, "ok: %s\n", *url)
	return nil
}

// healthURL is the /healthz URL of a server listening on addr; an address
// on all interfaces is asked on loopback.
func healthURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/healthz"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz"
}
