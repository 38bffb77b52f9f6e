package intake

import (
	"math"
	"testing"
)

// TestBuiltinCorpusNaturalOnlyRows: the files of naturalOnlyFiles are no
// test files, and join the built-in corpus (with shipNaturalMix; without
// it, the corpus holds no natural weight) as rows that train the
// natural-only detector only, each unit's reports weighing as much as its
// chit-chat (units of chit-chat only aside); the natural rows of naturalDevFiles carry a natural weight
// too.
func TestBuiltinCorpusNaturalOnlyRows(t *testing.T) {
	want := trainingRows(t, naturalOnlyFiles)
	// units of chit-chat only (personal text messages: dev-s23b, dev-s24b)
	// have no reports to balance (testdata/ACKS-CV-10.md)
	chatOnly := chatOnlyUnitsWeight(t, naturalOnlyFiles)
	ds, err := BuiltinCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if !shipNaturalMix {
		for _, ex := range ds.Examples {
			if ex.natW > 0 {
				t.Fatalf("row %q has a natural weight, but shipNaturalMix is off", ex.Text)
			}
		}
		if ds, err = withNaturalOnly(ds, naturalDevFiles, naturalOnlyFiles); err != nil {
			t.Fatal(err)
		}
	}
	only, devWeighted := 0, 0
	chat, reports := map[int]float64{}, map[int]float64{}
	for _, ex := range ds.Examples {
		switch {
		case ex.naturalOnly():
			only++
			if ex.Category != "" || ex.Urgent != -1 || !ex.addsNoFeatures || ex.natY < 0 || ex.natY > 1 {
				t.Fatalf("natural-only row %q: category %q urgent %d label %d", ex.Text, ex.Category, ex.Urgent, ex.natY)
			}
			if ex.natY == 1 {
				reports[ex.group] += ex.natW
			} else {
				chat[ex.group] += ex.natW
			}
		case ex.natW > 0:
			devWeighted++
			if ex.group == 0 || ex.Concern < 0 {
				t.Fatalf("row %q has a natural weight but is no natural concern row", ex.Text)
			}
		case ex.group > 0 && ex.Concern >= 0:
			t.Fatalf("natural concern row %q has no natural weight", ex.Text)
		}
	}
	if only != want || want < 2000 {
		t.Errorf("%d natural-only rows, want the %d rows of naturalOnlyFiles (≥ 2000)", only, want)
	}
	if devWeighted < 1500 {
		t.Errorf("%d natural rows of the dev files weighted for the natural-only detector, want ≥ 1500", devWeighted)
	}
	// both classes weigh about the same over the natural-only rows of units
	// holding both (units balance exactly; duplicates of text across files
	// move it a little)
	var c, r float64
	for g := range chat {
		c, r = c+chat[g], r+reports[g]
	}
	if c -= chatOnly; math.Abs(c-r) > 0.02*c {
		t.Errorf("natural-only rows: chit-chat weighs %.1f (besides %.1f in units of chit-chat only), reports %.1f, want about the same",
			c, chatOnly, r)
	}
}

// trainingRows counts the rows of files, failing the test for any test
// file among them (it must not train).
func trainingRows(t *testing.T, files []string) int {
	t.Helper()
	n := 0
	for _, f := range files {
		if isTestFile(f) {
			t.Errorf("%s is a test file: it must not train", f)
		}
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(ds.Examples)
	}
	return n
}

// chatOnlyUnitsWeight is the natural weight of the chit-chat of the units
// of files (naturalUnit) that hold no report.
func chatOnlyUnitsWeight(t *testing.T, files []string) float64 {
	t.Helper()
	unitChat, unitReports := map[string]int{}, map[string]int{}
	for _, f := range files {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			if ex.Concern == 1 {
				unitReports[naturalUnit(f)]++
			} else {
				unitChat[naturalUnit(f)]++
			}
		}
	}
	w := 0.0
	for u, n := range unitChat {
		if unitReports[u] == 0 {
			w += float64(n) * NaturalConcernWeight
		}
	}
	return w
}
