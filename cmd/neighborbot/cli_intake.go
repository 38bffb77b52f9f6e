package main

import (
	"io"

	"github.com/neighborbot/neighborbot/intake"
)

// runTrain implements `neighborbot train --data FILE --out MODEL`.
func runTrain(args []string, stdout, stderr io.Writer) error {
	return intake.RunTrain(args, stdout, stderr)
}

// runEval implements `neighborbot eval --data FILE [--model MODEL] [--json]`;
// prints accuracy, macro-F1, per-class P/R/F1, confusion matrix, concern
// P/R/F1, location exact, urgent recall, msgs/sec; --json prints one JSON
// object with keys accuracy, macro_f1, concern_precision, concern_recall,
// concern_f1, location_exact, urgent_recall, msgs_per_sec and more.
func runEval(args []string, stdout, stderr io.Writer) error {
	return intake.RunEval(args, stdout, stderr)
}

// runUnderstand implements `neighborbot understand [-config PATH] [-model
// MODEL]`: reads messages from stdin (one per line) and prints how the bot
// reads each, one JSON object per line (text, concern, confidence,
// category, location, location_norm, urgent, priority). Without -model it
// uses the model and the category taxonomy of the configuration, as the
// running bot does.
func runUnderstand(args []string, sys IO) error {
	fs, path := newFlags("understand", sys)
	model := fs.String("model", "", "model file (default: the configured one, else the embedded model)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path, sys)
	if err != nil {
		return err
	}
	if *model != "" {
		cfg.Intake.Model = *model
	}
	m, err := loadModel(cfg)
	if err != nil {
		return err
	}
	return intake.UnderstandLines(m, sys.In, sys.Out)
}
