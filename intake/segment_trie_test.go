package intake

import (
	"slices"
	"testing"
)

// TestSegTrieLikeLookupTokens checks that the rune trie finds, at every
// unit of every testdata message (raw and normalised), the tokens and costs
// gse's dictionary look-up finds.
func TestSegTrieLikeLookupTokens(t *testing.T) {
	seg, err := sharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	f := fastSegmentFor(seg)
	if f.trie == nil {
		t.Fatal("the segmentation dictionary has no rune trie")
	}
	sc := &segScratch{}
	maxLen := seg.Dict.MaxTokenLen()
	n := 0
	for _, text := range testdataTexts(t) {
		for _, s := range []string{text, foldDigits(Normalize(text))} {
			if hasASCIIUpper(s) {
				continue
			}
			words := sc.splitWords(s)
			if sc.invalid {
				continue
			}
			sc.found = resize(sc.found, maxLen)
			for cur := range words {
				end := min(cur+maxLen, len(words))
				if !f.lookupTokens(sc, cur, end) {
					t.Fatalf("%q: gse's look-up failed at unit %d", s, cur)
				}
				want := slices.Clone(sc.hits)
				got := f.trie.lookup(s, sc.ends, cur, end, nil)
				if !slices.Equal(got, want) {
					t.Fatalf("%q at unit %d: trie %v, gse %v", s, cur, got, want)
				}
				n += len(got)
			}
		}
	}
	if n == 0 {
		t.Fatal("no token found")
	}
}
