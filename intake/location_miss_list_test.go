package intake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestListPlaceMisses lists, for the dev files given in
// NEIGHBORBOT_PLACE_MISSES (space-separated globs under testdata/), the
// reports whose gold place is not found ("miss") and the places found that
// overlap no gold place ("extra"), one line each, for grouping by kind. It
// refuses test files (isTestFile) and the session-12 out-of-sample sets
// (dev-s24*), whose rows are not to be read.
func TestListPlaceMisses(t *testing.T) {
	globs := os.Getenv("NEIGHBORBOT_PLACE_MISSES")
	if globs == "" {
		t.Skip("set NEIGHBORBOT_PLACE_MISSES='dev-s23a/dev.tsv dev-s20*/dev.tsv' to list place misses")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range strings.Fields(globs) {
		files, _ := filepath.Glob(filepath.Join("testdata", g))
		for _, path := range files {
			if isTestFile(path) || strings.Contains(path, "dev-s24") {
				t.Fatal(path + " is not to be read")
			}
			ds, err := ReadTSVFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimPrefix(filepath.ToSlash(path), "testdata/")
			for _, ex := range ds.Examples {
				if ex.Concern != 1 {
					continue
				}
				r := m.Understand(ex.Text)
				if len(ex.Location) > 0 && !overlapsAll(ex.Location, r.Location) {
					t.Logf("miss\t%s\t%q\tgot %q\t%s", name, ex.Location, r.Location, ex.Text)
				}
				if os.Getenv("NEIGHBORBOT_PLACE_EXACT") != "" && ex.HasLocation && !sameSet(ex.Location, r.Location) {
					t.Logf("inexact\t%s\t%q\tgot %q\t%s", name, ex.Location, r.Location, ex.Text)
				}
				for _, w := range r.Location {
					if !overlapsAll([]string{w}, ex.Location) {
						t.Logf("extra\t%s\t%q\tgold %q\t%s", name, w, ex.Location, ex.Text)
					}
				}
			}
		}
	}
}

// TestPlaceFigures prints, for each file listed (one path under testdata/ a
// line) in the file NEIGHBORBOT_PLACE_FIGURES names, the aggregate place
// figures of the default model: reports naming a place, found; location
// rows, exact; chit-chat rows, acknowledged; reports, acknowledged. No
// row is printed, so it may run on the unread dev sets.
func TestPlaceFigures(t *testing.T) {
	list := os.Getenv("NEIGHBORBOT_PLACE_FIGURES")
	if list == "" {
		t.Skip("set NEIGHBORBOT_PLACE_FIGURES=FILE (paths under testdata/, one a line)")
	}
	data, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Fields(string(data)) {
		if isTestFile(f) {
			t.Fatal(f + " is a test file")
		}
		ds, err := ReadTSVFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		r := Evaluate(m, ds)
		n := func(rate float64, of int) int { return int(rate*float64(of) + 0.5) }
		reports := r.N - r.ChatN
		t.Logf("%s %d %d %d %d %d %d %d %d", f, r.LocationPlaceN, n(r.LocationRecall, r.LocationPlaceN), r.LocationN,
			n(r.LocationExact, r.LocationN), r.ChatN, n(r.FalseAckPer100/100, r.ChatN), n(r.AckRecall, reports), reports)
	}
}
