package intake

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The rules ask many times a message whether it holds any word of a list
// (containsAny), some lists of dozens of words. One strings.Contains per
// word searches the message once per word; the list's wordIndex (the words
// by first rune, normalize.go) searches it once for all of them. Indexes
// are built on first use and kept per list, found by the list's first and
// last words and length and checked word for word, so a list built anew at
// each call (an append, a literal) finds its index too and a list that
// merely shares the key never uses another's.

// indexedListMin and indexedTextMin are the list length and text length
// (bytes) from which the index is worth it.
const (
	indexedListMin = 8
	indexedTextMin = 32
	// maxListIndexes bounds the indexes kept.
	maxListIndexes = 1024
)

type listKey struct {
	first, last string
	n           int
}

type listIndex struct {
	words []string
	x     *wordIndex
}

var (
	listIndexes     sync.Map // listKey → *listIndex
	listIndexesMade atomic.Int32
)

// containsAnyWord reports whether s contains any of words: strings.Contains
// for each word, in one pass over s for long lists.
func containsAnyWord(s string, words []string) bool {
	if len(words) >= indexedListMin && len(s) >= indexedTextMin {
		if x := indexOfList(words); x != nil {
			return x.occurIn(s)
		}
	}
	long := len(s) > indexByLastByteMin
	for _, w := range words {
		if long && w != "" {
			if indexByLastByte(s, w) >= 0 {
				return true
			}
		} else if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// indexWord is strings.Index(s, w), searching a long text for w by its
// last byte (indexByLastByte).
func indexWord(s, w string) int {
	if len(s) > indexByLastByteMin && w != "" {
		return indexByLastByte(s, w)
	}
	return strings.Index(s, w)
}

// indexByLastByteMin is the text length (bytes) above which a word is
// searched for by its last byte (location_scan.go); in shorter texts
// strings.Index compares the whole text at once.
const indexByLastByteMin = 64

// indexOfList returns the index of words, or nil when it has none: a word
// is empty or not valid UTF-8 (wordIndex needs a first rune), or another
// list holds its key, or too many lists were indexed.
func indexOfList(words []string) *wordIndex {
	key := listKey{words[0], words[len(words)-1], len(words)}
	if v, ok := listIndexes.Load(key); ok {
		if li := v.(*listIndex); slices.Equal(li.words, words) {
			return li.x
		}
		return nil
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); w == "" || r == utf8.RuneError || !utf8.ValidString(w) {
			return nil
		}
	}
	if listIndexesMade.Add(1) > maxListIndexes {
		return nil
	}
	li := &listIndex{words: slices.Clone(words), x: newWordIndex(words)}
	v, _ := listIndexes.LoadOrStore(key, li)
	if li = v.(*listIndex); slices.Equal(li.words, words) {
		return li.x
	}
	return nil
}
