package intake

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// forEachFeature calls fn with every feature of normalised text: segmented
// words ("w:"), character bigrams ("b:"), Han unigrams ("u:") and a length
// bucket. Digits are folded to 0 so that 3号楼 and 44号楼 share features.
// The byte slice passed to fn is reused; copy it to keep it.
func forEachFeature(seg *gse.Segmenter, norm string, fn func(f []byte)) {
	forEachFeatureAct(seg, norm, readSpeechAct(norm), fn)
}

// forEachFeatureAct is forEachFeature with the speech act already read.
func forEachFeatureAct(seg *gse.Segmenter, norm string, act speechAct, fn func(f []byte)) {
	folded := foldDigits(norm)
	buf := make([]byte, 0, 64)
	for _, w := range segmentWith(seg, folded) {
		fn(append(append(buf[:0], "w:"...), w...))
	}
	n := 0
	prev, prevSize := rune(-1), 0
	for i, r := range folded {
		n++
		if isSpaceOrMark(r) {
			prev = -1
			continue
		}
		if r >= 0x3400 && isHanRune(r) {
			fn(append(append(buf[:0], "u:"...), folded[i:i+utf8.RuneLen(r)]...))
		}
		if prev >= 0 {
			fn(append(append(buf[:0], "b:"...), folded[i-prevSize:i+utf8.RuneLen(r)]...))
		}
		prev, prevSize = r, utf8.RuneLen(r)
	}
	fn(append(buf[:0], lengthBucket(n)...))
	act.features(fn)
}

// extractFeatures returns the features of normalised text as strings.
func extractFeatures(seg *gse.Segmenter, norm string) []string {
	var out []string
	forEachFeature(seg, norm, func(f []byte) { out = append(out, string(f)) })
	return out
}

// featureIDs maps the features of normalised text to vocabulary ids,
// dropping unknown and repeated ones, without allocating feature strings.
func featureIDs(seg *gse.Segmenter, norm string, index map[string]int32) []int32 {
	ids, _ := featureIDsAct(seg, norm, readSpeechAct(norm), index)
	return ids
}

// featureIDsAct is featureIDs with the speech act already read; it also
// returns the message's coverage (coverage.go).
func featureIDsAct(seg *gse.Segmenter, norm string, act speechAct, index map[string]int32) ([]int32, float64) {
	c := idCollector{ids: make([]int32, 0, 64)}
	forEachFeatureAct(seg, norm, act, func(f []byte) {
		id, ok := index[string(f)]
		c.add(id, ok, isCoverageFeature(f))
	})
	return c.result()
}

// idCollector gathers the ids of a message's features and counts its
// coverage.
type idCollector struct {
	ids          []int32
	known, total int
}

// add records a feature: its id if ok (known), and whether it counts
// towards coverage.
func (c *idCollector) add(id int32, ok, coverage bool) {
	if ok {
		c.ids = append(c.ids, id)
	}
	if coverage {
		c.total++
		if ok {
			c.known++
		}
	}
}

// result returns the sorted distinct ids and the coverage.
func (c *idCollector) result() ([]int32, float64) {
	return sortUnique(c.ids), coverageOf(c.known, c.total)
}

// featureIDsOf is featureIDsAct(m.seg, norm, act, m.index), with the
// model's packed feature index (featindex.go) and without building a
// string per feature.
func (m *Model) featureIDsOf(norm string, act speechAct) ([]int32, float64) {
	x := m.feats
	if x == nil {
		return featureIDsAct(m.seg, norm, act, m.index)
	}
	folded := foldDigits(norm)
	// up to three ids per character (a bigram, a unigram, a word), and a
	// Chinese character takes three bytes
	c := idCollector{ids: make([]int32, 0, 16+len(folded))}
	sc := m.fseg.scratch()
	defer m.fseg.pool.Put(sc)
	// a U+FFFD (or an invalid byte) sends the message to the string
	// look-ups, which packing leaves them to
	if sc.decode(folded); sc.invalid {
		return featureIDsAct(m.seg, norm, act, m.index)
	}
	x.addRuneFeatures(&c, sc.runes)
	var scratch [64]byte
	buf := scratch[:0]
	if m.fseg.canSegment(folded) && m.fseg.pathDecoded(sc, folded) {
		for p := len(sc.path) - 1; p >= 0; p-- {
			if node := sc.wordNode(p); node >= 0 && x.byNode != nil {
				// a dictionary token: its feature was looked up at load
				if w := x.byNode[node]; w.content {
					c.add(w.id, w.id >= 0, w.cjk)
				}
				continue
			}
			lo, hi := sc.wordRunes(p)
			buf = x.addWord(&c, sc.runes[lo:hi], folded[sc.offs[lo]:sc.offs[hi]], buf)
		}
	} else {
		for _, w := range segmentWithGse(m.seg, folded) {
			var id int32
			var ok bool
			id, ok, buf = x.wordID(w, buf)
			c.add(id, ok, hasCJKLead(w))
		}
	}
	named := func(f []byte) {
		id, ok := x.names[string(f)]
		c.add(id, ok, isCoverageFeature(f))
	}
	named(append(buf[:0], lengthBucket(len(sc.runes))...))
	act.features(named)
	return c.result()
}

// addRuneFeatures adds the Han unigrams and the bigrams of a text's runes
// (as forEachFeatureAct gives them) to c; the runes hold no U+FFFD.
func (x *featureIndex) addRuneFeatures(c *idCollector, runes []rune) {
	prev, classes := rune(-1), classTable()
	for _, r := range runes {
		class := classes.of(r)
		if r == ' ' || class&(classMark|classEmoji) != 0 {
			prev = -1
			continue
		}
		if r >= 0x3400 && class&classHan != 0 {
			id, ok := x.uni.get(uint64(r))
			c.add(id, ok, false)
		}
		if prev >= 0 {
			id, ok := x.bi.get(pack2(prev, r))
			c.add(id, ok, isCJKLeadRune(prev) || isCJKLeadRune(r))
		}
		prev = r
	}
}

// addWord adds the word feature of a segmented word w, whose runes (no
// U+FFFD) are given, to c unless w is only spaces and marks (as
// forEachFeatureAct drops it); buf is scratch space.
func (x *featureIndex) addWord(c *idCollector, runes []rune, w string, buf []byte) []byte {
	content, cjk, classes := false, false, classTable()
	var key uint64
	for _, r := range runes {
		content = content || r != ' ' && classes.of(r)&(classMark|classEmoji) == 0 // !isSpaceOrMark(r)
		cjk = cjk || isCJKLeadRune(r)
		key = key<<runeWidth | uint64(r+1) // packWord
	}
	if !content {
		return buf
	}
	var id int32
	var ok bool
	if len(runes) <= 3 {
		id, ok = x.word.get(key)
	} else {
		id, ok, buf = x.wordID(w, buf)
	}
	c.add(id, ok, cjk)
	return buf
}

// isCJKLeadRune reports whether r's UTF-8 lead byte is one
// isCoverageFeature looks for (U+3000–U+9FFF).
func isCJKLeadRune(r rune) bool { return r >= 0x3000 && r <= 0x9FFF }

func lengthBucket(n int) string {
	switch {
	case n <= 3:
		return "len:s"
	case n <= 8:
		return "len:m"
	case n <= 20:
		return "len:l"
	}
	return "len:xl"
}

// foldDigits replaces every ASCII digit with 0.
func foldDigits(s string) string {
	i := 0
	for i < len(s) && (s[i] < '1' || s[i] > '9') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder // (one allocation, where []byte and back take two)
	b.Grow(len(s))
	kept := 0 // s[kept:j] is not yet written
	for j := i; j < len(s); j++ {
		if s[j] >= '1' && s[j] <= '9' {
			b.WriteString(s[kept:j])
			b.WriteByte('0')
			kept = j + 1
		}
	}
	b.WriteString(s[kept:])
	return b.String()
}

// uniqueIDs maps features to vocabulary ids, dropping unknown and repeated ones.
func uniqueIDs(feats []string, index map[string]int32) []int32 {
	ids := make([]int32, 0, len(feats))
	for _, f := range feats {
		if id, ok := index[f]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
