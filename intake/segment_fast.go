package intake

import (
	"math"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// fastSegment computes gse's Segment (the shortest path through the
// dictionary's words, segmenter.go segmentWords in gse v0.80) with
// gse's own dictionary look-ups, but without gse's allocations per
// character (a pseudo-token and a jumper for each one, a string per
// token), which were two thirds of the memory and much of the time of
// understanding a long message. TestFastSegmentLikeGse compares the two on
// every testdata message.
type fastSegment struct {
	seg    *gse.Segmenter
	tokens map[*gse.Token]tokenInfo
	texts  []string  // the dictionary tokens' texts, in order
	trie   *segTrie  // the dictionary by rune (segment_trie.go); nil if it cannot hold it
	pool   sync.Pool // *segScratch
}

type tokenInfo struct {
	bytes    int     // length of the token's text
	distance float32 // gse's path cost of the token (CalcToken)
}

type segScratch struct {
	runes   []rune  // the runes of the text (decode)
	offs    []int   // the byte offset of each rune, and the text's length
	units   []int32 // the first rune of each unit, and len(runes) (splitUnits)
	invalid bool    // text has U+FFFD or an invalid byte
	// for gse's look-up (unitTexts)
	text    []byte
	words   []gse.Text // units of text
	ends    []int      // byte offset after each unit
	jumpers []fastJumper
	found   []*gse.Token
	hits    []segHit
	path    []int
}

// segHit is a dictionary token found at a position: the last unit it
// covers and its path cost.
type segHit struct {
	last     int
	distance float32
	node     int32 // the trie node the token ends at; -1 from gse's look-up
}

type fastJumper struct {
	minDistance float32
	words       int   // words in the best token ending here
	node        int32 // its trie node; -1 for a pseudo-token or gse's look-up
}

// pseudoDistance is gse's cost of a character not in the dictionary.
const pseudoDistance float32 = 32

var fastSegments sync.Map // *gse.Segmenter → *fastSegment

// fastSegmentFor returns the fast segmenter of seg, built on first use; the
// dictionary must not change afterwards.
func fastSegmentFor(seg *gse.Segmenter) *fastSegment {
	if f, ok := fastSegments.Load(seg); ok {
		return f.(*fastSegment)
	}
	f := &fastSegment{seg: seg, tokens: make(map[*gse.Token]tokenInfo, len(seg.Dict.Tokens))}
	logTotalFreq := float32(math.Log2(seg.Dict.TotalFreq()))
	for i := range seg.Dict.Tokens {
		t := &seg.Dict.Tokens[i]
		f.tokens[t] = tokenInfo{bytes: len(t.Text()), distance: logTotalFreq - float32(math.Log2(t.Freq()))}
	}
	f.trie = newSegTrie(seg.Dict.Tokens, f.tokens)
	if f.trie != nil {
		// (gse builds a token's text anew at each call: each model's
		// feature index reads them once here, not once a model)
		f.texts = make([]string, len(seg.Dict.Tokens))
		for i := range seg.Dict.Tokens {
			f.texts[i] = seg.Dict.Tokens[i].Text()
		}
	}
	actual, _ := fastSegments.LoadOrStore(seg, f)
	return actual.(*fastSegment)
}

// segment returns the words of text as gse's Segment gives them (each
// token's text), ok false when it cannot (upper-case ASCII, which gse
// lower-cases, or a token it does not know).
func (f *fastSegment) segment(text string, keep func(string) bool) (out []string, ok bool) {
	ok = f.each(text, func(w string) {
		if keep(w) {
			out = append(out, w)
		}
	})
	if ok && out == nil && text != "" {
		out = []string{}
	}
	return out, ok
}

// each calls fn with every word of text, in order, as segment would return
// them before keep; it returns false, without calling fn, when segment
// would not be ok.
func (f *fastSegment) each(text string, fn func(w string)) bool {
	sc := f.scratch()
	defer f.pool.Put(sc)
	if !f.path(sc, text) {
		return false
	}
	for p := len(sc.path) - 1; p >= 0; p-- {
		lo, hi := sc.wordRunes(p)
		fn(text[sc.offs[lo]:sc.offs[hi]])
	}
	return true
}

// scratch returns a segScratch from the pool; put it back when done.
func (f *fastSegment) scratch() *segScratch {
	if sc, _ := f.pool.Get().(*segScratch); sc != nil {
		return sc
	}
	return &segScratch{}
}

// path segments text into sc: sc.runes and sc.offs hold its runes and
// their byte offsets, and sc.path the words, last first (wordRunes gives
// their runes). It returns false when segment would not be ok.
func (f *fastSegment) path(sc *segScratch, text string) bool {
	if !f.canSegment(text) {
		return false
	}
	sc.decode(text)
	return f.pathDecoded(sc, text)
}

// canSegment reports whether segment can be ok for text: it has no
// upper-case ASCII (which gse lower-cases) and gse's options are off.
func (f *fastSegment) canSegment(text string) bool {
	return !hasASCIIUpper(text) && !f.seg.Num && !f.seg.Alpha && !f.seg.AlphaNum
}

// pathDecoded is path for text already decoded into sc and that
// canSegment.
func (f *fastSegment) pathDecoded(sc *segScratch, text string) bool {
	sc.splitUnits()
	sc.path = sc.path[:0]
	units := len(sc.units) - 1
	if units == 0 {
		return true
	}
	maxLen := f.seg.Dict.MaxTokenLen()
	sc.jumpers = resize(sc.jumpers, units)
	clear(sc.jumpers)
	byTrie := f.trie != nil && !sc.invalid
	if !byTrie {
		sc.unitTexts(text)
		sc.found = resize(sc.found, maxLen)
	}
	for cur := range units {
		var base float32
		if cur > 0 {
			base = sc.jumpers[cur-1].minDistance
		}
		end := min(cur+maxLen, units)
		if byTrie {
			sc.hits = f.trie.lookupRunes(sc.runes, sc.units, cur, end, sc.hits[:0])
		} else if !f.lookupTokens(sc, cur, end) {
			return false
		}
		for _, h := range sc.hits {
			updateFastJumper(&sc.jumpers[h.last], base, h.distance, h.last-cur+1, h.node)
		}
		if len(sc.hits) == 0 || sc.hits[0].last > cur {
			// no token of this unit alone: gse adds it as a pseudo-token
			updateFastJumper(&sc.jumpers[cur], base, pseudoDistance, 1, -1)
		}
	}
	// the path, read backwards from the end, gives the words' last units
	for i := units - 1; i >= 0; i -= sc.jumpers[i].words {
		sc.path = append(sc.path, i)
	}
	return true
}

// wordNode returns the trie node of the word sc.path[p], or -1 when it is
// a pseudo-token (or was found by gse's look-up).
func (sc *segScratch) wordNode(p int) int32 { return sc.jumpers[sc.path[p]].node }

// wordRunes returns the rune range [lo, hi) of the word sc.path[p].
func (sc *segScratch) wordRunes(p int) (lo, hi int) {
	last := sc.path[p]
	first := last - sc.jumpers[last].words + 1
	return int(sc.units[first]), int(sc.units[last+1])
}

// lookupTokens sets sc.hits to the tokens that start at unit cur and end
// before unit end, in increasing length, through gse's dictionary look-up;
// false when a token does not end where a unit does (or is unknown).
func (f *fastSegment) lookupTokens(sc *segScratch, cur, end int) bool {
	sc.hits = sc.hits[:0]
	start := 0
	if cur > 0 {
		start = sc.ends[cur-1]
	}
	n := f.seg.Dict.LookupTokens(sc.words[cur:end], sc.found)
	k := cur // last unit of the token, found in increasing order
	for t := range n {
		info, known := f.tokens[sc.found[t]]
		if !known {
			return false
		}
		for k < len(sc.words) && sc.ends[k]-start < info.bytes {
			k++
		}
		if k == len(sc.words) || sc.ends[k]-start != info.bytes {
			return false
		}
		sc.hits = append(sc.hits, segHit{last: k, distance: info.distance, node: -1})
	}
	return true
}

// decode sets sc.runes to the runes of text and sc.offs to their byte
// offsets, with len(text) after the last; sc.invalid tells whether text
// has U+FFFD or an invalid byte (a rune of its own, as ranging gives it).
func (sc *segScratch) decode(text string) {
	sc.runes, sc.offs, sc.invalid = sc.runes[:0], sc.offs[:0], false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if h, ok := hanAt(text, i); ok {
			r, size = h, 3
		} else if r >= utf8.RuneSelf {
			r, size = decodeRuneAt(text, i)
		}
		sc.invalid = sc.invalid || r == utf8.RuneError
		sc.runes = append(sc.runes, r)
		sc.offs = append(sc.offs, i)
		i += size
	}
	sc.offs = append(sc.offs, len(text))
}

// splitUnits splits the decoded text into units as gse's SplitTextToWords
// does (with Num, Alpha and AlphaNum off, and text without upper-case
// ASCII, which it would lower-case): a run of letters and numbers of one
// or two bytes each is one unit, any other rune is a unit of its own.
// sc.units holds the index of each unit's first rune, and len(sc.runes)
// after the last.
func (sc *segScratch) splitUnits() {
	sc.units = sc.units[:0]
	inRun := false // the previous rune is a letter or number of one or two bytes
	for k, r := range sc.runes {
		var alnum bool
		switch size := sc.offs[k+1] - sc.offs[k]; {
		case r < utf8.RuneSelf:
			alnum = r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		case size == 2:
			alnum = unicode.IsLetter(r) || unicode.IsNumber(r)
		}
		if !alnum || !inRun {
			sc.units = append(sc.units, int32(k))
		}
		inRun = alnum
	}
	sc.units = append(sc.units, int32(len(sc.runes)))
}

// unitTexts sets sc.words to the units' texts (slices of sc.text, a copy of
// text) and sc.ends to the byte offset after each, for gse's look-up.
func (sc *segScratch) unitTexts(text string) {
	sc.text = append(sc.text[:0], text...)
	sc.words, sc.ends = sc.words[:0], sc.ends[:0]
	for k := 0; k+1 < len(sc.units); k++ {
		start, end := sc.offs[sc.units[k]], sc.offs[sc.units[k+1]]
		sc.words = append(sc.words, sc.text[start:end])
		sc.ends = append(sc.ends, end)
	}
}

// decodeRuneAt is utf8.DecodeRuneInString(s[i:]) for i < len(s), with
// ASCII and the characters U+4000–U+9FFF (every common Han character),
// whose three bytes need no check beyond their form, decoded without
// DecodeRuneInString's general checks.
func decodeRuneAt(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if r, ok := hanAt(s, i); ok {
		return r, 3
	}
	if r, ok := rune3(s, i); ok { // CJK punctuation, full-width forms
		return r, 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// updateFastJumper is gse's updateJumper.
func updateFastJumper(j *fastJumper, base, distance float32, words int, node int32) {
	d := base + distance
	if j.minDistance == 0 || j.minDistance > d {
		j.minDistance, j.words, j.node = d, words, node
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
