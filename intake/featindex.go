package intake

import (
	"unicode/utf8"
)

// Most features of a message are one to three characters after a kind
// prefix (u:电, b:电梯, t:电梯门, w:电梯). Looking each up in a
// map[string]int32 hashed and compared its bytes, a third of the time to
// understand a long message. A runeTable keys such a feature by its runes
// packed into one integer (21 bits a rune), found with one multiplication
// and, mostly, one probe. Packing is one-to-one for a given kind and rune
// count, so a packed look-up finds exactly the id the string map would.

// runeTable is an open-addressing hash table from packed runes to ids.
type runeTable struct {
	slots []runeSlot
	shift uint // 64 − log2(len(slots))
}

// runeSlot holds a key beside its id, so that a probe reads one cache line.
type runeSlot struct {
	key uint64 // packed key + 1; 0 marks an empty slot
	id  int32
}

const (
	runeWidth = 21 // every rune (≤ U+10FFFF) fits in 21 bits
	// hashMul is 2^64 divided by the golden ratio (Fibonacci hashing).
	hashMul = 0x9E3779B97F4A7C15
)

func newRuneTable(n int) runeTable {
	size, shift := 8, uint(61)
	for size*5 < n*8 { // load at most 0.625
		size, shift = size*2, shift-1
	}
	return runeTable{slots: make([]runeSlot, size), shift: shift}
}

// put sets the id of key; a later put of the same key wins, as a map
// assignment does.
func (t *runeTable) put(key uint64, id int32) {
	mask := uint64(len(t.slots) - 1)
	for i := ((key + 1) * hashMul) >> t.shift; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.key == 0 || s.key == key+1 {
			s.key, s.id = key+1, id
			return
		}
	}
}

func (t *runeTable) get(key uint64) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := ((key + 1) * hashMul) >> t.shift; ; i = (i + 1) & mask {
		switch s := t.slots[i]; s.key {
		case key + 1:
			return s.id, true
		case 0:
			return 0, false
		}
	}
}

// packWord packs a word of one to three runes, each rune plus one so that
// words of different lengths differ; ok is false for longer words and
// invalid UTF-8.
func packWord(w string) (key uint64, ok bool) {
	n := 0
	for _, r := range w {
		if n == 3 || r == utf8.RuneError {
			return 0, false
		}
		key = key<<runeWidth | uint64(r+1)
		n++
	}
	return key, n > 0
}

// packRunes packs a text of exactly n valid runes (no runeError).
func packRunes(s string, n int) (key uint64, ok bool) {
	k := 0
	for _, r := range s {
		if k == n || r == utf8.RuneError {
			return 0, false
		}
		key = key<<runeWidth | uint64(r)
		k++
	}
	return key, k == n
}

func pack2(a, b rune) uint64    { return uint64(a)<<runeWidth | uint64(b) }
func pack3(a, b, c rune) uint64 { return uint64(a)<<(2*runeWidth) | uint64(b)<<runeWidth | uint64(c) }

// featureIndex finds the vocabulary ids of features: packed for words of
// up to three runes, Han unigrams, bigrams and trigrams; through the
// string map for the rest.
type featureIndex struct {
	names              map[string]int32 // every feature
	word, uni, bi, tri runeTable
	// byNode holds the word feature of each node of the segmentation
	// trie that a dictionary token ends at (indexTrie); nil without one.
	byNode []nodeWord
}

// nodeWord is the word feature of a dictionary token: its id (-1 when the
// vocabulary does not have it), and what addWord reads of its text.
type nodeWord struct {
	id           int32
	content, cjk bool
}

// newFeatureIndex indexes names (a feature → id map) for the packed
// look-ups.
func newFeatureIndex(names map[string]int32) *featureIndex {
	x := &featureIndex{names: names}
	var n [4]int
	for f := range names {
		if k := packedKind(f); k >= 0 {
			n[k]++
		}
	}
	x.word, x.uni, x.bi, x.tri = newRuneTable(n[0]), newRuneTable(n[1]), newRuneTable(n[2]), newRuneTable(n[3])
	for f, id := range names {
		switch packedKind(f) {
		case 0:
			key, _ := packWord(f[2:])
			x.word.put(key, id)
		case 1:
			key, _ := packRunes(f[2:], 1)
			x.uni.put(key, id)
		case 2:
			key, _ := packRunes(f[2:], 2)
			x.bi.put(key, id)
		case 3:
			key, _ := packRunes(f[2:], 3)
			x.tri.put(key, id)
		}
	}
	return x
}

// packedKind returns which rune table holds feature f (0 words, 1
// unigrams, 2 bigrams, 3 trigrams), or -1 when only the string map does.
func packedKind(f string) int {
	if len(f) < 3 || f[1] != ':' {
		return -1
	}
	body := f[2:]
	switch f[0] {
	case 'w':
		if _, ok := packWord(body); ok {
			return 0
		}
	case 'u':
		if _, ok := packRunes(body, 1); ok {
			return 1
		}
	case 'b':
		if _, ok := packRunes(body, 2); ok {
			return 2
		}
	case 't':
		if _, ok := packRunes(body, 3); ok {
			return 3
		}
	}
	return -1
}

// wordID returns the id of the feature "w:"+w; buf is scratch space.
func (x *featureIndex) wordID(w string, buf []byte) (int32, bool, []byte) {
	if key, ok := packWord(w); ok {
		id, found := x.word.get(key)
		return id, found, buf
	}
	buf = append(append(buf[:0], "w:"...), w...)
	id, found := x.names[string(buf)]
	return id, found, buf
}

// hasCJKLead reports whether s has a byte that isCoverageFeature looks for
// after the prefix (a lead byte of U+3400–U+9FFF in UTF-8).
func hasCJKLead(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE3 && s[i] <= 0xE9 {
			return true
		}
	}
	return false
}

// indexTrie sets byNode from the tokens' texts of the segmentation trie t:
// the id each token's word feature has, read as wordID reads it.
func (x *featureIndex) indexTrie(t *segTrie, texts []string) {
	if t == nil {
		return
	}
	x.byNode = make([]nodeWord, t.nodes)
	for i := range x.byNode {
		x.byNode[i].id = -1
	}
	var buf []byte
	for _, w := range texts {
		node := t.find(w)
		if node < 0 {
			continue
		}
		var id int32
		var ok bool
		id, ok, buf = x.wordID(w, buf)
		if !ok {
			id = -1
		}
		x.byNode[node] = nodeWord{id: id, content: hasContent(w), cjk: hasCJKLead(w)}
	}
}
