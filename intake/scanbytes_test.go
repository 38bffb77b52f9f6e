package intake

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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

// TestScanStepsLikeByteScan checks that runeBits.scan, which steps over the
// continuation bytes of a three-byte rune, calls fn at the same offsets
// with the same runes as visiting every byte (the scan before it stepped),
// on texts with invalid and truncated sequences.
func TestScanStepsLikeByteScan(t *testing.T) {
	var b runeBits
	for _, r := range "楼道漏水a座é下没x\u3000\ufffd" {
		b.set(r)
	}
	b.set(0x6f0f) // 漏's rune read from a truncated sequence
	byteScan := func(s string, fn func(i int, r rune)) {
		for i := 0; i < len(s); i++ {
			var r rune
			switch c := s[i]; {
			case c < 0x80:
				r = rune(c)
			case c < 0xC0:
				continue
			case c < 0xF0 && c >= 0xE0 && i+2 < len(s):
				r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			default:
				r, _ = utf8.DecodeRuneInString(s[i:])
			}
			if b.mayHave(r) {
				fn(i, r)
			}
		}
	}
	pieces := []string{"楼", "道", "漏", "水", "a", "座", "é", "下", "😀", "哈", "\u3000", "x", "没",
		"\xe6", "\xbc", "\x8f", "\xf0\x9f", "\xc3", "\xe6\xbc", "\xe6a", " ", "\ufffd", "\xe2\x80", "\xed\xa0\x80"}
	rng := rand.New(rand.NewPCG(7, 8))
	type hit struct {
		i int
		r rune
	}
	for range 20000 {
		s := randomText(rng, pieces, 14)
		var want, got []hit
		byteScan(s, func(i int, r rune) { want = append(want, hit{i, r}) })
		b.scan(s, func(i int, r rune) bool { got = append(got, hit{i, r}); return true })
		if !slices.Equal(got, want) {
			t.Fatalf("scan(%q) visits %v, want %v", s, got, want)
		}
	}
}
