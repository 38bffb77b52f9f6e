package intake

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
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
	catOnly := make([]bool, len(ds.Examples))
	known := 0
	for i, ex := range ds.Examples {
		feats[i] = extractFeatures(seg, Normalize(ex.Text))
		if cfg.noRegister {
			feats[i] = slices.DeleteFunc(feats[i], func(f string) bool { return strings.HasPrefix(f, "rg:") })
		}
		// category-only rows and the natural rows (builtin.go) add no
		// features: the vocabulary, and with it the category and urgency
		// models, stay as the other rows make them
		catOnly[i] = ds.HasConcern && ex.Concern < 0 || ex.addsNoFeatures
		if !catOnly[i] {
			known++
		}
	}
	minDF := 1
	if known >= 1000 {
		minDF = 2
	}
	vocab, idf := buildVocab(feats, minDF, catOnly)
	index := make(map[string]int32, len(vocab))
	for i, f := range vocab {
		index[f] = int32(i)
	}
	xs := make([][]int32, len(feats))
	for i, f := range feats {
		xs[i] = uniqueIDs(f, index)
	}
	d := modelData{Version: modelVersion, Features: vocab, IDF: idf}
	catX, nCat := xs, len(vocab)
	cfg.Cat = cfg.Cat.forRows(categoryMeanRunes(ds))
	if cfg.Cat.Trigrams {
		d.CatFeatures, catX = addTrigramFeatures(ds, xs, len(vocab), minDF, cfg.Cat.Quadgrams)
		nCat += len(d.CatFeatures)
	}
	// the category model and the concern and urgency models read the same
	// rows and write nothing shared: they train at once
	var wg sync.WaitGroup
	if !cfg.categoryOnly {
		wg.Go(func() {
			d.Urgent = urgencySignal(ds, xs, len(vocab), cfg)
			d.Private = trainPrivatePrior(ds, xs, len(vocab), cfg)
			d.Concern = concernDetector(ds, xs, vocab, cfg)
			if d.Concern != nil {
				tr := trainSet{feats: feats, xs: xs, catOnly: catOnly, vocab: vocab, minDF: minDF}
				d.PlattA, d.PlattC, d.PlattB = calibrateConcern(ds, tr, cfg)
			}
		})
	}
	members, err := trainCategory(ds, catX, nCat, cfg)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	for _, l := range members {
		l.quantize()
	}
	d.Category, d.CategoryMore = members[0], members[1:]
	return newModel(d, opts)
}

// buildVocab keeps features seen in at least minDF messages and computes
// their smoothed inverse document frequency. Category-only rows (catOnly,
// concern "-") are not counted: they add no features, so the vocabulary and
// the concern detector stay exactly as the other rows make them.
func buildVocab(feats [][]string, minDF int, catOnly []bool) ([]string, []float32) {
	df := map[string]int{}
	n := 0
	for i, fs := range feats {
		if catOnly[i] {
			continue
		}
		n++
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				df[f]++
			}
		}
	}
	vocab := frequentFeatures(df, minDF)
	idf := make([]float32, len(vocab))
	for i, f := range vocab {
		idf[i] = float32(math.Log(float64(1+n) / float64(1+df[f])))
	}
	return vocab, idf
}

// addTrigramFeatures builds the category model's trigram vocabulary (and
// 4-gram, with quad) from the rows that train it (those in at least minDF
// of them) and returns it with each row's ids extended by its known ones
// (numbered from nShared).
func addTrigramFeatures(ds *Dataset, xs [][]int32, nShared, minDF int, quad bool) ([]string, [][]int32) {
	tri := make([][]string, len(ds.Examples))
	df := map[string]int{}
	for i, ex := range ds.Examples {
		if !trainsCategory(ex) {
			continue
		}
		tri[i] = charGramFeatures(Normalize(ex.Text), quad)
		for _, f := range distinct(tri[i]) {
			df[f]++
		}
	}
	vocab := frequentFeatures(df, minDF)
	index := make(map[string]int32, len(vocab))
	for i, f := range vocab {
		index[f] = int32(nShared + i)
	}
	out := make([][]int32, len(xs))
	for i := range xs {
		out[i] = append(xs[i][:len(xs[i]):len(xs[i])], uniqueIDs(tri[i], index)...)
	}
	return vocab, out
}

// categoryMeanRunes returns the mean length in characters of the rows that
// train the category model (0 without any).
func categoryMeanRunes(ds *Dataset) float64 {
	n, runes := 0, 0
	for _, ex := range ds.Examples {
		if trainsCategory(ex) {
			n, runes = n+1, runes+utf8.RuneCountInString(ex.Text)
		}
	}
	if n == 0 {
		return 0
	}
	return float64(runes) / float64(n)
}

// trainsCategory reports whether a row trains the category model.
func trainsCategory(ex Example) bool { return ex.Category != "" && ex.Concern != 0 }

func trainCategory(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) ([]*linear, error) {
	var cx [][]int32
	var labels []string
	for i, ex := range ds.Examples {
		if trainsCategory(ex) {
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
	return trainCategoryMembers(cx, labelIndexes(labels, names), names, nFeat, cfg), nil
}

func trainConcern(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	if !ds.HasConcern {
		return nil
	}
	// rows whose concern is unknown ("-", category-only rows) are left out
	var cx [][]int32
	var ys []int
	pos := 0
	for i, ex := range ds.Examples {
		if ex.Concern < 0 {
			continue
		}
		// a row of weight w counts w times (rounded, at least once)
		for r := max(1, int(math.Round(ex.weightOf()))); r > 0; r-- {
			cx, ys = append(cx, xs[i]), append(ys, ex.Concern)
			pos += ex.Concern
		}
	}
	if pos == 0 || pos == len(cx) {
		return nil
	}
	labels := []string{"0", "1"}
	if cfg.concernLearner != nil {
		return cfg.concernLearner(cx, ys, labels, nFeat, cfg)
	}
	return trainLinear(cx, ys, labels, nFeat, cfg)
}

// concernDetector trains the concern detector on ds's rows (ids xs over
// vocab): trainConcern's, mixed with the natural-only detector when ds has
// natural-weighted rows (natural_mix.go, testdata/ACKS-CV-8.md), or
// cfg.concernDetector's when set; Train and its calibration both call it,
// so that the calibration fits the detector that ships.
func concernDetector(ds *Dataset, xs [][]int32, vocab []string, cfg trainConfig) *linear {
	if cfg.concernDetector != nil {
		return cfg.concernDetector(ds, xs, vocab, cfg)
	}
	l := trainConcern(ds, xs, len(vocab), cfg)
	if l == nil {
		return nil
	}
	if nat := trainNaturalConcern(ds, naturalFeatures(xs, vocab), len(vocab), cfg); nat != nil {
		return mixLinear(l, nat, naturalMix)
	}
	return l
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

// calibrateConcern fits Platt scaling for the concern detector, with the
// message's coverage as a second input: a model trained without every
// fifth row (and with the vocabulary those rows alone would not have given)
// scores those rows, and a, c, b are fitted so that sigmoid(a·z + c·cov + b)
// (z = the detector's logit, cov = the row's coverage against the fold's
// vocabulary) matches their labels, each row counted by its weight. The
// final detector is trained on all rows and uses the same a, c, b.
func calibrateConcern(ds *Dataset, tr trainSet, cfg trainConfig) (a, c, b float64) {
	if cfg.concernCalibration != nil {
		if a, c, b, ok := cfg.concernCalibration(ds, tr, cfg); ok {
			return a, c, b
		}
	}
	var fit Dataset
	var fitX [][]int32
	var fitFeats [][]string
	var fitCatOnly []bool
	var cal []int
	fit.HasConcern = true
	for i, ex := range ds.Examples {
		// (the natural-only rows are never held out: they train the
		// natural-only detector only, in the calibration as in the end)
		if i%5 == 4 && !ex.naturalOnly() {
			if ex.Concern >= 0 {
				cal = append(cal, i)
			}
			continue
		}
		fit.Examples = append(fit.Examples, ex)
		fitX = append(fitX, tr.xs[i])
		fitFeats = append(fitFeats, tr.feats[i])
		fitCatOnly = append(fitCatOnly, tr.catOnly[i])
	}
	l := concernDetector(&fit, fitX, tr.vocab, cfg)
	if l == nil || len(cal) == 0 {
		return 0, 0, 0
	}
	foldVocab, _ := buildVocab(fitFeats, tr.minDF, fitCatOnly)
	known := make(map[string]bool, len(foldVocab))
	for _, f := range foldVocab {
		known[f] = true
	}
	phi := make([][]float64, len(cal))
	ys := make([]int, len(cal))
	ws := make([]float64, len(cal))
	out := make([]float64, 2)
	for k, i := range cal {
		var ids []int32
		for _, id := range tr.xs[i] {
			if known[tr.vocab[id]] {
				ids = append(ids, id)
			}
		}
		l.logits(ids, out)
		phi[k] = []float64{out[1] - out[0], coverageIn(tr.feats[i], known), 1}
		ys[k], ws[k] = ds.Examples[i].Concern, ds.Examples[i].weightOf()
	}
	theta := logisticFit(phi, ys, ws)
	a, c, b = theta[0], theta[1], theta[2]
	// Prior shift: the training corpus is mostly reports, a group chat is
	// not. Moving the intercept from the corpus's share of reports to
	// groupReportShare makes the probability mean "a report, in a group".
	pos, all := 0.0, 0.0
	for _, ex := range ds.Examples {
		if ex.Concern >= 0 {
			w := ex.weightOf()
			pos, all = pos+w*float64(ex.Concern), all+w
		}
	}
	if share := pos / math.Max(all, 1); share > 0 && share < 1 {
		b += logit(groupReportShare) - logit(share)
	}
	return a, c, b
}

// trainSet is what Train derives from a dataset before fitting: the
// features of each row, its vocabulary ids, which rows are category-only,
// the vocabulary and its document-frequency floor.
type trainSet struct {
	feats   [][]string
	xs      [][]int32
	catOnly []bool
	vocab   []string
	minDF   int
}

// groupReportShare is the share of reports assumed among the messages of a
// group chat that look like reports at all (chit-chat with no problem word
// in it rarely reaches the detector's upper range). 0.4 until the detector
// learnt from the hand-written files (builtin.go); then 0.6, chosen with
// TestNaturalSplit (dev files only): shares 0.4, 0.5, 0.6, 0.7 acknowledged
// 806, 815, 821, 826 of the 849 held-out-half reports at the default
// threshold, with 2, 4, 4, 6 of 882 chit-chat messages. 0.7 since session 6,
// when unanchored reports and literary text were lowered (judge.go): on the
// split of 941 chit-chat and 900 reports, shares 0.6, 0.7, 0.8 gave 8/861,
// 9/869, 12/876 false acknowledgements/reports acknowledged (unanchored
// factor 0.8 for 0.6 and 0.8), and 2,913 proverbs not in the fortunes-zh
// evaluation file 24 at 0.6, 26 at 0.7. A variable so that the split test can try
// others.
var groupReportShare = 0.7

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// plattFit fits sigmoid(a·z+b) to labels y (0/1), each row counted once.
func plattFit(zs []float64, ys []int) (a, b float64) {
	phi := make([][]float64, len(zs))
	ws := make([]float64, len(zs))
	for i, z := range zs {
		phi[i], ws[i] = []float64{z, 1}, 1
	}
	t := logisticFit(phi, ys, ws)
	return t[0], t[1]
}

// logisticFit fits sigmoid(θ·φ) to labels y (0/1), row i counted ws[i]
// times, with Platt's smoothed targets, by Newton's method with
// backtracking on the weighted log-loss (a tiny ridge keeps the Hessian
// invertible). The last input of every φ is taken as the intercept.
func logisticFit(phi [][]float64, ys []int, ws []float64) []float64 {
	k := len(phi[0])
	pos, neg := 0.0, 0.0
	for i, y := range ys {
		if y == 1 {
			pos += ws[i]
		} else {
			neg += ws[i]
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	target := func(i int) float64 {
		if ys[i] == 1 {
			return hi
		}
		return lo
	}
	const ridge = 1e-9
	dot := func(t, x []float64) float64 {
		s := 0.0
		for j := range t {
			s += t[j] * x[j]
		}
		return s
	}
	loss := func(t []float64) float64 {
		l := 0.0
		for i, x := range phi {
			f := dot(t, x)
			// log(1+e^f) - t·f, computed stably
			l += ws[i] * (math.Max(f, 0) + math.Log1p(math.Exp(-math.Abs(f))) - target(i)*f)
		}
		for _, v := range t {
			l += ridge * v * v
		}
		return l
	}
	theta := make([]float64, k)
	theta[k-1] = math.Log((pos + 1) / (neg + 1))
	cur := loss(theta)
	for iter := 0; iter < 100; iter++ {
		g := make([]float64, k)
		h := make([][]float64, k)
		for j := range h {
			h[j] = make([]float64, k)
			h[j][j] = 2*ridge + 1e-12
			g[j] = 2 * ridge * theta[j]
		}
		for i, x := range phi {
			p := 1 / (1 + math.Exp(-dot(theta, x)))
			d, w := ws[i]*(p-target(i)), ws[i]*p*(1-p)
			for j := range x {
				g[j] += d * x[j]
				for m := range x {
					h[j][m] += w * x[j] * x[m]
				}
			}
		}
		delta, ok := solve(h, g)
		if !ok {
			break
		}
		step, moved := 1.0, false
		for ; step > 1e-10; step /= 2 {
			next := make([]float64, k)
			for j := range next {
				next[j] = theta[j] - step*delta[j]
			}
			if l := loss(next); l < cur {
				theta, cur, moved = next, l, true
				break
			}
		}
		small := true
		for _, v := range delta {
			small = small && math.Abs(v) < 1e-7
		}
		if !moved || small {
			break
		}
	}
	return theta
}

// solve returns x with A·x = b by Gaussian elimination with partial
// pivoting (A is small and symmetric positive definite here); ok is false
// for a singular A.
func solve(a [][]float64, b []float64) ([]float64, bool) {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-15 {
			return nil, false
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for j := c; j <= n; j++ {
				m[r][j] -= f * m[c][j]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := m[i][n]
		for j := i + 1; j < n; j++ {
			s -= m[i][j] * x[j]
		}
		x[i] = s / m[i][i]
	}
	return x, true
}

// frequentFeatures returns, sorted, the features counted in at least minDF
// rows.
func frequentFeatures(df map[string]int, minDF int) []string {
	var vocab []string
	for f, c := range df {
		if c >= minDF {
			vocab = append(vocab, f)
		}
	}
	sort.Strings(vocab)
	return vocab
}
