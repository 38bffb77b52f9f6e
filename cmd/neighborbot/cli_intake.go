package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/neighborbot/neighborbot/intake"
)

// runTrain implements `neighborbot train -data FILE -out MODEL
// [-ack-threshold X]`; it takes -config like every verb, and the threshold
// defaults to the configured intake.ack_threshold, as with -from-db.
func runTrain(args []string, sys IO) error {
	fs, path := newFlags("train", sys)
	data := fs.String("data", "", "training data: TSV with a header row (text, and any of concern, category, location, urgent, weight)")
	out := fs.String("out", "", "where to write the model")
	ack := fs.Float64("ack-threshold", 0, "confidence above which reports are acknowledged (default: intake.ack_threshold)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path, sys)
	if err != nil {
		return err
	}
	if *ack == 0 {
		*ack = cfg.Intake.AckThreshold
	}
	if *out != "" {
		if err := checkWritable(*out); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	return intakeVerb("train", intake.RunTrain, []string{"-data", *data, "-out", *out, "-ack-threshold", strconv.FormatFloat(*ack, 'g', -1, 64)}, sys)
}

// intakeVerb runs one of intake's flag-parsing commands the way the other
// verbs run: its mistakes are usage errors reported once by Main, and -h
// prints the verb's help.
func intakeVerb(verb string, run func([]string, io.Writer, io.Writer) error, args []string, sys IO) error {
	err := run(args, sys.Out, io.Discard)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printVerbHelp(sys.Out, verb)
	case errors.Is(err, intake.ErrUsage):
		return fmt.Errorf("%w: %s", errUsage, strings.TrimPrefix(err.Error(), intake.ErrUsage.Error()+": "))
	}
	return err
}

// runUnderstand implements `neighborbot understand [-config PATH] [-model
// MODEL] [MESSAGE ...]`: reads messages from the arguments, each one a
// message, or else from stdin (one per line) and prints how the bot
// reads each, one JSON object per line (text, concern, confidence,
// category, location, location_norm, urgent, priority, ack). Without -model it
// uses the model and the category taxonomy of the configuration, as the
// running bot does.
func runUnderstand(args []string, sys IO) error {
	fs, path := newFlags("understand", sys)
	model := fs.String("model", "", "model file (default: the configured one, else the embedded model)")
	if err := parseFlagsAndArgs(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path, sys)
	if err != nil {
		return err
	}
	m, err := loadModelOr(cfg, *model)
	if err != nil {
		return err
	}
	return intake.UnderstandLines(m, messagesIn(fs.Args(), sys.In), sys.Out)
}

// messagesIn is what understand reads: its arguments, one message each (a
// line break inside one is read as a space), or else standard input.
func messagesIn(args []string, stdin io.Reader) io.Reader {
	if len(args) == 0 {
		return stdin
	}
	lines := make([]string, len(args))
	for i, a := range args {
		lines[i] = strings.Join(strings.Fields(a), " ")
	}
	return strings.NewReader(strings.Join(lines, "\n") + "\n")
}
