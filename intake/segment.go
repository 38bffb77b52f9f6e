package intake

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/go-ego/gse"
)

// The segmenter uses a small dictionary instead of gse's defaults (which
// cost ~214 MB RSS and 1.7 s to load): base.txt is gse's simplified Chinese
// dictionary filtered to words of two or more characters with frequency ≥ 300
// (about 14k words), and community.txt adds neighbourhood-domain words.
var (
	//go:embed dict/base.txt
	baseDict string
	//go:embed dict/community.txt
	communityDict string
)

// sharedSegmenter is built once on first use and only read afterwards; gse's
// Segment is safe for concurrent readers of the same dictionary.
var sharedSegmenter = sync.OnceValues(newSegmenter)

func newSegmenter() (*gse.Segmenter, error) {
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	var b strings.Builder
	b.Grow(len(baseDict) + len(communityDict))
	b.WriteString(baseDict)
	b.WriteByte('\n')
	for _, line := range strings.Split(communityDict, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	if err := seg.LoadDictStr(b.String()); err != nil {
		return nil, fmt.Errorf("load segmenter dictionary: %w", err)
	}
	return seg, nil
}

// Segment splits normalised text into words with the embedded dictionary.
// Punctuation and spaces are dropped.
func Segment(text string) []string {
	seg, err := sharedSegmenter()
	if err != nil || text == "" {
		return nil
	}
	return segmentWith(seg, text)
}

func segmentWith(seg *gse.Segmenter, text string) []string {
	if text == "" {
		return []string{}
	}
	if out, ok := fastSegmentFor(seg).segment(text, hasContent); ok {
		return out
	}
	return segmentWithGse(seg, text)
}

// segmentWithGse is segmentWith through gse's Segment.
func segmentWithGse(seg *gse.Segmenter, text string) []string {
	segs := seg.Segment([]byte(text))
	out := make([]string, 0, len(segs))
	// gse changes only ASCII upper case (to lower case) and keeps every
	// byte, so a token of a text without upper case is the text between
	// its offsets: slicing it saves building a string per token.
	sliced := strings.IndexFunc(text, isASCIIUpper) < 0 && coversText(segs, len(text))
	for i := range segs {
		var w string
		if sliced {
			w = text[segs[i].Start():segs[i].End()]
		} else {
			w = segs[i].Token().Text()
		}
		if hasContent(w) {
			out = append(out, w)
		}
	}
	return out
}

func isASCIIUpper(r rune) bool { return r >= 'A' && r <= 'Z' }

// coversText reports whether the segments tile text[0:n] in order.
func coversText(segs []gse.Segment, n int) bool {
	at := 0
	for i := range segs {
		if segs[i].Start() != at || segs[i].End() < at {
			return false
		}
		at = segs[i].End()
	}
	return at == n
}

// hasContent reports whether w has a rune other than a space or mark
// (strings.TrimFunc(w, isSpaceOrMark) != "").
func hasContent(w string) bool {
	for _, r := range w {
		if !isSpaceOrMark(r) {
			return true
		}
	}
	return false
}

func isSpaceOrMark(r rune) bool { return r == ' ' || classOf(r)&(classMark|classEmoji) != 0 }
