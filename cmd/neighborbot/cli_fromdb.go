package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// fromDB reports whether args ask for the community's own decisions.
func fromDB(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool {
		a = strings.TrimLeft(a, "-")
		return a == "from-db" || strings.HasPrefix(a, "from-db=")
	})
}

// runTrainVerb implements `neighborbot train`: from a file, or with -from-db
// from the built-in corpus plus the officers' and reporters' decisions in
// the database (handlers.Decisions), each counted -weight times.
func runTrainVerb(ctx context.Context, args []string, sys IO) error {
	if !fromDB(args) {
		return runTrain(args, sys)
	}
	fs, path := newFlags("train", sys)
	fs.Bool("from-db", true, "learn from the decisions recorded in the database")
	since := fs.String("since", "", "only cases reported on or after this day (YYYY-MM-DD, in the configured timezone)")
	out := fs.String("out", "", "where to write the model")
	weight := fs.Int("weight", 5, "how many built-in corpus messages one recorded decision weighs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || *weight < 1 {
		return fmt.Errorf("%w: train -from-db needs -out MODEL (and -weight ≥ 1)", errUsage)
	}
	day, err := parseSince(*since)
	if err != nil {
		return err
	}
	if err := checkWritable(*out); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		from := inZone(day, location(cfg))
		exs, err := decisions(ctx, db, from)
		if err != nil {
			return err
		}
		if len(exs) == 0 {
			return fmt.Errorf("train: %s (dismissed, withdrawn, confirmed, accepted or re-categorised cases)", noDecisions(*since))
		}
		fmt.Fprintln(sys.Err, trainingNotice(exs))
		return trainFromDB(cfg, exs, *weight, from, *out, sys)
	})
}

// trainingNotice says, before train -from-db starts, what it trains on,
// whether a second model follows for the held-out check (five decisions
// or more: checkDecisions) and how long it takes.
func trainingNotice(exs []intake.Example) string {
	s := fmt.Sprintf("training on the built-in corpus plus %s (%s)", intake.Plural(len(exs), "recorded decision"), tally(exs))
	if _, held := intake.SplitForCheck(exs); len(held) > 0 {
		s += ", then a second model for the held-out check"
	}
	return s + ": about a minute…"
}

// checkWritable makes sure a model can be written to path before minutes
// of training: its folder exists and the file can be created or written.
// It leaves an existing file as it was and removes one it created.
func checkWritable(path string) error {
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return fmt.Errorf("cannot write the model to %s: it is a folder", path)
	}
	existed := err == nil
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write the model to %s: %w", path, err)
	}
	f.Close()
	if !existed {
		return os.Remove(path)
	}
	return nil
}

// noDecisions says that no decisions were found, since the day -since
// names if it does.
func noDecisions(since string) string {
	if since == "" {
		return "no decisions recorded yet"
	}
	return "no decisions recorded on cases reported since " + since
}

// trainFromDB trains on the built-in corpus plus the decisions exs (of
// cases reported since from), makes the held-out check, and writes the
// model with its training record to out.
func trainFromDB(cfg config.Config, exs []intake.Example, weight int, from time.Time, out string, sys IO) error {
	ds, rec, err := builtinPlus(exs, weight)
	if err != nil {
		return err
	}
	m, err := intake.Train(ds, intake.WithAckThreshold(cfg.Intake.AckThreshold))
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	rec.At, rec.Since = time.Now(), from
	if rec.Check, err = checkDecisions(cfg, exs, weight); err != nil {
		return err
	}
	m = m.WithTraining(rec)
	if err := m.Save(out); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(sys.Out, "trained on the %s → %s\nheld-out check: %s\nto use it: set intake.model: %s in the config and restart the bot\n",
		m.Training().Summary(), out, rec.CheckSummary(), out)
	return nil
}

// builtinPlus returns the built-in corpus with each of exs appended weight
// times, and the record of that training but its time, date and check.
func builtinPlus(exs []intake.Example, weight int) (*intake.Dataset, intake.Training, error) {
	ds, err := intake.BuiltinCorpus()
	if err != nil {
		return nil, intake.Training{}, err
	}
	rec := intake.Training{From: intake.FromBuiltinDecisions, Rows: len(ds.Examples), Corpus: intake.DatasetDigest(ds),
		Decisions: len(exs), Weight: weight}
	for _, ex := range exs {
		if ex.Concern == 0 {
			rec.NotConcern++
		}
		for range weight {
			ds.Examples = append(ds.Examples, ex)
		}
	}
	return ds, rec, nil
}

// checkDecisions is train -from-db's held-out check: a model trained on
// the built-in corpus and all but every fifth decision, scored on those
// as the bot reads (the configured threshold and categories); nil below
// five decisions.
func checkDecisions(cfg config.Config, exs []intake.Example, weight int) (*intake.Check, error) {
	learn, held := intake.SplitForCheck(exs)
	if len(held) == 0 {
		return nil, nil
	}
	ds, _, err := builtinPlus(learn, weight)
	if err != nil {
		return nil, err
	}
	m, err := intake.Train(ds, intake.WithAckThreshold(cfg.Intake.AckThreshold))
	if err != nil {
		return nil, fmt.Errorf("train: held-out check: %w", err)
	}
	if len(cfg.Categories) > 0 {
		m = m.WithTaxonomy(taxonomy(cfg.Categories))
	}
	rep := intake.Evaluate(m, &intake.Dataset{Examples: held, HasConcern: true})
	return intake.NewCheck(rep, len(exs), true), nil
}

// runEvalVerb implements `neighborbot eval`: on a file (-data), or with
// -from-db on the decisions recorded in the database, with the configured
// model (and taxonomy) unless -model names another, as the bot reads.
func runEvalVerb(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("eval", sys)
	data := fs.String("data", "", "labelled messages: TSV with a header row (text, and any of concern, category, location, urgent)")
	fromDB := fs.Bool("from-db", false, "evaluate on the decisions recorded in the database")
	since := fs.String("since", "", "with -from-db: only cases reported on or after this day (YYYY-MM-DD, in the configured timezone)")
	model := fs.String("model", "", "model file (default: the configured one, else the embedded model)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*data == "") == !*fromDB || (*since != "" && !*fromDB) {
		return fmt.Errorf("%w: eval needs -data FILE or -from-db (-since goes with -from-db)", errUsage)
	}
	day, err := parseSince(*since)
	if err != nil {
		return err
	}
	report := func(cfg config.Config, ds *intake.Dataset, header string) error {
		m, err := loadModelOr(cfg, *model)
		if err != nil {
			return err
		}
		rep := intake.Evaluate(m, ds)
		if *asJSON {
			return json.NewEncoder(sys.Out).Encode(rep)
		}
		fmt.Fprint(sys.Out, header)
		return rep.WriteText(sys.Out)
	}
	if *data != "" {
		cfg, err := loadConfig(*path, sys)
		if err != nil {
			return err
		}
		ds, err := intake.ReadTSVFile(*data)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		return report(cfg, ds, "")
	}
	return withStore(ctx, *path, sys, func(cfg config.Config, db *store.DB) error {
		exs, err := decisions(ctx, db, inZone(day, location(cfg)))
		if err != nil {
			return err
		}
		if len(exs) == 0 {
			return errors.New("eval: " + noDecisions(*since))
		}
		return report(cfg, &intake.Dataset{Examples: exs, HasConcern: true},
			fmt.Sprintf("recorded decisions: %d (%s)\n", len(exs), tally(exs)))
	})
}

func decisions(ctx context.Context, db *store.DB, since time.Time) ([]intake.Example, error) {
	var exs []intake.Example
	err := db.View(ctx, func(tx nb.Tx) (err error) {
		exs, err = handlers.Decisions(tx, since)
		return err
	})
	return exs, err
}

var timeZero time.Time

// parseSince reads -since: a day (its midnight in UTC, for inZone), or
// the zero time when s is empty.
func parseSince(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: -since %q: want YYYY-MM-DD", errUsage, s)
	}
	return t, nil
}

// inZone is the start of day in loc, the configured time zone, where the
// community's days begin (not the machine's); the zero time stays zero.
func inZone(day time.Time, loc *time.Location) time.Time {
	if day.IsZero() {
		return day
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// tally says how many of the decisions exs say "not a concern" and how
// many a concern.
func tally(exs []intake.Example) string {
	not := 0
	for _, ex := range exs {
		if ex.Concern == 0 {
			not++
		}
	}
	return fmt.Sprintf("%d not a concern, %s", not, intake.Plural(len(exs)-not, "concern"))
}
