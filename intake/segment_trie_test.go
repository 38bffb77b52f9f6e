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
			sc.decode(s)
			if sc.invalid {
				continue
			}
			sc.splitUnits()
			sc.unitTexts(s)
			sc.found = resize(sc.found, maxLen)
			for cur := range sc.words {
				end := min(cur+maxLen, len(sc.words))
				if !f.lookupTokens(sc, cur, end) {
					t.Fatalf("%q: gse's look-up failed at unit %d", s, cur)
				}
				want := slices.Clone(sc.hits)
				got := f.trie.lookupRunes(sc.runes, sc.units, cur, end, nil)
				for i, h := range got {
					if h.node != f.trie.find(s[sc.offs[sc.units[cur]]:sc.offs[sc.units[h.last+1]]]) {
						t.Fatalf("%q at unit %d: hit %d at node %d, not the token's", s, cur, i, h.node)
					}
					got[i].node = -1 // gse's look-up has no nodes
				}
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

// TestSplitUnitsLikeGse checks that the units of every testdata message
// (raw and normalised, and a few odd texts) are those of gse's
// SplitTextToWords.
func TestSplitUnitsLikeGse(t *testing.T) {
	seg, err := sharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	sc := &segScratch{}
	texts := []string{"a\xffb", "ab\u00e9c1d", "\ufffd楼", "é\xc3", "x😀y", ""}
	for _, text := range testdataTexts(t) {
		texts = append(texts, text, foldDigits(Normalize(text)))
	}
	for _, s := range texts {
		if hasASCIIUpper(s) {
			continue
		}
		sc.decode(s)
		sc.splitUnits()
		sc.unitTexts(s)
		want := seg.SplitTextToWords([]byte(s))
		if len(sc.words) != len(want) {
			t.Fatalf("%q: %d units, gse %d", s, len(sc.words), len(want))
		}
		for k := range want {
			if string(sc.words[k]) != string(want[k]) {
				t.Fatalf("%q unit %d: %q, gse %q", s, k, sc.words[k], want[k])
			}
		}
	}
}
