package intake

import (
	"sync"
	"unicode"
)

// Every rune of a message is asked whether it is a mark, an emoji or a Han
// character, several times (normalisation, segmentation, features). The
// answers come from Unicode range tables searched each time; for the Basic
// Multilingual Plane they are computed once, on first use, into a table.

const (
	classMark    uint8 = 1 << iota // isMarkSlow
	classEmoji                     // isEmojiSlow
	classHan                       // unicode.Is(unicode.Han, r)
	classContent                   // unicode.IsLetter(r) || unicode.IsDigit(r)
)

var (
	bmpClassOnce sync.Once
	bmpClass     *[0x10000]uint8
)

func buildBMPClasses() {
	var t [0x10000]uint8
	for r := rune(0); r < 0x10000; r++ {
		t[r] = slowClassOf(r)
	}
	bmpClass = &t
}

// slowClassOf computes the class bits of r from the Unicode tables.
func slowClassOf(r rune) uint8 {
	var c uint8
	if isMarkSlow(r) {
		c |= classMark
	}
	if isEmojiSlow(r) {
		c |= classEmoji
	}
	if unicode.Is(unicode.Han, r) {
		c |= classHan
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		c |= classContent
	}
	return c
}

// ideographClass is the class of every CJK unified ideograph (U+4E00–U+9FFF):
// Han letters, neither marks nor emoji (TestRuneClassTable).
const ideographClass = classHan | classContent

// classOf returns the class bits of r.
func classOf(r rune) uint8 {
	if r >= 0x4E00 && r <= 0x9FFF {
		return ideographClass
	}
	if r >= 0 && r < 0x10000 {
		bmpClassOnce.Do(buildBMPClasses)
		return bmpClass[r]
	}
	return slowClassOf(r)
}

// isHanRune reports unicode.Is(unicode.Han, r).
func isHanRune(r rune) bool { return classOf(r)&classHan != 0 }

// runeBits marks runes of the Basic Multilingual Plane; every rune above it
// counts as marked. The scans that look every rune of a message up in a map
// of words by first rune (cues, structure, keywords) test the bit first:
// most runes start no word, and a bit costs far less than a map look-up.
type runeBits [0x10000 / 64]uint64

// keyBits marks the keys of m.
func keyBits[V any](m map[rune]V) *runeBits {
	var b runeBits
	for r := range m {
		b.set(r)
	}
	return &b
}

func (b *runeBits) set(r rune) {
	if r >= 0 && r < 0x10000 {
		b[r>>6] |= 1 << (r & 63)
	}
}

// mayHave reports whether r is marked (or above the BMP, or negative).
func (b *runeBits) mayHave(r rune) bool {
	return r < 0 || r >= 0x10000 || b[r>>6]&(1<<(r&63)) != 0
}

// runeClasses is the class table of the BMP, for loops over a message's
// runes: fetched once a loop (classTable), it answers in line, where
// classOf is a call a rune.
type runeClasses [0x10000]uint8

// classTable returns the class table, built on first use.
func classTable() *runeClasses {
	bmpClassOnce.Do(buildBMPClasses)
	return (*runeClasses)(bmpClass)
}

// of returns classOf(r).
func (t *runeClasses) of(r rune) uint8 {
	if uint32(r) < 0x10000 {
		return t[uint16(r)]
	}
	return slowClassOf(r)
}
