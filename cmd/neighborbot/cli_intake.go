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

// runUnderstand implements `neighborbot understand [--model MODEL]`: reads
// messages from stdin (one per line), prints one JSON object per line with
// text, concern, confidence, category, location, location_norm, urgent and
// priority.
func runUnderstand(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return intake.RunUnderstand(args, stdin, stdout, stderr)
}
