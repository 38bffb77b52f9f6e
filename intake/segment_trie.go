package intake

import (
	"math"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// segTrie holds gse's dictionary as a trie over runes, its edges in one
// open-addressing table keyed by (node, rune). gse walks its double-array
// trie byte by byte (three steps per Chinese character) and then looks each
// token found up in a map for its cost; here one probe per character finds
// the next node together with the cost of the token ending there.
type segTrie struct {
	slots []trieEdge
	shift uint
	edges int   // slots in use
	nodes int32 // nodes, the root included
}

type trieEdge struct {
	key      uint64  // (node<<runeWidth | rune) + 1; 0 marks an empty slot
	child    int32   // the node the edge leads to
	distance float32 // the path cost of the token ending at child; NaN if none
}

// newSegTrie builds the trie of the tokens' texts, or returns nil when a
// text is not valid UTF-8 (or holds U+FFFD), a cost is NaN or a text comes
// twice: the byte-wise look-up remains.
func newSegTrie(tokens []gse.Token, info map[*gse.Token]tokenInfo) *segTrie {
	t := newSegTrieSized(1024)

	nodes := int32(1) // 0 is the root
	for i := range tokens {
		text := tokens[i].Text()
		d := info[&tokens[i]].distance
		if text == "" || d != d {
			return nil
		}
		node := int32(0)
		var last *trieEdge
		for _, r := range text {
			if r == utf8.RuneError {
				return nil
			}
			if (t.edges+1)*8 > len(t.slots)*5 {
				t = t.resized(2 * len(t.slots) * 5 / 8)
			}
			e := t.edge(node, r, nodes)
			if e.child == nodes {
				nodes++
			}
			node, last = e.child, e
		}
		if last.distance == last.distance {
			return nil // the same text twice
		}
		last.distance = d
	}
	t.nodes = nodes
	return t
}

// newSegTrieSized returns an empty trie with room for n edges at a load of
// at most 5/8 (a small table keeps more of it in the cache).
func newSegTrieSized(n int) *segTrie {
	size, shift := 8, uint(61)
	for size*5 < n*8 {
		size, shift = size*2, shift-1
	}
	return &segTrie{slots: make([]trieEdge, size), shift: shift}
}

// resized returns t in a table with room for n edges.
func (t *segTrie) resized(n int) *segTrie {
	r := newSegTrieSized(n)
	for _, e := range t.slots {
		if e.key != 0 {
			key := e.key - 1
			*r.edge(int32(key>>runeWidth), rune(key&(1<<runeWidth-1)), e.child) = e
		}
	}
	return r
}

var noDistance = float32(math.NaN())

// edge returns the edge from node by r, adding it (to node next) if absent.
func (t *segTrie) edge(node int32, r rune, next int32) *trieEdge {
	key := uint64(node)<<runeWidth | uint64(r)
	mask := uint64(len(t.slots) - 1)
	for i := ((key + 1) * hashMul) >> t.shift; ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.key == key+1 {
			return e
		}
		if e.key == 0 {
			*e = trieEdge{key: key + 1, child: next, distance: noDistance}
			t.edges++
			return e
		}
	}
}

// step returns the edge from node by r, or nil.
func (t *segTrie) step(node int32, r rune) *trieEdge {
	key := uint64(node)<<runeWidth | uint64(r)
	mask := uint64(len(t.slots) - 1)
	for i := ((key + 1) * hashMul) >> t.shift; ; i = (i + 1) & mask {
		e := &t.slots[i]
		switch e.key {
		case key + 1:
			return e
		case 0:
			return nil
		}
	}
}

// lookupRunes appends to hits the tokens that start at unit cur and end
// with a unit before end, in increasing length: what gse's LookupTokens
// finds. units[k] is the index in runes of unit k's first rune, and
// units[k+1] the end of its runes; runes must hold no U+FFFD.
func (t *segTrie) lookupRunes(runes []rune, units []int32, cur, end int, hits []segHit) []segHit {
	node := int32(0)
	units = units[:end+1]
	for k := cur; k < end; k++ {
		var last *trieEdge
		lo, hi := units[k], units[k+1]
		if hi-lo == 1 { // most units are one rune
			if last = t.step(node, runes[lo]); last == nil {
				return hits
			}
			node = last.child
		} else {
			for _, r := range runes[lo:hi] {
				if last = t.step(node, r); last == nil {
					return hits
				}
				node = last.child
			}
		}
		if last.distance == last.distance {
			hits = append(hits, segHit{last: k, distance: last.distance, node: last.child})
		}
	}
	return hits
}

// find returns the node a token's text ends at, or -1 when the trie has
// no such path.
func (t *segTrie) find(text string) int32 {
	node := int32(0)
	for _, r := range text {
		e := t.step(node, r)
		if e == nil {
			return -1
		}
		node = e.child
	}
	return node
}
