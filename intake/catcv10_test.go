package intake

import (
	"fmt"
	"strings"
	"testing"
)

// CATEGORY-CV-10.md: the three blind 7-class stand-ins of session 12,
// across writers (setting W) and pooled (setting P), and strong linear
// baselines computed by the harness on features of their own.

var cat7Files = []string{"cat7-board/train7.tsv", "cat7-hotline/train7.tsv", "cat7-app/train7.tsv"}

// cat7WriterFolds returns one fold per cat7 file: trained on the other two,
// judged on it.
func cat7WriterFolds(t *testing.T) [][]cvFile {
	var folds [][]cvFile
	for _, f := range cat7Files {
		folds = append(folds, []cvFile{{name: f, reports: reportsOf(t, "testdata/"+f)}})
	}
	return folds
}

// cat7PooledFolds returns five folds over the three cat7 files, fold k
// holding the k-th contiguous fifth of every file.
func cat7PooledFolds(t *testing.T) [][]cvFile {
	folds := make([][]cvFile, catCVFolds)
	for _, f := range cat7Files {
		rows := reportsOf(t, "testdata/"+f)
		for k := range folds {
			lo, hi := k*len(rows)/catCVFolds, (k+1)*len(rows)/catCVFolds
			folds[k] = append(folds[k], cvFile{name: fmt.Sprintf("%s[%d:%d]", f, lo, hi), reports: rows[lo:hi]})
		}
	}
	return folds
}

// cat10Candidates are the candidates of CATEGORY-CV-10.md not in
// catCVCandidates' earlier list.
func cat10Candidates(ship catSpec) []cvCandidate {
	return []cvCandidate{
		{name: "ship-cnb", spec: ship, long: func(s *catSpec) { s.Members = []string{"lr", "nblr", "cnb"} }},
		{name: "ship-c4", spec: ship, long: func(s *catSpec) { s.Quadgrams = true }},
		{name: "ship-l2cv", spec: ship, long: func(s *catSpec) { s.L2CV = true }},
		{name: "ship-c4-l2cv", spec: ship, long: func(s *catSpec) { s.Quadgrams, s.L2CV = true, true }},
		{name: "bl-nblr", baseline: baselineCat("w12c14", "nblr")},
		{name: "bl-cnb", baseline: baselineCat("w12c14", "cnb")},
		{name: "bl-lr", baseline: baselineCat("w12c14", "lr")},
		{name: "bl-lr-c24", baseline: baselineCat("c24", "lr")},
		{name: "bl-ens", baseline: baselineCat("w12c14", "lr", "nblr", "cnb")},
	}
}

// baselineFeatures returns the baseline features of a message: w12c14
// (segmented words, word bigrams, character 1–4-grams within runs) or c24
// (character 2–4-grams only), digits folded.
func baselineFeatures(kind, text string) []string {
	folded := foldDigits(Normalize(text))
	var out []string
	add := func(f []byte) { out = append(out, string(f)) }
	lo := 2
	if kind == "w12c14" {
		lo = 1
		seg, err := sharedSegmenter()
		if err != nil {
			panic(err)
		}
		words := segmentWith(seg, folded)
		for i, w := range words {
			out = append(out, "w:"+w)
			if i > 0 {
				out = append(out, "v:"+words[i-1]+"|"+w)
			}
		}
	}
	for n := lo; n <= 4; n++ {
		forEachCharGram(folded, n, []byte{byte('0' + n), ':'}, add)
	}
	return out
}

// baselineCat returns a baseline learner: the members' probabilities
// averaged over the given features, L2 of "lr" (idf-weighted inputs) and α
// of "cnb" chosen by an inner 3-fold CV, "nblr" as NBSVM with α 1.
func baselineCat(feats string, members ...string) func(train, test []Example, seed uint64) []string {
	return func(train, test []Example, seed uint64) []string {
		labels := make([]string, len(train))
		fs := make([][]string, len(train))
		df := map[string]int{}
		for i, ex := range train {
			labels[i], fs[i] = ex.Category, baselineFeatures(feats, ex.Text)
			for _, f := range distinct(fs[i]) {
				df[f]++
			}
		}
		minDF := 1
		if len(train) >= 1000 {
			minDF = 2
		}
		vocab := frequentFeatures(df, minDF)
		index := make(map[string]int32, len(vocab))
		for i, f := range vocab {
			index[f] = int32(i)
		}
		xs := make([][]int32, len(train))
		for i := range fs {
			xs[i] = uniqueIDs(fs[i], index)
		}
		names := distinct(labels)
		ys := labelIndexes(labels, names)
		cfg := defaultTrainConfig()
		cfg.Seed = seed
		if seed == 0 {
			cfg.Seed = 1
		}
		fit := func(kind string, xs [][]int32, ys []int, v float64) *linear {
			c := cfg
			switch kind {
			case "lr":
				c.L2, c.featScale = v, catIDF(xs, len(vocab))
				return trainLinear(xs, ys, names, len(vocab), c)
			case "nblr":
				return trainNBLR(xs, ys, names, len(vocab), c)
			}
			l := trainCNB(xs, ys, names, len(vocab), v)
			l.Scale = float32(fitTemperature(l, xs, ys))
			return l
		}
		grid := map[string][]float64{"lr": l2Grid, "nblr": {0}, "cnb": {0.3, 0.1, 1}}
		var models []*linear
		for _, kind := range members {
			v := grid[kind][0]
			if len(grid[kind]) > 1 {
				v = innerCVChoice(ys, grid[kind], func(tr []int, v float64) func(i int) int {
					sx, sy := make([][]int32, len(tr)), make([]int, len(tr))
					for j, i := range tr {
						sx[j], sy[j] = xs[i], ys[i]
					}
					l := fit(kind, sx, sy, v)
					p := make([]float64, len(names))
					return func(i int) int {
						l.probs(xs[i], p)
						return argmax(p)
					}
				})
			}
			models = append(models, fit(kind, xs, ys, v))
		}
		var out []string
		p, sum := make([]float64, len(names)), make([]float64, len(names))
		for _, ex := range test {
			ids := uniqueIDs(baselineFeatures(feats, ex.Text), index)
			clear(sum)
			for _, l := range models {
				l.probs(ids, p)
				for j, v := range p {
					sum[j] += v
				}
			}
			out = append(out, names[argmax(sum)])
		}
		return out
	}
}

// logCat7Files logs the pooled out-of-fold macro-F1 of each cat7 file's
// rows (setting P).
func logCat7Files(t *testing.T, name string, run cvRun) {
	var parts []string
	for _, f := range cat7Files {
		_, p := run.score(func(file string) bool { return strings.HasPrefix(file, f) })
		parts = append(parts, fmt.Sprintf("%s %.3f", f, p))
	}
	t.Logf("%s P by file: %s", name, strings.Join(parts, ", "))
}
