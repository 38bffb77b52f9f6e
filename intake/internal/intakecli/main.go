// Command intakecli runs the intake train/eval/understand verbs without
// building cmd/neighborbot, which is handy while developing the package and
// for rebuilding the embedded default model:
//
//	go run ./intake/internal/intakecli             # retrain intake/model/default.gob.gz on the built-in corpus
//	go run ./intake/internal/intakecli eval -data intake/testdata/heldout_handwritten_2.tsv
//	echo 三号楼电梯困人了 | go run ./intake/internal/intakecli understand
package main

import (
	"fmt"
	"os"

	"github.com/neighborbot/neighborbot/intake"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return trainDefault("intake/model/default.gob.gz")
	}
	switch args[0] {
	case "train":
		return intake.RunTrain(args[1:], os.Stdout, os.Stderr)
	case "eval":
		return intake.RunEval(args[1:], os.Stdout, os.Stderr)
	case "understand":
		return intake.RunUnderstand(args[1:], os.Stdin, os.Stdout, os.Stderr)
	}
	return fmt.Errorf("unknown verb %q (want train, eval or understand)", args[0])
}

// trainDefault trains the embedded default model on the built-in corpus
// (the generated corpus and the real negatives, intake.BuiltinCorpus). Its
// training record names the corpus by its digest and leaves the time out,
// so that retraining on the same corpus writes the same bytes.
func trainDefault(out string) error {
	ds, err := intake.BuiltinCorpus()
	if err != nil {
		return err
	}
	m, err := intake.Train(ds)
	if err != nil {
		return err
	}
	m = m.WithTraining(intake.Training{From: intake.FromBuiltin, Rows: len(ds.Examples), Corpus: intake.DatasetDigest(ds)})
	if err := m.Save(out); err != nil {
		return err
	}
	fmt.Printf("trained on the %s → %s\n", m.Training().Summary(), out)
	return nil
}
