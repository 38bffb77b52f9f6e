package intake

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// latencyFiles are real files of different lengths: short chat, formal
// letters, long literary text.
var latencyFiles = []string{
	"testdata/heldout-s3b/test.tsv",
	"testdata/formal/dev.tsv",
	"testdata/formal/test.tsv",
	"testdata/realchat/fortunes-zh-eval.tsv",
}

var lengthBuckets = [][2]int{{1, 10}, {10, 30}, {30, 80}, {80, 200}, {200, 500}}

// TestUnderstandLatencyByLength prints µs per message of Understand by
// message length (characters) over latencyFiles: median and p90 of the best
// of 5 runs of each message. It asserts nothing about time; run it with
// NB_LATENCY=1 (docs/PERFORMANCE-intake.md records the table).
func TestUnderstandLatencyByLength(t *testing.T) {
	if os.Getenv("NB_LATENCY") == "" {
		t.Skip("set NB_LATENCY=1 to measure")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	per := make([][]time.Duration, len(lengthBuckets))
	for _, f := range latencyFiles {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			n := utf8.RuneCountInString(ex.Text)
			b := slices.IndexFunc(lengthBuckets, func(r [2]int) bool { return n >= r[0] && n < r[1] })
			if b < 0 {
				continue
			}
			best := time.Hour
			for range 5 {
				start := time.Now()
				m.Understand(ex.Text)
				best = min(best, time.Since(start))
			}
			per[b] = append(per[b], best)
		}
	}
	var sb strings.Builder
	fmt.Fprintln(&sb, "| characters | messages | median µs | p90 µs |")
	fmt.Fprintln(&sb, "|---|---|---|---|")
	for i, d := range per {
		if len(d) == 0 {
			continue
		}
		slices.Sort(d)
		q := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Nanoseconds()) / 1e3 }
		fmt.Fprintf(&sb, "| %d–%d | %d | %.1f | %.1f |\n", lengthBuckets[i][0], lengthBuckets[i][1]-1, len(d), q(0.5), q(0.9))
	}
	t.Log("\n" + sb.String())
}
