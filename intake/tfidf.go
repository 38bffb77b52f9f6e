package intake

import (
	"bytes"
	"math"
	"slices"
)

// sparseVec is an L2-normalised TF-IDF vector: feature ids in increasing
// order and their weights. It is never modified once built, so cached
// vectors are shared between goroutines.
type sparseVec struct {
	ids  []int32
	vals []float64
}

var lenFeaturePrefix = []byte("len:")

// tfidf builds the L2-normalised TF-IDF vector of a text over the model's
// features (length buckets excluded). norm may be empty, in which case text
// is normalised first.
func (m *Model) tfidf(norm, text string) sparseVec {
	if norm == "" {
		norm = Normalize(text)
	}
	ids := make([]int32, 0, 96)
	forEachFeature(m.seg, norm, func(f []byte) {
		if bytes.HasPrefix(f, lenFeaturePrefix) {
			return
		}
		if id, ok := m.index[string(f)]; ok {
			ids = append(ids, id)
		}
	})
	slices.Sort(ids)
	n := 0
	for i := range ids {
		if i == 0 || ids[i] != ids[i-1] {
			n++
		}
	}
	v := sparseVec{ids: make([]int32, 0, n), vals: make([]float64, 0, n)}
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		// count·idf equals idf added count times: an idf is a float32, so
		// small multiples of it are exact in float64.
		v.ids = append(v.ids, ids[i])
		v.vals = append(v.vals, float64(j-i)*float64(m.data.IDF[ids[i]]))
		i = j
	}
	var sq float64
	for _, x := range v.vals {
		sq += x * x
	}
	sq = math.Sqrt(sq)
	for i := range v.vals {
		v.vals[i] /= sq
	}
	return v
}

// cosine returns the dot product of two normalised vectors.
func cosine(a, b sparseVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch x, y := a.ids[i], b.ids[j]; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			s += a.vals[i] * b.vals[j]
			i++
			j++
		}
	}
	return s
}
