package intake

import (
	"math/bits"
	"sync"
	"unicode"
	"unicode/utf8"
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

// scan calls fn(i, r) at each byte offset i of s where a word whose first
// rune r is marked may start, until fn returns false. A word starts with a
// whole rune, so in s it can only start where a rune (or an invalid byte)
// does; fn is to compare the word's bytes with s[i:] (strings.HasPrefix).
//
// The scans of the rules run over a message dozens of times, so the runes
// are not decoded (a call a rune): at each byte that may start a rune, the
// rune is read from its bytes when it has three (every Chinese character),
// as if they were valid. Where a word of valid UTF-8 starts, that is its
// first rune; anywhere else fn's byte comparison rejects the words found
// under a misread rune, so what fn finds is what it would find decoding
// every rune.
//
// After a three-byte lead whose next two bytes are continuation bytes, the
// scan steps over those two: they start no word either.
func (b *runeBits) scan(s string, fn func(i int, r rune) bool) {
	for i := 0; i < len(s); i++ {
		var r rune
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c < 0xC0:
			continue // a continuation byte starts no word
		case c-0xE0 < 0x10 && i+3 <= len(s):
			t := s[i : i+3]
			r = rune(c&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F)
			if b.mayHave(r) && !fn(i, r) {
				return
			}
			if (t[1]^0x80)|(t[2]^0x80) < 0x40 { // two continuation bytes
				i += 2
			}
			continue
		default:
			r, _ = utf8.DecodeRuneInString(s[i:])
		}
		if b.mayHave(r) && !fn(i, r) {
			return
		}
	}
}

// hanAt returns the rune at s[i] and true when s[i:] starts with a
// character of U+4000–U+9FFF (every common Han character: a lead byte E4–E9
// and two continuation bytes, never an overlong form or a surrogate), in
// line where the loops of a message's runes would call decodeRuneAt.
func hanAt(s string, i int) (rune, bool) {
	if i+3 > len(s) || s[i]-0xE4 >= 6 {
		return 0, false
	}
	t := s[i : i+3]
	if (t[1]^0x80)|(t[2]^0x80) >= 0x40 {
		return 0, false
	}
	return rune(t[0]&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F), true
}

// hasWordAt is strings.HasPrefix(s[i:], w) for i ≤ len(s), comparing w's
// last byte first: at most offsets where a scan stops, a word with the
// same first rune is not there, and its last byte tells at once.
func hasWordAt(s string, i int, w string) bool {
	j := i + len(w)
	return j <= len(s) && (w == "" || s[j-1] == w[len(w)-1]) && s[i:j] == w
}

// rune3 returns the rune of the three-byte sequence at s[i] and true when
// s[i:] starts with a valid one (what utf8.DecodeRuneInString reads with
// size 3), in line where the loops of a message's runes would call the
// decoder for every Chinese character.
func rune3(s string, i int) (rune, bool) {
	if i+2 >= len(s) || s[i]&0xF0 != 0xE0 || (s[i+1]^0x80)|(s[i+2]^0x80) >= 0x40 {
		return 0, false
	}
	r := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
	return r, r >= 0x800 && uint32(r-0xD800) >= 0x800
}

// countContent counts the letters, digits and Han characters of s (runes
// as ranging over s reads them), stopping at most when most ≥ 0.
func countContent(s string, most int) int {
	n, classes := 0, classTable()
	for i := 0; i < len(s) && n != most; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			var ok bool
			if r, ok = rune3(s, i); ok {
				size = 3
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		if classes.of(r)&classContent != 0 { // unicode.IsLetter(r) || unicode.IsDigit(r)
			n++
		}
		i += size
	}
	return n
}

// runeMap is a map[rune]V read without hashing, for the word indexes that
// the scans above look a rune up in at every rune they stop at: the keys
// of the BMP are marked in a bit set and their values stored in rune
// order, found by the number of keys below the key; the keys above the
// BMP stay in a map.
type runeMap[V any] struct {
	keys runeBits
	rank [len(runeBits{})]uint16 // keys below each word of keys (at most 1023×64)
	vals []V
	high map[rune]V
}

func newRuneMap[V any](m map[rune]V) *runeMap[V] {
	x := &runeMap[V]{high: map[rune]V{}}
	for r := range m {
		x.keys.set(r)
	}
	n := 0
	for w, b := range x.keys {
		x.rank[w] = uint16(n)
		n += bits.OnesCount64(b)
	}
	x.vals = make([]V, n)
	for r, v := range m {
		if r >= 0 && r < 0x10000 {
			b := uint64(1) << (r & 63)
			x.vals[int(x.rank[r>>6])+bits.OnesCount64(x.keys[r>>6]&(b-1))] = v
		} else {
			x.high[r] = v
		}
	}
	return x
}

// get returns m[r] of the map the runeMap was made from.
func (x *runeMap[V]) get(r rune) V {
	if uint32(r) >= 0x10000 {
		return x.high[r]
	}
	w, b := x.keys[r>>6], uint64(1)<<(r&63)
	if w&b == 0 {
		var zero V
		return zero
	}
	return x.vals[int(x.rank[r>>6])+bits.OnesCount64(w&(b-1))]
}

// narrowFrom is the number of words of a first rune from which wordsAt
// narrows them by the next rune.
const narrowFrom = 8

// wordsAt narrows a first-rune word index to the words that may start at
// an offset, by the rune after the first: where a scan stops at a rune that
// starts dozens of words (不, 没, 有), it tries the few whose second rune is
// the next one in the text, and the words of that one rune alone, instead
// of all of them. A narrowed list keeps the order of the full one, and the
// words left out cannot start at the offset (their bytes differ from the
// text's), so a loop that stops at the first word found, or that reads
// earlier finds, sees the same words in the same order.
type wordsAt[V any] struct {
	first *runeMap[[]V] // every word, by first rune
	one   *runeMap[[]V] // the words of one rune, by that rune
	pairs runeTable     // pack2(first, second rune) → index in lists
	lists [][]V         // the words of one rune or with that second rune, in order
	all   bool          // a word is not valid UTF-8: at gives every word
}

func newWordsAt[V any](m map[rune][]V, word func(V) string) *wordsAt[V] {
	x := &wordsAt[V]{first: newRuneMap(m)}
	one := map[rune][]V{}
	pairs := map[uint64][]V{}
	for r, vs := range m {
		seconds := map[rune]bool{}
		for _, v := range vs {
			w := word(v)
			if !utf8.ValidString(w) || w == "" {
				x.all = true
			}
			if _, size := utf8.DecodeRuneInString(w); size < len(w) {
				r2, _ := utf8.DecodeRuneInString(w[size:])
				seconds[r2] = true
			}
		}
		for _, v := range vs {
			w := word(v)
			_, size := utf8.DecodeRuneInString(w)
			if size == len(w) {
				one[r] = append(one[r], v)
			}
			for r2 := range seconds {
				if size == len(w) {
					pairs[pack2(r, r2)] = append(pairs[pack2(r, r2)], v)
				} else if second, _ := utf8.DecodeRuneInString(w[size:]); second == r2 {
					pairs[pack2(r, r2)] = append(pairs[pack2(r, r2)], v)
				}
			}
		}
	}
	x.one = newRuneMap(one)
	x.pairs = newRuneTable(len(pairs))
	for key, vs := range pairs {
		x.pairs.put(key, int32(len(x.lists)))
		x.lists = append(x.lists, vs)
	}
	return x
}

// at returns the words of first rune r that may start at s[i:], a subsequence
// of every word of first rune r that holds each one starting there.
func (x *wordsAt[V]) at(s string, i int, r rune) []V {
	if all := x.first.get(r); x.all || len(all) <= narrowFrom {
		return all // (a short list is tried faster than narrowed)
	}
	// where s[i:] starts with r's bytes, the second rune starts at k;
	// anywhere else no word of first rune r starts at i
	if k := i + utf8.RuneLen(r); k > i && k < len(s) {
		r2, _ := decodeRuneAt(s, k)
		if id, ok := x.pairs.get(pack2(r, r2)); ok {
			return x.lists[id]
		}
	}
	return x.one.get(r)
}
