package intake

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestKeywordIndexLikeContains checks keywordIndex.hits against
// keywordHits (one strings.Contains a keyword) for the default taxonomy,
// on texts cut from its keywords, pieces of them and invalid bytes: the
// index needs no valid text, as a valid keyword can only start where its
// first rune does.
func TestKeywordIndexLikeContains(t *testing.T) {
	tax := DefaultTaxonomy()
	x := newKeywordIndex(tax)
	var pieces []string
	for _, c := range tax {
		for _, k := range c.Keywords {
			pieces = append(pieces, k)
			if r, size := utf8.DecodeRuneInString(k); r != utf8.RuneError && size < len(k) {
				pieces = append(pieces, k[:size], k[size:], k[:len(k)-1], k[1:])
			}
		}
	}
	pieces = append(pieces, "\xe6", "\xbc", "\xe6\xbc", "\ufffd", "a", " ", "，")
	rng := rand.New(rand.NewPCG(15, 16))
	for range 20000 {
		s := randomText(rng, pieces, 12)
		for _, limit := range []int{1, 2, 5} {
			want := make([]int, len(tax))
			for j, c := range tax {
				want[j] = keywordHits(s, c.Keywords, limit)
			}
			if got := x.hits(s, len(tax), limit); !slices.Equal(got, want) {
				t.Fatalf("hits(%q, limit %d) = %v, want %v", s, limit, got, want)
			}
		}
	}
}
