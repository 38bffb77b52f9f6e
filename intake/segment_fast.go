package intake

import (
	"math"
	"strings"
	"sync"

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
	pool   sync.Pool // *segScratch
}

type tokenInfo struct {
	bytes    int     // length of the token's text
	distance float32 // gse's path cost of the token (CalcToken)
}

type segScratch struct {
	jumpers []fastJumper
	found   []*gse.Token
	ends    []int // byte offset after each word
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
	actual, _ := fastSegments.LoadOrStore(seg, f)
	return actual.(*fastSegment)
}

// segment returns the words of text as gse's Segment gives them (each
// token's text), ok false when it cannot (upper-case ASCII, which gse
// lower-cases, or a token it does not know).
func (f *fastSegment) segment(text string, keep func(string) bool) (out []string, ok bool) {
	if strings.IndexFunc(text, isASCIIUpper) >= 0 || f.seg.Num || f.seg.Alpha || f.seg.AlphaNum {
		return nil, false
	}
	words := f.seg.SplitTextToWords([]byte(text))
	if len(words) == 0 {
		return nil, true
	}
	sc, _ := f.pool.Get().(*segScratch)
	if sc == nil {
		sc = &segScratch{}
	}
	defer f.pool.Put(sc)
	maxLen := f.seg.Dict.MaxTokenLen()
	sc.jumpers = resize(sc.jumpers, len(words))
	clear(sc.jumpers)
	sc.found = resize(sc.found, maxLen)
	sc.ends = resize(sc.ends, len(words))
	at := 0
	for i, w := range words {
		at += len(w)
		sc.ends[i] = at
	}
	if at != len(text) {
		return nil, false
	}
	for cur := range words {
		var base float32
		if cur > 0 {
			base = sc.jumpers[cur-1].minDistance
		}
		n := f.seg.Dict.LookupTokens(words[cur:min(cur+maxLen, len(words))], sc.found)
		start := 0
		if cur > 0 {
			start = sc.ends[cur-1]
		}
		k := cur // last word of the token, found in increasing order
		firstWords := 0
		for t := range n {
			info, known := f.tokens[sc.found[t]]
			if !known {
				return nil, false
			}
			for k < len(words) && sc.ends[k]-start < info.bytes {
				k++
			}
			if k == len(words) || sc.ends[k]-start != info.bytes {
				return nil, false
			}
			if t == 0 {
				firstWords = k - cur + 1
			}
			updateFastJumper(&sc.jumpers[k], base, info.distance, k-cur+1)
		}
		if n == 0 || firstWords > 1 {
			updateFastJumper(&sc.jumpers[cur], base, pseudoDistance, 1)
		}
	}
	count := 0
	for i := len(words) - 1; i >= 0; i -= sc.jumpers[i].words {
		count++
	}
	spans := make([][2]int, count)
	for i := len(words) - 1; i >= 0; i -= sc.jumpers[i].words {
		count--
		first := i - sc.jumpers[i].words + 1
		start := 0
		if first > 0 {
			start = sc.ends[first-1]
		}
		spans[count] = [2]int{start, sc.ends[i]}
	}
	out = make([]string, 0, len(spans))
	for _, s := range spans {
		if w := text[s[0]:s[1]]; keep(w) {
			out = append(out, w)
		}
	}
	return out, true
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
