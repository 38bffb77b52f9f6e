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
	trie   *segTrie  // the dictionary by rune (segment_trie.go); nil if it cannot hold it
	pool   sync.Pool // *segScratch
}

type tokenInfo struct {
	bytes    int     // length of the token's text
	distance float32 // gse's path cost of the token (CalcToken)
}

type segScratch struct {
	text    []byte
	words   []gse.Text // units of text (splitWords)
	ends    []int      // byte offset after each unit
	invalid bool       // text has U+FFFD or an invalid byte
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
}

type fastJumper struct {
	minDistance float32
	words       int // words in the best token ending here
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
	if hasASCIIUpper(text) || f.seg.Num || f.seg.Alpha || f.seg.AlphaNum {
		return false
	}
	sc, _ := f.pool.Get().(*segScratch)
	if sc == nil {
		sc = &segScratch{}
	}
	defer f.pool.Put(sc)
	words := sc.splitWords(text)
	if len(words) == 0 {
		return true
	}
	maxLen := f.seg.Dict.MaxTokenLen()
	sc.jumpers = resize(sc.jumpers, len(words))
	clear(sc.jumpers)
	sc.found = resize(sc.found, maxLen)
	byTrie := f.trie != nil && !sc.invalid
	for cur := range words {
		var base float32
		if cur > 0 {
			base = sc.jumpers[cur-1].minDistance
		}
		end := min(cur+maxLen, len(words))
		if byTrie {
			sc.hits = f.trie.lookup(text, sc.ends, cur, end, sc.hits[:0])
		} else if !f.lookupTokens(sc, cur, end) {
			return false
		}
		for _, h := range sc.hits {
			updateFastJumper(&sc.jumpers[h.last], base, h.distance, h.last-cur+1)
		}
		if len(sc.hits) == 0 || sc.hits[0].last > cur {
			// no token of this unit alone: gse adds it as a pseudo-token
			updateFastJumper(&sc.jumpers[cur], base, pseudoDistance, 1)
		}
	}
	// the path, read backwards from the end, gives the words' last units
	sc.path = sc.path[:0]
	for i := len(words) - 1; i >= 0; i -= sc.jumpers[i].words {
		sc.path = append(sc.path, i)
	}
	for p := len(sc.path) - 1; p >= 0; p-- {
		i := sc.path[p]
		first := i - sc.jumpers[i].words + 1
		start := 0
		if first > 0 {
			start = sc.ends[first-1]
		}
		fn(text[start:sc.ends[i]])
	}
	return true
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
		sc.hits = append(sc.hits, segHit{last: k, distance: info.distance})
	}
	return true
}

// splitWords is gse's SplitTextToWords (with Num, Alpha and AlphaNum off,
// and text without upper-case ASCII, which it would lower-case): a run of
// letters and numbers of one or two bytes each is one unit, any other rune
// is a unit of its own. The units are slices of sc.text, a copy of text;
// sc.ends holds the byte offset after each.
func (sc *segScratch) splitWords(text string) []gse.Text {
	sc.text = append(sc.text[:0], text...)
	sc.words, sc.ends, sc.invalid = sc.words[:0], sc.ends[:0], false
	emit := func(start, end int) {
		sc.words = append(sc.words, sc.text[start:end])
		sc.ends = append(sc.ends, end)
	}
	runStart := -1 // start of the current letter-or-number run
	for i := 0; i < len(text); {
		c := text[i]
		var alnum bool
		size := 1
		switch {
		case c < utf8.RuneSelf:
			alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		case c < 0xE0: // a two-byte rune, or an invalid byte
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			alnum = size == 2 && (unicode.IsLetter(r) || unicode.IsNumber(r))
			sc.invalid = sc.invalid || r == utf8.RuneError
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			sc.invalid = sc.invalid || r == utf8.RuneError
		}
		if alnum {
			if runStart < 0 {
				runStart = i
			}
		} else {
			if runStart >= 0 {
				emit(runStart, i)
				runStart = -1
			}
			emit(i, i+size)
		}
		i += size
	}
	if runStart >= 0 {
		emit(runStart, len(text))
	}
	return sc.words
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
func updateFastJumper(j *fastJumper, base, distance float32, words int) {
	d := base + distance
	if j.minDistance == 0 || j.minDistance > d {
		j.minDistance, j.words = d, words
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
