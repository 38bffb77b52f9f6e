package intake

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSliceRunesLikeRunes checks sliceRunesLike against slicing the runes
// of the original text, for spans of every testdata message (and of texts
// with invalid UTF-8 or a folded text of more runes than the original).
func TestSliceRunesLikeRunes(t *testing.T) {
	type pair struct{ orig, folded string }
	pairs := []pair{{"\xff３号楼 漏水", foldRunes("\xff３号楼 漏水")}, {"短", "长一些的文本"}, {"", ""}, {" a ", " a "}}
	for _, text := range testdataTexts(t) {
		pairs = append(pairs, pair{text, foldRunes(text)})
	}
	for _, p := range pairs {
		var starts []int
		for i := range p.folded {
			starts = append(starts, i)
		}
		starts = append(starts, len(p.folded))
		for a := 0; a < len(starts); a += 1 + len(starts)/7 {
			for b := a; b < len(starts); b += 1 + len(starts)/5 {
				start, end := starts[a], starts[b]
				if got, want := sliceRunesLike(p.orig, p.folded, start, end), sliceRunesPlain(p.orig, p.folded, start, end); got != want {
					t.Fatalf("sliceRunesLike(%q, %q, %d, %d) = %q, want %q", p.orig, p.folded, start, end, got, want)
				}
			}
		}
	}
}

func sliceRunesPlain(orig, folded string, start, end int) string {
	rs := utf8.RuneCountInString(folded[:start])
	re := rs + utf8.RuneCountInString(folded[start:end])
	o := []rune(orig)
	if re > len(o) {
		return ""
	}
	return strings.TrimSpace(string(o[rs:re]))
}

// TestDigitsThenLikeExpression checks the guarded digit patterns against
// their expressions alone, at every digit of every testdata message.
func TestDigitsThenLikeExpression(t *testing.T) {
	dash := re(`^[0-9]{1,3}-[0-9]{1,2}-[0-9]{2,4}|^[0-9]{1,3}-[0-9]{3,4}`)
	room := re(`^[0-9]{3,4}房`)
	guardedDash, guardedRoom := digitsThen(1, 3, "-", dash), digitsThen(3, 4, "房", room)
	texts := []string{"3-2-101", "12-1203", "1234-12-12", "5-", "3号楼", "302房", "3021房", "30213房", "30房", "1-2-3", "", "-1"}
	for _, text := range testdataTexts(t) {
		folded := foldRunes(text)
		for i := range folded {
			if isDigit(rune(folded[i])) {
				texts = append(texts, folded[i:])
			}
		}
	}
	for _, s := range texts {
		if got, want := guardedDash(s), dash(s); got != want {
			t.Errorf("dash(%q) = %d, want %d", s, got, want)
		}
		if got, want := guardedRoom(s), room(s); got != want {
			t.Errorf("room(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestSortFuncOrdersLikeSortSlice checks the claim mergeComponents makes:
// slices.SortFunc leaves components with equal starts in the order
// sort.Slice did (both are the same unstable quicksort).
func TestSortFuncOrdersLikeSortSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 80; n++ {
		for range 20 {
			ms := make([]locMatch, n)
			for i := range ms {
				ms[i] = locMatch{kind: i, start: rng.IntN(1 + n/3)}
			}
			a, b := slices.Clone(ms), slices.Clone(ms)
			sort.Slice(a, func(i, j int) bool { return a[i].start < a[j].start })
			slices.SortFunc(b, func(x, y locMatch) int { return cmp.Compare(x.start, y.start) })
			if !slices.Equal(a, b) {
				t.Fatalf("n=%d: sort.Slice %v, slices.SortFunc %v", n, a, b)
			}
		}
	}
}
