package intake

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// ErrUsage marks an error in how RunTrain or RunEval were called (a wrong
// or missing flag), as opposed to a failure while running.
var ErrUsage = errors.New("usage error")

// usageError wraps a flag error in ErrUsage; flag.ErrHelp stays as it is.
func usageError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrUsage, err)
}

// RunTrain implements `neighborbot train -data FILE -out MODEL`. Besides
// the model it trains a second one without every fifth row of the file and
// scores it on them (CheckHeldOut); the model file records that check with
// when and from what it was trained (Training).
func RunTrain(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "training data (TSV with a header row)")
	out := fs.String("out", "", "where to write the model")
	ack := fs.Float64("ack-threshold", DefaultAckThreshold, "confidence above which reports are acknowledged")
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	if *data == "" || *out == "" {
		return fmt.Errorf("%w: train: -data and -out are required", ErrUsage)
	}
	ds, err := ReadTSVFile(*data)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	m, err := Train(ds, WithAckThreshold(*ack))
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	check, checkErr := checkFile(ds, *ack)
	m = m.WithTraining(Training{At: time.Now(), From: FromFile, File: filepath.Base(*data), Rows: len(ds.Examples),
		Corpus: DatasetDigest(ds), Check: check})
	if err := m.Save(*out); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(stdout, "trained on %s: %s %q, concern detector: %v, %s (+%s for the %d-model category ensemble) → %s\n",
		Plural(len(ds.Examples), "message"), Plural(len(m.Labels()), "category"), m.Labels(), m.data.Concern != nil,
		Plural(len(m.data.Features), "feature"), Plural(len(m.data.CatFeatures), "character trigram"),
		1+len(m.data.CategoryMore), *out)
	if checkErr != nil {
		fmt.Fprintf(stdout, "held-out check: none (%v)\n", checkErr)
	} else {
		fmt.Fprintf(stdout, "held-out check: %s\n", m.Training().CheckSummary())
	}
	return nil
}

// checkFile is RunTrain's held-out check: a model trained without every
// fifth row of ds, scored on them; nil without an error when ds has fewer
// than five rows.
func checkFile(ds *Dataset, ack float64) (*Check, error) {
	learn, held := SplitForCheck(ds.Examples)
	if len(held) == 0 {
		return nil, nil
	}
	part := func(exs []Example) *Dataset {
		return &Dataset{Examples: exs, HasConcern: ds.HasConcern, HasUrgent: ds.HasUrgent, HasLocation: ds.HasLocation}
	}
	m, err := Train(part(learn), WithAckThreshold(ack))
	if err != nil {
		return nil, err
	}
	return NewCheck(Evaluate(m, part(held)), len(ds.Examples), ds.HasConcern), nil
}

// RunEval implements `neighborbot eval -data FILE [-model MODEL] [-json]`.
func RunEval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "evaluation data (TSV with a header row)")
	model := fs.String("model", "", "model file (default: the embedded model)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	if *data == "" {
		return fmt.Errorf("%w: eval: -data is required", ErrUsage)
	}
	m, err := openModel(*model)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	ds, err := ReadTSVFile(*data)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	rep := Evaluate(m, ds)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	return rep.WriteText(stdout)
}

// RunUnderstand implements `neighborbot understand [-model MODEL]`: one
// message per input line, one JSON Result per output line.
func RunUnderstand(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("understand", flag.ContinueOnError)
	fs.SetOutput(stderr)
	model := fs.String("model", "", "model file (default: the embedded model)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := openModel(*model)
	if err != nil {
		return fmt.Errorf("understand: %w", err)
	}
	return UnderstandLines(m, stdin, stdout)
}

// UnderstandLines reads one message per line from stdin and writes how m
// reads each as one JSON object per line to stdout.
func UnderstandLines(m *Model, stdin io.Reader, stdout io.Writer) error {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if err := enc.Encode(m.Understand(line)); err != nil {
			return fmt.Errorf("understand: %w", err)
		}
	}
	return sc.Err()
}

func openModel(path string) (*Model, error) {
	if path == "" {
		return Default()
	}
	return Load(path)
}
