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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []row
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 fields, got %d", path, line, len(fields))
		}
		base := row{text: fields[0], concern: boolInt(fields[1] == "1"), category: fields[2]}
		out = append(out, base)
		for i := 1; i < handwrittenVariants; i++ {
			v := base
			v.text, _ = goldLocation(style(rng, base.text, base.concern == 1))
			out = append(out, v)
		}
	}
	return out, sc.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
