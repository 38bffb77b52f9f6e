package intake

import (
	"strings"
	"unicode/utf8"
)

// keywordIndex finds, in one pass over a message, which taxonomy keywords
// it contains: the keywords are indexed by their first rune, so each
// position of the message tries only the few keywords that start with its
// rune, instead of searching the whole message once per keyword.
type keywordIndex struct {
	byFirst map[rune][]keywordRef
	first   *runeBits            // the runes byFirst has keywords for
	table   *wordsAt[keywordRef] // byFirst, read without hashing and narrowed by the next rune
	slow    []keywordRef         // keywords that are not valid UTF-8: strings.Contains
	n       int                  // number of keywords (the size of the seen set)
}

type keywordRef struct {
	cat, id int // taxonomy index, keyword number
	word    string
}

func newKeywordIndex(t []Category) *keywordIndex {
	x := &keywordIndex{byFirst: make(map[rune][]keywordRef)}
	for j, c := range t {
		for _, k := range c.Keywords {
			if k == "" {
				continue
			}
			ref := keywordRef{cat: j, id: x.n, word: k}
			x.n++
			if !utf8.ValidString(k) {
				x.slow = append(x.slow, ref)
				continue
			}
			r, _ := utf8.DecodeRuneInString(k)
			x.byFirst[r] = append(x.byFirst[r], ref)
		}
	}
	x.first = keyBits(x.byFirst)
	x.table = newWordsAt(x.byFirst, func(k keywordRef) string { return k.word })
	return x
}

// hits returns, for each taxonomy category, how many of its keywords norm
// contains, at most limit: what keywordHits(norm, c.Keywords, limit) gives.
// norm need not be valid UTF-8: a valid keyword only occurs where its first
// rune starts, and the scan visits every such offset
// (TestKeywordIndexLikeContains).
func (x *keywordIndex) hits(norm string, cats, limit int) []int {
	out := make([]int, cats)
	var seenBuf [1024]bool // (on the stack for up to 1,024 keywords)
	seen := seenBuf[:0]
	if x.n <= len(seenBuf) {
		seen = seenBuf[:x.n]
	} else {
		seen = make([]bool, x.n)
	}
	count := func(ref keywordRef) {
		if !seen[ref.id] {
			seen[ref.id] = true
			out[ref.cat] = min(out[ref.cat]+1, limit)
		}
	}
	x.first.scan(norm, func(i int, r rune) bool {
		for _, ref := range x.table.at(norm, i, r) {
			if hasWordAt(norm, i, ref.word) {
				count(ref)
			}
		}
		return true
	})
	for _, ref := range x.slow {
		if strings.Contains(norm, ref.word) {
			count(ref)
		}
	}
	return out
}
