package intake

import (
	"slices"
	"strings"
	"testing"
)

// The options CATEGORY-CV-10.md compared for long training data (none was
// adopted): character 4-grams and an inner-CV choice of L2, which the
// harness sets on long rows (cvCandidate.long). It trains and judges
// models with them, so they must work end to end.

func TestCharGramsStayInsideRuns(t *testing.T) {
	var got []string
	forEachCharGram(foldDigits("电梯门坏了 3号楼，快来"), 4, quadgramPrefix, func(f []byte) { got = append(got, string(f)) })
	if want := []string{"q:电梯门坏", "q:梯门坏了"}; !slices.Equal(got, want) {
		t.Fatalf("4-grams %q, want %q", got, want)
	}
	if got := charGramFeatures("电梯门坏", true); !slices.Equal(got, []string{"t:电梯门", "t:梯门坏", "q:电梯门坏"}) {
		t.Fatalf("trigrams and 4-grams %q", got)
	}
}

func TestLongSettingsApplyToLongRowsOnly(t *testing.T) {
	rows := func(text string) *Dataset {
		return &Dataset{Examples: []Example{{Text: text, Category: "电梯", Concern: 1}}}
	}
	long := strings.Repeat("电梯", longIDFRunes/2)
	c := cvCandidate{spec: catSpec{Trigrams: true, Members: []string{"lr", "nblr"}, AutoIDF: true},
		long: func(s *catSpec) { s.Members, s.Quadgrams, s.L2CV = []string{"lr", "nblr", "cnb"}, true, true }}
	if got := c.specFor(rows(long[:len(long)-len("梯")])); got.Quadgrams || got.L2CV || len(got.Members) != 2 ||
		got.forRows(longIDFRunes-1).IDF {
		t.Fatalf("short rows: %+v", got)
	}
	if got := c.specFor(rows(long)); !got.Quadgrams || !got.L2CV || len(got.Members) != 3 || !got.forRows(longIDFRunes).IDF {
		t.Fatalf("long rows: %+v", got)
	}
}

func TestQuadgramModelReadsItsQuadgrams(t *testing.T) {
	ds, held := tinyCategoryData()
	cfg := defaultTrainConfig()
	cfg.Cat = catSpec{Trigrams: true, Members: []string{"lr", "nblr"}, Quadgrams: true, L2CV: true}
	m, err := trainWith(ds, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !m.catQuad || !slices.ContainsFunc(m.data.CatFeatures, func(f string) bool { return strings.HasPrefix(f, "q:") }) {
		t.Fatal("no 4-gram features")
	}
	norm := Normalize("电梯门关不上")
	if ids := m.categoryIDs(norm, featureIDs(m.seg, norm, m.index)); !slices.Contains(ids, m.catIndex["q:电梯门关"]) {
		t.Fatalf("the message's 4-gram is not among its ids %v", ids)
	}
	for text, want := range held {
		norm := Normalize(text)
		if c, _ := m.classify(norm, featureIDs(m.seg, norm, m.index)); c.Name != want {
			t.Errorf("%s: %s, want %s", text, c.Name, want)
		}
	}
}
