package intake

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Train builds a model from a dataset. With a concern column it learns a
// concern detector (rows with concern=0 are chit-chat); the category
// classifier learns from concern rows (or all rows when there is no concern
// column) using whatever labels the file has, so communities can train on
// their own taxonomy. Options apply to the returned model.
func Train(ds *Dataset, opts ...Option) (*Model, error) {
	return trainWith(ds, defaultTrainConfig(), opts)
}

func trainWith(ds *Dataset, cfg trainConfig, opts []Option) (*Model, error) {
	seg, err := sharedSegmenter()
	if err != nil {
		return nil, err
	}
	feats := make([][]string, len(ds.Examples))
	for i, ex := range ds.Examples {
		feats[i] = extractFeatures(seg, Normalize(ex.Text))
	}
	minDF := 1
	if len(ds.Examples) >= 1000 {
		minDF = 2
	}
	vocab, idf := buildVocab(feats, minDF)
	index := make(map[string]int32, len(vocab))
	for i, f := range vocab {
		index[f] = int32(i)
	}
	xs := make([][]int32, len(feats))
	for i, f := range feats {
		xs[i] = uniqueIDs(f, index)
	}
	d := modelData{Version: modelVersion, Features: vocab, IDF: idf}
	if d.Category, err = trainCategory(ds, xs, len(vocab), cfg); err != nil {
		return nil, err
	}
	d.Concern = trainConcern(ds, xs, len(vocab), cfg)
	return newModel(d, opts)
}

// buildVocab keeps features seen in at least minDF messages and computes
// their smoothed inverse document frequency.
func buildVocab(feats [][]string, minDF int) ([]string, []float32) {
	df := map[string]int{}
	for _, fs := range feats {
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				df[f]++
			}
		}
	}
	var vocab []string
	for f, n := range df {
		if n >= minDF {
			vocab = append(vocab, f)
		}
	}
	sort.Strings(vocab)
	idf := make([]float32, len(vocab))
	for i, f := range vocab {
		idf[i] = float32(math.Log(float64(1+len(feats)) / float64(1+df[f])))
	}
	return vocab, idf
}

func trainCategory(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) (*linear, error) {
	var cx [][]int32
	var labels []string
	for i, ex := range ds.Examples {
		if ex.Category != "" && ex.Concern != 0 {
			cx = append(cx, xs[i])
			labels = append(labels, ex.Category)
		}
	}
	if len(cx) == 0 {
		return nil, errors.New("no labelled rows: need a category (or label) column with values")
	}
	names := distinct(labels)
	if len(names) < 2 {
		return nil, fmt.Errorf("need at least two categories, got %q", names)
	}
	return trainLinear(cx, labelIndexes(labels, names), names, nFeat, cfg), nil
}

func trainConcern(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	if !ds.HasConcern {
		return nil
	}
	ys := make([]int, len(xs))
	pos := 0
	for i, ex := range ds.Examples {
		ys[i] = ex.Concern
		pos += ex.Concern
	}
	if pos == 0 || pos == len(xs) {
		return nil
	}
	return trainLinear(xs, ys, []string{"0", "1"}, nFeat, cfg)
}

func distinct(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

func labelIndexes(labels, names []string) []int {
	pos := make(map[string]int, len(names))
	for i, n := range names {
		pos[n] = i
	}
	ys := make([]int, len(labels))
	for i, l := range labels {
		ys[i] = pos[l]
	}
	return ys
}
