package intake

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// updateGolden rewrites testdata/understand.golden from the current code.
// Run it only with code whose results are the reference (before a change
// meant to be result-neutral, e.g. a speed-up).
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/understand.golden")

const goldenPath = "testdata/understand.golden"

// goldenBlock is how many messages share one hash in the golden file: small
// enough to point at the few lines that changed, large enough to keep the
// golden file small (one line per block).
const goldenBlock = 50

// resultKey writes every field of a Result that callers read, exactly
// (confidence to the last bit).
func resultKey(r Result) string {
	return fmt.Sprintf("%q|%t|%b|%s|%q|%q|%t|%s|%t|%t", r.Normalized, r.Concern, r.Confidence, r.Category,
		r.Location, r.LocationNorm, r.Urgent, r.Priority, r.Ack, r.Retract)
}

// goldenFiles lists every TSV file under testdata, sorted.
func goldenFiles(t *testing.T) []string {
	var files []string
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tsv") {
			files = append(files, filepath.ToSlash(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// goldenLines computes, for every block of goldenBlock messages of every
// TSV file, the FNV-64a hash of the Understand results (and of
// UnderstandReport's) of its messages.
func goldenLines(t *testing.T, m *Model) []string {
	var out []string
	for _, f := range goldenFiles(t) {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for start := 0; start < len(ds.Examples); start += goldenBlock {
			end := min(start+goldenBlock, len(ds.Examples))
			h := fnv.New64a()
			for _, ex := range ds.Examples[start:end] {
				fmt.Fprintln(h, resultKey(m.Understand(ex.Text)))
				fmt.Fprintln(h, resultKey(m.UnderstandReport(ex.Text)))
			}
			out = append(out, fmt.Sprintf("%s\t%d\t%d\t%016x", f, ds.Examples[start].Line, ds.Examples[end-1].Line, h.Sum64()))
		}
	}
	return out
}

// TestUnderstandGolden checks that Understand and UnderstandReport give, on
// every message of every testdata TSV file recorded in the golden file, exactly the results recorded in
// testdata/understand.golden (computed by the code before the speed-ups of
// docs/PERFORMANCE-intake.md, round 6). A change meant to change results
// must regenerate it with -update-golden and say so.
func TestUnderstandGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Understand over every testdata message")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := goldenLines(t, m)
	if *updateGolden {
		if err := os.WriteFile(goldenPath, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string][]string{} // file → its golden lines
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		file, _, _ := strings.Cut(sc.Text(), "\t")
		want[file] = append(want[file], sc.Text())
	}
	gotBy := map[string][]string{}
	for _, l := range got {
		file, _, _ := strings.Cut(l, "\t")
		gotBy[file] = append(gotBy[file], l)
	}
	bad := 0
	for file, lines := range gotBy {
		w, ok := want[file]
		if !ok {
			t.Logf("%s is not in %s (a file added since): not compared", file, goldenPath)
			continue
		}
		if len(w) != len(lines) {
			t.Errorf("%s: %d golden blocks, want %d (file changed? regenerate the golden with the reference code)", file, len(lines), len(w))
			continue
		}
		for i := range lines {
			if lines[i] != w[i] {
				bad++
				if bad <= 10 {
					t.Errorf("results differ in block %s (want %s)", lines[i], w[i])
				}
			}
		}
	}
	if bad > 10 {
		t.Errorf("%d blocks differ in all", bad)
	}
	if bad > 0 {
		t.Log("a change meant to change results regenerates the golden: go test ./intake -run TestUnderstandGolden -args -update-golden")
	}
}
