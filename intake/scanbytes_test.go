package intake

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestOccurInLikeContains checks wordIndex.occurIn, which reads runes from
// their bytes without decoding, against strings.Contains on texts cut from
// pieces of words, invalid bytes, emoji and two-byte runes.
func TestOccurInLikeContains(t *testing.T) {
	words := []string{"楼道", "漏水", "a座", "é下", "😀哈", "\u3000x", "没", "x"}
	x := newWordIndex(words)
	pieces := []string{"楼", "道", "漏", "水", "a", "座", "é", "下", "😀", "哈", "\u3000", "x", "没",
		"\xe6", "\xbc", "\x8f", "\xf0\x9f", "\xc3", "\xe6\xbc", " ", "\ufffd", "\u00a0", "\u0085", "\u1680", "\u2028", "\u205f", "\t", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := randomText(rng, pieces, 12)
		want := false
		for _, w := range words {
			want = want || strings.Contains(s, w)
		}
		if got := x.occurIn(s); got != want {
			t.Fatalf("occurIn(%q) = %v, want %v", s, got, want)
		}
		wantSpace := strings.IndexFunc(s, unicode.IsSpace) >= 0
		if got := hasSpace(s); got != wantSpace {
			t.Fatalf("hasSpace(%q) = %v, want %v", s, got, wantSpace)
		}
	}
}

// TestFoldDigits checks foldDigits against a byte-by-byte replacement.
func TestFoldDigits(t *testing.T) {
	for _, s := range []string{"", "0", "abc", "3号楼1203", "9", "a1b2c3", "楼0九9", "12\xff34"} {
		b := []byte(s)
		for i, c := range b {
			if c >= '1' && c <= '9' {
				b[i] = '0'
			}
		}
		if got := foldDigits(s); got != string(b) {
			t.Errorf("foldDigits(%q) = %q, want %q", s, got, b)
		}
	}
}

// TestConvertAddressNumeralsBytes checks the numeral conversion, which
// visits only the bytes where a numeral may start, against converting
// every numeral run found by decoding each rune, on texts cut from
// numerals, suffixes, invalid bytes and other characters.
func TestConvertAddressNumeralsBytes(t *testing.T) {
	pieces := []string{"三", "十", "二", "两", "号楼", "单元", "栋", "第", "天", "a", "1", "\xe4", "\xb8", "\xe4\xb8", "楼", " ", "😀"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		s := randomText(rng, pieces, 10)
		if got, want := convertAddressNumerals(s), convertAddressNumeralsAll(s); got != want {
			t.Fatalf("convertAddressNumerals(%q) = %q, want %q", s, got, want)
		}
		if got, want := containsCNNumeral(s), strings.ContainsFunc(s, isCNNumeral); got != want {
			t.Fatalf("containsCNNumeral(%q) = %v, want %v", s, got, want)
		}
	}
}

// randomText joins fewer than n pieces drawn at random.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range rng.IntN(n) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
