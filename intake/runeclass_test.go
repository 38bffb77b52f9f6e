package intake

import (
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
