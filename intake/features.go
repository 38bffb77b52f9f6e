package intake

import (
	"slices"
	"unicode"
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
		if r >= 0x3400 && unicode.Is(unicode.Han, r) {
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
	ids := make([]int32, 0, 64)
	known, total := 0, 0
	forEachFeatureAct(seg, norm, act, func(f []byte) {
		id, ok := index[string(f)]
		if ok {
			ids = append(ids, id)
		}
		if isCoverageFeature(f) {
			total++
			if ok {
				known++
			}
		}
	})
	slices.Sort(ids)
	return slices.Compact(ids), coverageOf(known, total)
}

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
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= '1' && b[j] <= '9' {
			b[j] = '0'
		}
	}
	return string(b)
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
