package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// newFlags returns a flag set for verb with the common -config flag. Its
// errors are reported once by Main (not by the flag package); -h prints
// the verb's help and its flags on standard output.
func newFlags(verb string, sys IO) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("neighborbot "+verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		if !printVerbHelp(sys.Out, strings.Fields(verb)[0]) {
			fmt.Fprintf(sys.Out, "neighborbot %s\n", verb)
		}
		fmt.Fprintf(sys.Out, "\nFlags of %q:\n", "neighborbot "+verb)
		fs.SetOutput(sys.Out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	path := fs.String("config", "", "config file (default $NEIGHBORBOT_CONFIG, else ./neighborbot.yaml if present, else built-in defaults)")
	return fs, path
}

// parseFlags parses args, turning a flag error into a usage error. The
// verb's help is printed only when asked for (-h), not after a mistake.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := parseFlagsAndArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}

// parseFlagsAndArgs is parseFlags for a verb that also takes arguments
// after its flags (fs.Args()).
func parseFlagsAndArgs(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if err == flag.ErrHelp {
			usage()
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// loadConfig loads the config from -config or NEIGHBORBOT_CONFIG and the environment.
func loadConfig(flagPath string, sys IO) (config.Config, error) {
	return config.Load(config.PathFrom(flagPath, sys.Getenv), sys.Getenv)
}

// newLogger builds the slog logger the config asks for.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens (and migrates) the configured database: a SQLite file,
// or PostgreSQL when the database is a postgres:// URL.
func openStore(ctx context.Context, cfg config.Config, opts ...store.Option) (*store.DB, error) {
	if !cfg.DatabaseCheck {
		opts = append(opts, store.WithoutCheck())
	}
	db, err := store.Open(ctx, cfg.Database, opts...)
	if err != nil {
		name := dbName(cfg)
		if strings.Contains(err.Error(), name) {
			return nil, err // it names the database already, and says what to do
		}
		return nil, fmt.Errorf("database %s: %w", name, err)
	}
	return db, nil
}

// loadModel returns the message-understanding model the config names,
// with the configured taxonomy.
func loadModel(cfg config.Config) (*intake.Model, error) {
	return loadModelNamed(cfg, "config: intake.model")
}

// loadModelOr is loadModel with the model file a verb's -model flag names,
// if it names one: an error then names the flag, not the configuration.
func loadModelOr(cfg config.Config, flagModel string) (*intake.Model, error) {
	if flagModel == "" {
		return loadModel(cfg)
	}
	cfg.Intake.Model = flagModel
	return loadModelNamed(cfg, "-model")
}

// loadModelNamed is loadModel, with an error about the file prefixed by
// what named it.
func loadModelNamed(cfg config.Config, source string) (*intake.Model, error) {
	var m *intake.Model
	var err error
	threshold := intake.WithAckThreshold(cfg.Intake.AckThreshold)
	if cfg.Intake.Model != "" {
		m, err = intake.Load(cfg.Intake.Model, threshold)
	} else {
		m, err = intake.Default(threshold)
	}
	if err != nil && cfg.Intake.Model != "" { // name the key or the flag, as for every invalid setting
		return nil, fmt.Errorf("%s: %w", source, err)
	} else if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	if len(cfg.Categories) > 0 {
		m = m.WithTaxonomy(taxonomy(cfg.Categories))
	}
	return m, nil
}

func taxonomy(cats []config.Category) []intake.Category {
	out := make([]intake.Category, len(cats))
	for i, c := range cats {
		out[i] = intake.Category{Name: c.Name, Keywords: c.Keywords, OwnerKind: c.OwnerKind, Priority: c.Priority}
	}
	return out
}

// timeLimits converts the configured policy to the domain's.
func timeLimits(cfg config.Config) nb.TimeLimits {
	t := cfg.TimeLimits
	return nb.TimeLimits{Urgent: t.Urgent.Duration, Utilities: t.Utilities.Duration, General: t.General.Duration,
		Complex: t.Complex.Duration, WhistleAck: t.WhistleAck.Duration, Acceptance: t.Acceptance.Duration}
}

// findUnit resolves a unit by name for the CLI.
func findUnit(ctx context.Context, db nb.Store, name string) (*nb.Unit, error) {
	var u *nb.Unit
	err := db.View(ctx, func(tx nb.Tx) error {
		units, err := tx.ListUnits()
		if err != nil {
			return err
		}
		u, err = nb.FindUnit(units, name)
		return err
	})
	return u, err
}

// explain is what the CLI prints for err: the message of a domain error,
// or the whole error when something broke inside.
func explain(err error) string {
	if nb.ErrorCode(err) == nb.EINTERNAL {
		return err.Error()
	}
	return nb.ErrorMessage(err)
}

// withStore loads the config named by flagPath, opens its existing
// database (an admin verb never creates one: a mistyped path is an error),
// runs fn and closes the database.
func withStore(ctx context.Context, flagPath string, sys IO, fn func(config.Config, *store.DB) error, opts ...store.Option) error {
	cfg, err := loadConfig(flagPath, sys)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg, append([]store.Option{store.MustExist()}, opts...)...)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(cfg, db)
}

// location is the configured time zone (validated when the config loaded).
func location(cfg config.Config) *time.Location {
	if loc, err := time.LoadLocation(cfg.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// inboxLanes is engine.lanes, or when it is 0 what suits the database: one
// loop on SQLite (one writer: more would only take turns), four on
// PostgreSQL, where a loop's transactions mostly wait for round trips to
// the server (docs/PERFORMANCE.md, "Lanes").
func inboxLanes(cfg config.Config) int {
	switch {
	case cfg.Engine.Lanes > 0:
		return cfg.Engine.Lanes
	case cfg.DatabaseDriver() == "postgres":
		return 4
	default:
		return 1
	}
}
