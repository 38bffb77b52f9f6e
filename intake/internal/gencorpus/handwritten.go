package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
)

// handwrittenVariants is how many styled copies of each hand-written
// training message go into the corpus (the first copy is verbatim).
const handwrittenVariants = 4

// handwrittenRows reads testdata/train_handwritten.tsv (text, concern,
// category) and returns each message verbatim plus styled variants.
func handwrittenRows(rng *rand.Rand, path string) ([]row, error) {
	var out []row
	err := eachTSVRow(path, 3, func(fields []string) error {
		base := row{text: fields[0], concern: boolInt(fields[1] == "1"), category: fields[2]}
		out = append(out, base)
		for i := 1; i < handwrittenVariants; i++ {
			v := base
			v.text, _ = goldLocation(style(rng, base.text, base.concern == 1))
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// eachTSVRow calls fn with the fields of every row after the header of a
// TSV file; a row with fewer than want fields is an error naming the line.
func eachTSVRow(path string, want int, fn func(fields []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < want {
			return fmt.Errorf("%s:%d: want %d fields, got %d", path, line, want, len(fields))
		}
		if err := fn(fields); err != nil {
			return err
		}
	}
	return sc.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
