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
	catOnly := make([]bool, len(ds.Examples))
	known := 0
	for i, ex := range ds.Examples {
		feats[i] = extractFeatures(seg, Normalize(ex.Text))
		catOnly[i] = ds.HasConcern && ex.Concern < 0
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
	if d.Category, err = trainCategory(ds, xs, len(vocab), cfg); err != nil {
		return nil, err
	}
	d.Concern = trainConcern(ds, xs, len(vocab), cfg)
	if d.Concern != nil {
		d.PlattA, d.PlattB = calibrateConcern(ds, xs, len(vocab), cfg)
	}
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
	var vocab []string
	for f, c := range df {
		if c >= minDF {
			vocab = append(vocab, f)
		}
	}
	sort.Strings(vocab)
	idf := make([]float32, len(vocab))
	for i, f := range vocab {
		idf[i] = float32(math.Log(float64(1+n) / float64(1+df[f])))
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
	// rows whose concern is unknown ("-", category-only rows) are left out
	var cx [][]int32
	var ys []int
	pos := 0
	for i, ex := range ds.Examples {
		if ex.Concern < 0 {
			continue
		}
		cx, ys = append(cx, xs[i]), append(ys, ex.Concern)
		pos += ex.Concern
	}
	if pos == 0 || pos == len(cx) {
		return nil
	}
	return trainLinear(cx, ys, []string{"0", "1"}, nFeat, cfg)
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

// calibrateConcern fits Platt scaling for the concern detector: a model
// trained without every fifth row scores those rows, and a, b are fitted
// so that sigmoid(a·z+b) (z = the detector's logit) matches their labels.
// The final detector is trained on all rows and uses the same a, b.
func calibrateConcern(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) (a, b float64) {
	var fit Dataset
	var fitX, calX [][]int32
	var calY []int
	fit.HasConcern = true
	for i, ex := range ds.Examples {
		if i%5 == 4 {
			if ex.Concern < 0 {
				continue
			}
			calX, calY = append(calX, xs[i]), append(calY, ex.Concern)
			continue
		}
		fit.Examples = append(fit.Examples, ex)
		fitX = append(fitX, xs[i])
	}
	l := trainConcern(&fit, fitX, nFeat, cfg)
	if l == nil || len(calX) == 0 {
		return 0, 0
	}
	zs := make([]float64, len(calX))
	out := make([]float64, 2)
	for i, x := range calX {
		l.logits(x, out)
		zs[i] = out[1] - out[0]
	}
	a, b = plattFit(zs, calY)
	// Prior shift: the training corpus is mostly reports, a group chat is
	// not. Moving the intercept from the corpus's share of reports to
	// groupReportShare makes the probability mean "a report, in a group".
	pos, known := 0, 0
	for _, ex := range ds.Examples {
		if ex.Concern >= 0 {
			pos, known = pos+ex.Concern, known+1
		}
	}
	if share := float64(pos) / float64(max(known, 1)); share > 0 && share < 1 {
		b += logit(groupReportShare) - logit(share)
	}
	return a, b
}

// groupReportShare is the share of reports assumed among the messages of a
// group chat that look like reports at all (chit-chat with no problem word
// in it rarely reaches the detector's upper range).
const groupReportShare = 0.4

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// plattFit fits sigmoid(a·z+b) to labels y (0/1) by Newton's method with
// backtracking on the log-loss, with Platt's smoothed targets.
func plattFit(zs []float64, ys []int) (a, b float64) {
	pos := 0
	for _, y := range ys {
		pos += y
	}
	neg := len(ys) - pos
	hi, lo := (float64(pos)+1)/(float64(pos)+2), 1/(float64(neg)+2)
	target := func(i int) float64 {
		if ys[i] == 1 {
			return hi
		}
		return lo
	}
	loss := func(a, b float64) float64 {
		l := 0.0
		for i, z := range zs {
			f := a*z + b
			// log(1+e^f) - t·f, computed stably
			l += math.Max(f, 0) + math.Log1p(math.Exp(-math.Abs(f))) - target(i)*f
		}
		return l
	}
	a, b = 0, math.Log((float64(pos)+1)/(float64(neg)+1))
	cur := loss(a, b)
	for iter := 0; iter < 100; iter++ {
		var ga, gb, haa, hab, hbb float64
		for i, z := range zs {
			p := 1 / (1 + math.Exp(-(a*z + b)))
			d := p - target(i)
			w := p * (1 - p)
			ga += d * z
			gb += d
			haa += w * z * z
			hab += w * z
			hbb += w
		}
		haa += 1e-12
		hbb += 1e-12
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		step := 1.0
		for ; step > 1e-10; step /= 2 {
			if l := loss(a-step*da, b-step*db); l < cur+1e-4*step*(ga*da+gb*db)*-1 || l < cur {
				a, b, cur = a-step*da, b-step*db, l
				break
			}
		}
		if step <= 1e-10 || (math.Abs(da) < 1e-7 && math.Abs(db) < 1e-7) {
			break
		}
	}
	return a, b
}
