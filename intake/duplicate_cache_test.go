package intake

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

// refFindDuplicate is FindDuplicate as it was before caching (map vectors,
// everything recomputed per case); the tests compare the two.
func refFindDuplicate(m *Model, r Result, at time.Time, open []OpenCase) (Match, bool) {
	if !r.Concern && r.Category == "" {
		return Match{}, false
	}
	vec := refTFIDF(m, r.Normalized, r.Text)
	var best Match
	found := false
	for _, c := range open {
		age := at.Sub(c.At)
		if c.Category != r.Category || age > m.window || age < -time.Hour {
			continue
		}
		place := refPlaceOverlap(r.LocationNorm, c.LocationNorm)
		if place < 0 {
			continue
		}
		sim := refCosine(vec, refTFIDF(m, "", c.Text))
		recency := 1 - math.Max(age.Hours(), 0)/m.window.Hours()
		score := 0.45*place + 0.45*sim + 0.10*recency
		if score < weakScore {
			continue
		}
		strong := (place == 1 && sim >= strongSim) || (place >= 0.5 && sim >= strongSimAlone)
		if !found || score > best.Score {
			best, found = Match{CaseID: c.ID, Score: score, Strong: strong}, true
		}
	}
	return best, found
}

func refPlaceOverlap(a, b []string) float64 {
	ka, kb := refSpecificKeys(a), refSpecificKeys(b)
	if len(ka) == 0 || len(kb) == 0 {
		if sharesAny(a, b) {
			return 0.75
		}
		return 0.5
	}
	for _, x := range ka {
		for _, y := range kb {
			if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
				return 1
			}
		}
	}
	return -1
}

func refSpecificKeys(norms []string) []string {
	var keys []string
	for _, n := range norms {
		_, parts := scanNorm(n)
		key := ""
	parts:
		for _, p := range parts {
			switch p.kind {
			case kindPlace, kindBareCommunity:
				continue
			case kindNamed:
				if key == "" {
					key = n[p.start:p.end]
				}
				continue
			}
			key = n[p.start:p.end]
			break parts
		}
		if key != "" {
			keys = append(keys, key)
		}
	}
	return keys
}

func refTFIDF(m *Model, norm, text string) map[int32]float64 {
	if norm == "" {
		norm = Normalize(text)
	}
	vec := map[int32]float64{}
	for _, f := range extractFeatures(m.seg, norm) {
		if strings.HasPrefix(f, "len:") {
			continue
		}
		if id, ok := m.index[f]; ok {
			vec[id] += float64(m.data.IDF[id])
		}
	}
	var n float64
	for _, v := range vec {
		n += v * v
	}
	n = math.Sqrt(n)
	for k := range vec {
		vec[k] /= n
	}
	return vec
}

func refCosine(a, b map[int32]float64) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	var s float64
	for k, v := range a {
		s += v * b[k]
	}
	return s
}

// dupFixture is a varied set of open cases (every category, many buildings,
// units, gates, garages, cases without a place, ages inside and outside the
// window, one in the future) and reports to match against them.
func dupFixture(t testing.TB, m *Model) (open []OpenCase, reports []Result) {
	t.Helper()
	ds, err := ReadTSVFile("testdata/corpus_train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	perCat := map[string]int{}
	for _, ex := range ds.Examples {
		if ex.Category == "" || perCat[ex.Category] == 60 {
			continue
		}
		perCat[ex.Category]++
		r := m.Understand(ex.Text)
		i := len(open)
		open = append(open, OpenCase{ID: int64(i + 1), Category: ex.Category, LocationNorm: r.LocationNorm,
			Text: ex.Text, At: dupBenchNow.Add(time.Duration(i%23-3) * 19 * time.Hour)})
	}
	open = append(open, // no text, odd places, duplicate text
		OpenCase{ID: 9001, Category: CatSanitation, Text: "", At: dupBenchNow},
		OpenCase{ID: 9002, Category: CatSanitation, LocationNorm: []string{"楼道", "3号楼"}, Text: "三号楼楼道垃圾没人收", At: dupBenchNow},
		OpenCase{ID: 9003, Category: CatSanitation, LocationNorm: []string{"3号楼"}, Text: "三号楼楼道垃圾没人收", At: dupBenchNow.Add(-time.Hour)},
	)
	for _, ex := range loadHeldOut(t).Examples {
		if r := m.Understand(ex.Text); r.Concern {
			reports = append(reports, r)
		}
	}
	return open, reports
}

func sameMatch(a, b Match, aok, bok bool) bool {
	return aok == bok && a.CaseID == b.CaseID && a.Strong == b.Strong && math.Abs(a.Score-b.Score) < 1e-9
}

// TestFindDuplicateCachedMatchesUncached checks that the cached
// FindDuplicate (cold and warm, on the model and a WithTaxonomy copy) gives
// the results of the former uncached implementation. Scores may differ in
// the last bits only: the old code summed in random map order.
func TestFindDuplicateCachedMatchesUncached(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	open, reports := dupFixture(t, m)
	if testing.Short() { // every k-th report, so that strong matches later in the fixture are kept
		k := max(1, len(reports)/100)
		short := reports[:0:0]
		for i := 0; i < len(reports); i += k {
			short = append(short, reports[i])
		}
		reports = short
	}
	cp := m.WithTaxonomy(DefaultTaxonomy())
	found, strong := 0, 0
	for pass, mm := range []*Model{m, m, cp} { // cold, warm, copy sharing the cache
		for i, r := range reports {
			want, wok := refFindDuplicate(m, r, dupBenchNow, open)
			got, ok := mm.FindDuplicate(r, dupBenchNow, open)
			if !sameMatch(got, want, ok, wok) {
				t.Fatalf("pass %d report %d %q: cached %+v,%v; uncached %+v,%v", pass, i, r.Text, got, ok, want, wok)
			}
			if pass == 0 && ok {
				found++
				if got.Strong {
					strong++
				}
			}
		}
	}
	if found < len(reports)/4 || strong == 0 {
		t.Fatalf("fixture too easy: %d of %d reports matched, %d strong", found, len(reports), strong)
	}
	t.Logf("%d reports × %d open cases: %d matched, %d strong", len(reports), len(open), found, strong)
}

// TestFindDuplicateSmallCache checks results stay right while a tiny cache
// evicts constantly, also under concurrent use (run with -race).
func TestFindDuplicateSmallCache(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	open, reports := dupFixture(t, m)
	reports = reports[:80]
	want := make([]Match, len(reports))
	wok := make([]bool, len(reports))
	for i, r := range reports {
		want[i], wok[i] = refFindDuplicate(m, r, dupBenchNow, open)
	}
	m.dup = newDupCache(64)
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(reports))
	for g := range 4 {
		wg.Go(func() {
			for i := range reports {
				j := (i + g*17) % len(reports)
				got, ok := m.FindDuplicate(reports[j], dupBenchNow, open)
				if !sameMatch(got, want[j], ok, wok[j]) {
					errs <- fmt.Sprintf("report %q: got %+v,%v; want %+v,%v", reports[j].Text, got, ok, want[j], wok[j])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := m.dup.vecs.len(); n > 64 {
		t.Errorf("vector cache holds %d entries, bound 64", n)
	}
	if n := m.dup.keys.len(); n > 64 {
		t.Errorf("location cache holds %d entries, bound 64", n)
	}
}

// TestGenCacheBounded fills a cache with far more keys than its bound.
func TestGenCacheBounded(t *testing.T) {
	c := newGenCache[int](dupCacheSize)
	hot := "hot"
	c.put(hot, -1)
	for i := range 5 * dupCacheSize {
		k := fmt.Sprint(i)
		if _, ok := c.get(k); ok {
			t.Fatalf("key %s found before it was stored", k)
		}
		c.put(k, i)
		if v, ok := c.get(k); !ok || v != i {
			t.Fatalf("get(%s) = %d,%v after put", k, v, ok)
		}
		if v, ok := c.get(hot); !ok || v != -1 { // used all the time: never evicted
			t.Fatalf("hot entry evicted after %d puts", i)
		}
		if n := c.len(); n > dupCacheSize {
			t.Fatalf("cache holds %d entries, bound %d", n, dupCacheSize)
		}
	}
	if _, ok := c.get("0"); ok {
		t.Error("oldest entry still cached")
	}
	if n := c.len(); n < dupCacheSize/2 {
		t.Errorf("cache holds only %d entries", n)
	}
}

// TestFindDuplicateCacheBounded checks the model's caches stay bounded when
// many distinct open cases pass through it.
func TestFindDuplicateCacheBounded(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m.dup = newDupCache(100)
	r := m.Understand("垃圾桶满了好几天没人清")
	for i := range 1000 {
		c := OpenCase{ID: int64(i), Category: r.Category, LocationNorm: []string{fmt.Sprintf("%d号楼", i), "楼道"},
			Text: fmt.Sprintf("%d号楼垃圾没人清", i), At: dupBenchNow}
		m.FindDuplicate(r, dupBenchNow, []OpenCase{c})
	}
	if n := m.dup.vecs.len(); n > 100 || n < 50 {
		t.Errorf("vector cache holds %d entries, want 50..100", n)
	}
	if n := m.dup.keys.len(); n > 100 || n < 50 {
		t.Errorf("location cache holds %d entries, want 50..100", n)
	}
}
