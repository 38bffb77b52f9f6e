package intake

import (
	"testing"
	"time"
)

// dupBenchNow is the time the benchmark reports are made.
var dupBenchNow = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// benchOpenCases returns n open 环境卫生 cases taken from the training
// corpus (varied buildings, units, gates and cases without a place), spread
// over the last 12 days, as the bot would pass them for one unit.
func benchOpenCases(tb testing.TB, m *Model, n int) []OpenCase {
	tb.Helper()
	ds, err := ReadTSVFile("testdata/corpus_train.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	open := make([]OpenCase, 0, n)
	for _, ex := range ds.Examples {
		if ex.Category != CatSanitation || len(open) == n {
			continue
		}
		r := m.Understand(ex.Text)
		open = append(open, OpenCase{
			ID:           int64(len(open) + 1),
			Category:     CatSanitation,
			LocationNorm: r.LocationNorm,
			Text:         ex.Text,
			At:           dupBenchNow.Add(-time.Duration(len(open)) * 85 * time.Minute),
		})
	}
	if len(open) < n {
		tb.Fatalf("only %d 环境卫生 rows in the corpus, want %d", len(open), n)
	}
	return open
}

func benchFindDuplicate(b *testing.B, text string) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	open := benchOpenCases(b, m, 200)
	r := m.Understand(text)
	if r.Category != CatSanitation {
		b.Fatalf("report %q understood as %q", text, r.Category)
	}
	m.FindDuplicate(r, dupBenchNow, open) // warm up
	b.ReportAllocs()
	for b.Loop() {
		m.FindDuplicate(r, dupBenchNow, open)
	}
}

// BenchmarkFindDuplicate200 matches one new report naming a building against
// 200 warm open cases of its category.
func BenchmarkFindDuplicate200(b *testing.B) {
	benchFindDuplicate(b, "3号楼门口的垃圾好几天没人收了 臭死了")
}

// BenchmarkFindDuplicate200NoPlace is the worst case: the report names no
// place, so every open case is compared by text.
func BenchmarkFindDuplicate200NoPlace(b *testing.B) {
	benchFindDuplicate(b, "垃圾桶满了好几天没人清 臭死了")
}

// BenchmarkFindDuplicate200Cold empties the model's cache before every
// call: every open case's text is segmented and its places scanned.
func BenchmarkFindDuplicate200Cold(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	open := benchOpenCases(b, m, 200)
	r := m.Understand("3号楼门口的垃圾好几天没人收了 臭死了")
	b.ReportAllocs()
	for b.Loop() {
		m.dup = newDupCache(dupCacheSize)
		m.FindDuplicate(r, dupBenchNow, open)
	}
}

// BenchmarkFindDuplicate200Parallel runs the warm benchmark from all cores
// at once on one shared model.
func BenchmarkFindDuplicate200Parallel(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	open := benchOpenCases(b, m, 200)
	r := m.Understand("3号楼门口的垃圾好几天没人收了 臭死了")
	m.FindDuplicate(r, dupBenchNow, open)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.FindDuplicate(r, dupBenchNow, open)
		}
	})
}
