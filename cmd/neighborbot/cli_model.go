package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// modelSource names the model the configuration runs, as `neighborbot
// model` and the start log show it: the built-in one, or the file with the
// time it was written.
func modelSource(cfg config.Config) string {
	if cfg.Intake.Model == "" {
		return "embedded (trained on the built-in corpus)"
	}
	src := cfg.Intake.Model
	if st, err := os.Stat(cfg.Intake.Model); err == nil {
		src += " (written " + st.ModTime().Format("2006-01-02 15:04") + ")"
	}
	return src
}

// logModel says once at start which model runs, what it was trained from,
// how it scored then, and what it is made of (the first lines of
// `neighborbot model`; its score now needs the recorded decisions, which
// only that command reads).
func logModel(logger *slog.Logger, cfg config.Config, m *intake.Model) {
	info := m.Info()
	logger.Info("model loaded", "model", modelSource(cfg), "trained", info.Training.Summary(),
		"training_check", info.Training.CheckSummary(), "features", info.Features,
		"categories", len(info.Categories), "category_models", info.CategoryModels,
		"concern_detector", info.Concern, "calibrated", info.Calibrated,
		"urgency_model", info.UrgencyModel, "ack_threshold", info.AckThreshold)
}

// runModel implements `neighborbot model`: which model the configuration
// runs, when and from what it was trained and how it scored then (its
// training record), what it is made of, and — when the database holds
// recorded decisions — how it scores on them now.
func runModel(ctx context.Context, args []string, sys IO) error {
	flags, path := newFlags("model", sys)
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path, sys)
	if err != nil {
		return err
	}
	m, err := loadModel(cfg)
	if err != nil {
		return err
	}
	info := m.Info()
	fmt.Fprintf(sys.Out, "model: %s\ntrained from: %s\nheld-out check at training: %s\n"+
		"features: %d; categories (%d): %s; category ensemble of %d model(s), %d character trigrams\nconcern detector: %v, calibrated: %v (weighing coverage: %v); urgency classifier: %v; register prior: %v; acknowledgement threshold: %.2f\n",
		modelSource(cfg), info.Training.Summary(), info.Training.CheckSummary(),
		info.Features, len(info.Categories), strings.Join(info.Categories, " "), info.CategoryModels,
		info.CategoryTrigrams, info.Concern, info.Calibrated,
		info.CoverageWeighted, info.UrgencyModel, info.RegisterPrior, info.AckThreshold)
	fmt.Fprintln(sys.Out, "(the configured model: a running bot keeps the one it loaded at start, named by its /healthz?detail=1; restart it after changing intake.model)")
	if _, err := os.Stat(cfg.Database); cfg.DatabaseDriver() == "sqlite" && errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(sys.Out, "no database at %s: no recorded decisions to score on\n", cfg.Database)
		return nil
	}
	return withStore(ctx, *path, sys, func(_ config.Config, db *store.DB) error {
		exs, err := decisions(ctx, db, timeZero)
		if err != nil {
			return err
		}
		if len(exs) == 0 {
			fmt.Fprintln(sys.Out, "no recorded decisions yet to score on")
			return nil
		}
		rep := intake.Evaluate(m, &intake.Dataset{Examples: exs, HasConcern: true})
		fmt.Fprintf(sys.Out, "on %s (%s): concern precision %.3f recall %.3f F1 %.3f; category macro-F1 %.3f\n",
			intake.Plural(len(exs), "recorded decision"), tally(exs), rep.ConcernPrecision, rep.ConcernRecall, rep.ConcernF1, rep.MacroF1)
		return nil
	})
}
