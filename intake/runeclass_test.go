package intake

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestRuneClassTable checks the rune class table and its shortcut for the
// CJK ideographs against the Unicode tables, for every rune.
func TestRuneClassTable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0x4E00 && r <= 0x9FFF && slowClassOf(r) != ideographClass {
			t.Fatalf("U+%04X: class %b, the shortcut says %b", r, slowClassOf(r), ideographClass)
		}
		if got, want := classOf(r), slowClassOf(r); got != want {
			t.Fatalf("classOf(U+%04X) = %b, want %b", r, got, want)
		}
	}
}

// TestHasSpaceLikeIsSpace checks hasSpace against unicode.IsSpace for every
// rune.
func TestHasSpaceLikeIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := hasSpace("坏"+string(r)), unicode.IsSpace(r); got != want && r != utf8.RuneError {
			t.Fatalf("hasSpace(U+%04X) = %t, want %t", r, got, want)
		}
	}
}

// TestFoldRuneIdempotent checks what normalizeFolded relies on to skip its
// second pass: folding a folded rune leaves it alone, for every rune.
func TestFoldRuneIdempotent(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if f := foldRune(r); foldRune(f) != f {
			t.Fatalf("foldRune(U+%04X) = U+%04X, folded again U+%04X", r, f, foldRune(f))
		}
	}
}

// TestPlainHanKept checks that foldRune leaves alone every rune plainHan
// accepts, and foldRunes against folding rune by rune on random texts.
func TestPlainHanKept(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if plainHan(r) && foldRune(r) != r {
			t.Fatalf("plainHan(U+%04X), but foldRune changes it to U+%04X", r, foldRune(r))
		}
	}
	pieces := []string{"楼", "樓", "a", "A", "，", "。", "\uff21", "\u3000", "\t", "—", "😀", "\xe6", "\xe6\xbc", "\ufffd", "é", "龍"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		s := randomText(rng, pieces, 20)
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(foldRune(r))
		}
		if got := foldRunes(s); got != b.String() {
			t.Fatalf("foldRunes(%q) = %q, want %q", s, got, b.String())
		}
	}
}

// TestRune3LikeDecode checks rune3, hanAt and decodeRuneAt against utf8.DecodeRuneInString on
// every three-byte sequence with a three-byte lead (overlong forms and
// surrogates included), on other leads and on truncated ones.
func TestRune3LikeDecode(t *testing.T) {
	check := func(s string, i int) {
		r, ok := rune3(s, i)
		wr, size := utf8.DecodeRuneInString(s[i:])
		if ok != (size == 3) || ok && r != wr {
			t.Fatalf("rune3(%q, %d) = %U, %v; the decoder reads %U, size %d", s, i, r, ok, wr, size)
		}
		if h, ok := hanAt(s, i); ok && (h != wr || size != 3 || h < 0x4000 || h > 0x9FFF) || !ok && size == 3 && wr >= 0x4000 && wr <= 0x9FFF {
			t.Fatalf("hanAt(%q, %d) = %U, %v; the decoder reads %U, size %d", s, i, h, ok, wr, size)
		}
		if dr, dsize := decodeRuneAt(s, i); dr != wr || dsize != size {
			t.Fatalf("decodeRuneAt(%q, %d) = %U, %d; the decoder reads %U, %d", s, i, dr, dsize, wr, size)
		}
	}
	for c0 := 0; c0 < 256; c0++ {
		for c1 := 0; c1 < 256; c1++ {
			for _, c2 := range []int{0x00, 0x41, 0x7F, 0x80, 0x95, 0xBF, 0xC0, 0xE4, 0xFF} {
				check(string([]byte{byte(c0), byte(c1), byte(c2)}), 0)
			}
			check("x"+string([]byte{byte(c0), byte(c1)}), 1)
		}
	}
	for c1 := 0x80; c1 < 0xC0; c1++ {
		for c2 := 0; c2 < 256; c2++ {
			for c0 := 0xE0; c0 < 0xF0; c0++ {
				check(string([]byte{'a', byte(c0), byte(c1), byte(c2), 'b'}), 1)
			}
		}
	}
}

// TestCountContentLikeRange checks countContent against counting the
// runes ranging over the text reads, with and without a bound.
func TestCountContentLikeRange(t *testing.T) {
	pieces := []string{"楼", "a", "3", "，", "。", "é", "😀", " ", "\xe6", "\xbc", "\xe6\xbc", "\xed\xa0\x80", "\xe0\x80\x80",
		"\ufffd", "\uff21", "\u3000", "ア", "\U00020000"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		s := randomText(rng, pieces, 30)
		want := 0
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				want++
			}
		}
		if got := countContent(s, -1); got != want {
			t.Fatalf("countContent(%q, -1) = %d, want %d", s, got, want)
		}
		if got, most := countContent(s, 5), min(want, 5); got != most {
			t.Fatalf("countContent(%q, 5) = %d, want %d", s, got, most)
		}
	}
}

// TestRuneMapLikeMap checks runeMap.get against the map it is made from,
// for every BMP rune and for keys above the BMP and absent ones.
func TestRuneMapLikeMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 7, 300, 5000} {
		m := map[rune]int{}
		for len(m) < n {
			r := rune(rng.IntN(0x10000))
			if rng.IntN(10) == 0 {
				r = 0x10000 + rune(rng.IntN(0x100000))
			}
			m[r] = rng.IntN(1000) + 1
		}
		m[0xFFFF], m[0] = 5, 6 // the last and first words of the bit set
		x := newRuneMap(m)
		for r := rune(-2); r < 0x10010; r++ {
			if got := x.get(r); got != m[r] {
				t.Fatalf("n=%d: get(%U) = %d, want %d", n, r, got, m[r])
			}
		}
		for r := range m {
			if got := x.get(r); got != m[r] {
				t.Fatalf("n=%d: get(%U) = %d, want %d", n, r, got, m[r])
			}
		}
	}
}

// TestHasWordAtLikeHasPrefix checks hasWordAt against strings.HasPrefix at
// every offset of random texts, for words of none to three pieces.
func TestHasWordAtLikeHasPrefix(t *testing.T) {
	pieces := []string{"楼", "道", "漏", "a", "\xe6", "\xbc", "水", ""}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 5000 {
		s, w := randomText(rng, pieces, 10), randomText(rng, pieces, 4)
		for i := 0; i <= len(s); i++ {
			if got, want := hasWordAt(s, i, w), strings.HasPrefix(s[i:], w); got != want {
				t.Fatalf("hasWordAt(%q, %d, %q) = %v, want %v", s, i, w, got, want)
			}
		}
	}
}

// TestWordsAtKeepsMatches checks that wordsAt.at gives, at every offset a
// scan stops at, a subsequence of the first rune's words that holds every
// word starting there, in the same order, on texts cut from the words,
// pieces of them and invalid bytes.
func TestWordsAtKeepsMatches(t *testing.T) {
	words := []string{"不", "不是", "不是我", "不在", "不好", "不行", "不管", "不要", "不能", "不会", "不用", "不\ufffd", "不a",
		"没", "没事", "没事了", "没人", "没水", "楼道", "楼", "a", "ab", "a不"}
	m := map[rune][]int{}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], i)
	}
	x := newWordsAt(m, func(i int) string { return words[i] })
	pieces := []string{"不", "是", "我", "在", "好", "没", "事", "了", "人", "水", "楼", "道", "a", "b", " ",
		"\xe4\xb8", "\xe6", "\xbc", "\ufffd", "\xef\xbf"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 20000 {
		s := randomText(rng, pieces, 10)
		x.first.keys.scan(s, func(i int, r rune) bool {
			full, narrow := x.first.get(r), x.at(s, i, r)
			var want, got []int
			for _, v := range full {
				if hasWordAt(s, i, words[v]) {
					want = append(want, v)
				}
			}
			k := 0 // narrow is a subsequence of full
			for _, v := range narrow {
				for k < len(full) && full[k] != v {
					k++
				}
				if k == len(full) {
					t.Fatalf("at(%q, %d) = %v is not a subsequence of %v", s, i, narrow, full)
				}
				if hasWordAt(s, i, words[v]) {
					got = append(got, v)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("at(%q, %d) finds %v, the full list %v", s, i, got, want)
			}
			return true
		})
	}
}
