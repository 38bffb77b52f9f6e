package intake

import "unicode/utf8"

// The category model reads more of a message than the concern detector:
// besides the shared features (words, character unigrams and bigrams) it
// sees character trigrams ("t:"), which tell 电梯门 from 楼道门 and 没热水
// from 没水压 where a bigram cannot. Their vocabulary (modelData.CatFeatures)
// is the category model's own, numbered after the shared features, so the
// concern and urgency models and the duplicate finder are unchanged by it.

var (
	trigramPrefix  = []byte("t:")
	quadgramPrefix = []byte("q:")
)

// forEachTrigram calls fn with every character trigram of digit-folded
// normalised text that does not cross a space, punctuation or emoji. The
// byte slice is reused; copy it to keep it.
func forEachTrigram(folded string, fn func(f []byte)) {
	forEachCharGram(folded, 3, trigramPrefix, fn)
}

// forEachCharGram calls fn with prefix + every run of n (1–4) characters of
// folded that does not cross a space, punctuation or emoji. The byte slice
// is reused; copy it to keep it.
func forEachCharGram(folded string, n int, prefix []byte, fn func(f []byte)) {
	buf := make([]byte, 0, 20)
	var start [4]int // byte offsets of the last four runes of the current run, oldest first
	run := 0
	for i, r := range folded {
		if isSpaceOrMark(r) {
			run = 0
			continue
		}
		run++
		start[0], start[1], start[2], start[3] = start[1], start[2], start[3], i
		if run >= n {
			fn(append(append(buf[:0], prefix...), folded[start[4-n]:i+utf8.RuneLen(r)]...))
		}
	}
}

// trigramFeatures returns the trigram features of normalised text as strings.
func trigramFeatures(norm string) []string { return charGramFeatures(norm, false) }

// charGramFeatures returns the trigram features of normalised text as
// strings, and its character 4-grams after them when quad is set (the
// category features of long training data, testdata/CATEGORY-CV-10.md).
func charGramFeatures(norm string, quad bool) []string {
	var out []string
	folded := foldDigits(norm)
	add := func(f []byte) { out = append(out, string(f)) }
	forEachTrigram(folded, add)
	if quad {
		forEachCharGram(folded, 4, quadgramPrefix, add)
	}
	return out
}

// categoryIDs returns the category model's feature ids of a message: its
// shared ids (sorted) followed by the ids of its known trigrams, and
// 4-grams for a model that has them (sorted, each at least len(Features)).
func (m *Model) categoryIDs(norm string, ids []int32) []int32 {
	if len(m.catIndex) == 0 {
		return ids
	}
	out := make([]int32, len(ids), len(ids)+48)
	copy(out, ids)
	n0 := len(out)
	ok := false
	if m.catFeats != nil {
		out, ok = m.catFeats.appendTrigramIDs(out, norm)
	}
	if !ok {
		out = out[:n0]
		forEachTrigram(foldDigits(norm), func(f []byte) {
			if id, ok := m.catIndex[string(f)]; ok {
				out = append(out, id)
			}
		})
	}
	if m.catQuad {
		forEachCharGram(foldDigits(norm), 4, quadgramPrefix, func(f []byte) {
			if id, ok := m.catIndex[string(f)]; ok {
				out = append(out, id)
			}
		})
	}
	return append(out[:n0], sortUnique(out[n0:])...)
}

// appendTrigramIDs appends the ids of the trigrams forEachTrigram gives for
// foldDigits(norm), through the packed table. It returns false when it
// cannot (invalid UTF-8 or U+FFFD in norm, which packing leaves to the
// string map).
func (x *featureIndex) appendTrigramIDs(out []int32, norm string) ([]int32, bool) {
	run, classes := 0, classTable()
	var p2, p1 rune
	for i := 0; i < len(norm); {
		r, size := rune(norm[i]), 1
		if h, ok := hanAt(norm, i); ok {
			r, size = h, 3
		} else if r >= utf8.RuneSelf {
			r, size = decodeRuneAt(norm, i)
		}
		i += size
		if r == utf8.RuneError {
			return out, false
		}
		if r >= '1' && r <= '9' {
			r = '0' // foldDigits
		}
		if r == ' ' || classes.of(r)&(classMark|classEmoji) != 0 { // isSpaceOrMark(r)
			run = 0
			continue
		}
		run++
		if run >= 3 {
			if id, ok := x.tri.get(pack3(p2, p1, r)); ok {
				out = append(out, id)
			}
		}
		p2, p1 = p1, r
	}
	return out, true
}
