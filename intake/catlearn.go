package intake

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
)

// Category learners. The category model is one or more linear models over
// the category features whose class probabilities are averaged (an
// ensemble); each kind folds into the same linear form, so a message costs
// one pass over its features per member:
//
//   - "lr": softmax regression (trainLinear);
//   - "nblr": one-vs-rest logistic regression on features scaled by their
//     naive-Bayes log-count ratio (the NBSVM recipe of Wang & Manning 2012,
//     with logistic loss), folded: W[f,c] = w_c[f]·r_c[f];
//   - "cnb": complement naive Bayes (Rennie et al. 2003) with normalised
//     weights, its scores scaled by a temperature fitted on the training rows
//     so that its probabilities can be averaged with the others'.

// catSpec chooses the category learner.
type catSpec struct {
	Trigrams bool     // character trigrams as extra category features
	Members  []string // "lr", "nblr", "cnb"; empty means {"lr"}
	Epochs   int      // 0: trainConfig's
	L2       float64  // 0: trainConfig's
	CNBAlpha float64  // complement NB smoothing (0: 0.3)
	NBAlpha  float64  // log-count-ratio smoothing (0: 1)
	IDF      bool     // inputs weighted by smoothed idf (folded into the weights)
	AutoIDF  bool     // IDF when the training rows average longIDFRunes characters or more
	Balance  float64  // rows weighted (N/(K·n_class))^Balance; 0: unweighted
	// Quadgrams adds character 4-grams ("q:") to the category features;
	// L2CV chooses L2 from l2Grid by an inner cross-validation. No shipped
	// spec sets them: the harness of testdata/CATEGORY-CV-10.md trains
	// with them on long rows, through the training path.
	Quadgrams, L2CV bool
}

// forRows returns the spec that trains on category rows averaging
// meanRunes characters: the spec itself, or on long rows (AutoIDF) the
// spec with idf.
func (s catSpec) forRows(meanRunes float64) catSpec {
	if s.AutoIDF && meanRunes >= longIDFRunes {
		s.IDF = true
	}
	return s
}

func (s catSpec) members() []string {
	if len(s.Members) == 0 {
		return []string{"lr"}
	}
	return s.Members
}

// longIDFRunes is the mean length from which AutoIDF weighs inputs by idf:
// in long messages the recurring frame of a register (您好, 恳请, 有关部门)
// takes a large share of the normalised input, and idf takes it back; in
// short chat every feature counts and idf overweights rare ones
// (testdata/CATEGORY-CV-3.md).
const longIDFRunes = 40

// trainCategoryMembers trains every member the spec names.
func trainCategoryMembers(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) []*linear {
	c := cfg
	if cfg.Cat.Epochs > 0 {
		c.Epochs = cfg.Cat.Epochs
	}
	if cfg.Cat.L2 > 0 {
		c.L2 = cfg.Cat.L2
	}
	if cfg.Cat.IDF {
		c.featScale = catIDF(xs, nFeat)
	}
	if cfg.Cat.Balance > 0 {
		c.classWeight = classWeights(ys, len(labels), cfg.Cat.Balance)
	}
	if cfg.Cat.L2CV {
		c.L2 = categoryL2ByCV(xs, ys, labels, nFeat, cfg)
	}
	// the members are independent fits of the same rows: trained at once,
	// each into its own slot, so the model is the same as trained in turn
	kinds := cfg.Cat.members()
	out := make([]*linear, len(kinds))
	var wg sync.WaitGroup
	for i, kind := range kinds {
		wg.Go(func() { out[i] = trainCategoryMember(kind, xs, ys, labels, nFeat, c, cfg.Cat.CNBAlpha) })
	}
	wg.Wait()
	return slices.DeleteFunc(out, func(l *linear) bool { return l == nil })
}

// trainCategoryMember fits one member of the category ensemble: "lr",
// "nblr" or "cnb" (nil for another kind).
func trainCategoryMember(kind string, xs [][]int32, ys []int, labels []string, nFeat int, c trainConfig, cnbAlpha float64) *linear {
	switch kind {
	case "lr":
		return trainLinear(xs, ys, labels, nFeat, c)
	case "nblr":
		return trainNBLR(xs, ys, labels, nFeat, c)
	case "cnb":
		l := trainCNB(xs, ys, labels, nFeat, cnbAlpha)
		l.Scale = float32(fitTemperature(l, xs, ys))
		return l
	}
	return nil
}

// catIDF returns each feature's smoothed inverse document frequency over
// the rows, ln((1+N)/(1+df)) + 1 (at least 1, so no feature is silenced).
func catIDF(xs [][]int32, nFeat int) []float32 {
	df := make([]int, nFeat)
	for _, ids := range xs {
		for _, id := range ids {
			df[id]++
		}
	}
	out := make([]float32, nFeat)
	n := float64(len(xs))
	for f, d := range df {
		out[f] = float32(math.Log((1+n)/(1+float64(d))) + 1)
	}
	return out
}

// classWeights returns, per class, (N/(K·n_c))^pow: rare classes weigh
// more in the loss.
func classWeights(ys []int, k int, pow float64) []float64 {
	n := make([]float64, k)
	for _, y := range ys {
		n[y]++
	}
	w := make([]float64, k)
	for c := range w {
		if n[c] > 0 {
			w[c] = math.Pow(float64(len(ys))/(float64(k)*n[c]), pow)
		}
	}
	return w
}

// classCounts returns, per class, how many rows hold each feature (K×nFeat,
// feature-major like linear.W), with every row's features counted once.
func classCounts(xs [][]int32, ys []int, k, nFeat int) []float64 {
	cnt := make([]float64, nFeat*k)
	for i, ids := range xs {
		for _, id := range ids {
			cnt[int(id)*k+ys[i]]++
		}
	}
	return cnt
}

// nbRatios returns r[f,c] = log((p_c[f]/|p_c|) / (q_c[f]/|q_c|)) where p_c
// counts feature f in class c's rows and q_c in the other rows, each
// smoothed by alpha.
func nbRatios(xs [][]int32, ys []int, k, nFeat int, alpha float64) []float32 {
	if alpha <= 0 {
		alpha = 1
	}
	cnt := classCounts(xs, ys, k, nFeat)
	tot := make([]float64, nFeat)
	sumIn := make([]float64, k)
	all := 0.0
	for f := 0; f < nFeat; f++ {
		for c := 0; c < k; c++ {
			v := cnt[f*k+c]
			tot[f] += v
			sumIn[c] += v + alpha
		}
		all += tot[f]
	}
	r := make([]float32, nFeat*k)
	for c := 0; c < k; c++ {
		sumOut := all - (sumIn[c] - alpha*float64(nFeat)) + alpha*float64(nFeat)
		for f := 0; f < nFeat; f++ {
			p := (cnt[f*k+c] + alpha) / sumIn[c]
			q := (tot[f] - cnt[f*k+c] + alpha) / sumOut
			r[f*k+c] = float32(math.Log(p / q))
		}
	}
	return r
}

// trainNBLR trains one binary logistic regression per class on features
// scaled by that class's log-count ratios and folds the ratios into the
// weights. Scores are one-vs-rest logits; their softmax serves as
// probabilities.
func trainNBLR(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear {
	k := len(labels)
	r := nbRatios(xs, ys, k, nFeat, cfg.Cat.NBAlpha)
	l := &linear{Labels: labels, W: make([]float32, nFeat*k), B: make([]float32, k)}
	scale := make([]float32, nFeat)
	for c := 0; c < k; c++ {
		for f := range scale {
			scale[f] = r[f*k+c]
			if cfg.featScale != nil {
				scale[f] *= cfg.featScale[f]
			}
		}
		w, b := trainBinaryScaled(xs, ys, c, scale, cfg)
		for f := range scale {
			l.W[f*k+c] = w[f] * scale[f]
		}
		l.B[c] = b
	}
	return l
}

// trainBinaryScaled fits P(y == pos) by logistic regression on inputs
// x_f·scale_f/sqrt(n) with AdaGrad, cfg.Runs shuffles averaged, each run's
// weights averaged over its later half of epochs.
func trainBinaryScaled(xs [][]int32, ys []int, pos int, scale []float32, cfg trainConfig) ([]float32, float32) {
	nFeat := len(scale)
	w := make([]float32, nFeat)
	var b float32
	runs := max(cfg.Runs, 1)
	cur := make([]float32, nFeat)
	g2 := make([]float64, nFeat)
	order := make([]int, len(xs))
	for run := 0; run < runs; run++ {
		clear(cur)
		clear(g2)
		var cb float32
		b2 := 0.0
		for i := range order {
			order[i] = i
		}
		rng := rand.New(rand.NewPCG(cfg.Seed+uint64(run), 11))
		later := float32(runs * (cfg.Epochs - cfg.Epochs/2))
		for epoch := 0; epoch < cfg.Epochs; epoch++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, i := range order {
				ids := xs[i]
				v := 1.0
				if len(ids) > 0 {
					v = 1 / math.Sqrt(float64(len(ids)))
				}
				z := float64(cb)
				for _, id := range ids {
					z += float64(cur[id]) * float64(scale[id]) * v
				}
				y := 0.0
				if ys[i] == pos {
					y = 1
				}
				g := 1/(1+math.Exp(-z)) - y
				if cfg.classWeight != nil {
					g *= cfg.classWeight[ys[i]]
				}
				b2 += g * g
				cb -= float32(cfg.Rate * g / math.Sqrt(b2+1e-8))
				for _, id := range ids {
					gf := g*float64(scale[id])*v + cfg.L2*float64(cur[id])
					g2[id] += gf * gf
					cur[id] -= float32(cfg.Rate * gf / math.Sqrt(g2[id]+1e-8))
				}
			}
			if epoch >= cfg.Epochs/2 {
				for f, x := range cur {
					w[f] += x / later
				}
				b += cb / later
			}
		}
	}
	return w, b
}

// trainCNB builds complement naive Bayes over length-normalised binary
// features: θ̃[c,f] = (α + Σ_{rows not in c} x_f) / (α·V + Σ_{rows not in c} Σ x),
// w = log θ̃ normalised by Σ_f |w|, and the score of c is −Σ_f x_f·w[c,f].
func trainCNB(xs [][]int32, ys []int, labels []string, nFeat int, alpha float64) *linear {
	if alpha <= 0 {
		alpha = 0.3
	}
	k := len(labels)
	cnt := make([]float64, nFeat*k)
	for i, ids := range xs {
		if len(ids) == 0 {
			continue
		}
		v := 1 / math.Sqrt(float64(len(ids)))
		for _, id := range ids {
			cnt[int(id)*k+ys[i]] += v
		}
	}
	tot := make([]float64, nFeat)
	inClass := make([]float64, k)
	all := 0.0
	for f := 0; f < nFeat; f++ {
		for c := 0; c < k; c++ {
			tot[f] += cnt[f*k+c]
			inClass[c] += cnt[f*k+c]
		}
		all += tot[f]
	}
	l := &linear{Labels: labels, W: make([]float32, nFeat*k), B: make([]float32, k)}
	for c := 0; c < k; c++ {
		den := alpha*float64(nFeat) + all - inClass[c]
		w := make([]float64, nFeat)
		norm := 0.0
		for f := 0; f < nFeat; f++ {
			w[f] = math.Log((alpha + tot[f] - cnt[f*k+c]) / den)
			norm += math.Abs(w[f])
		}
		for f := 0; f < nFeat; f++ {
			l.W[f*k+c] = float32(-w[f] / norm)
		}
	}
	return l
}

// fitTemperature returns the scale s maximising the training rows'
// log-likelihood under softmax(s·logits), by golden-section search on
// log s: naive Bayes scores are right in order, not in size.
func fitTemperature(l *linear, xs [][]int32, ys []int) float64 {
	l.Scale = 1
	logits := make([][]float64, len(xs))
	for i, ids := range xs {
		logits[i] = make([]float64, len(l.Labels))
		l.logits(ids, logits[i])
	}
	nll := func(logS float64) float64 {
		s, sum := math.Exp(logS), 0.0
		p := make([]float64, len(l.Labels))
		for i, z := range logits {
			for j, v := range z {
				p[j] = s * v
			}
			softmax(p)
			sum -= math.Log(p[ys[i]] + 1e-12)
		}
		return sum
	}
	lo, hi := math.Log(1e-2), math.Log(1e6)
	const g = 0.6180339887498949
	a, b := hi-g*(hi-lo), lo+g*(hi-lo)
	fa, fb := nll(a), nll(b)
	for it := 0; it < 60; it++ {
		if fa < fb {
			hi, b, fb = b, a, fa
			a = hi - g*(hi-lo)
			fa = nll(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + g*(hi-lo)
			fb = nll(b)
		}
	}
	return math.Exp((lo + hi) / 2)
}

// categoryL2ByCV chooses the category members' L2 from l2Grid by an inner
// cross-validation of the spec on the rows (innerCVChoice).
func categoryL2ByCV(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) float64 {
	inner := cfg
	inner.Cat.L2CV = false
	return innerCVChoice(ys, l2Grid, func(train []int, l2 float64) func(i int) int {
		inner.Cat.L2 = l2
		sx, sy := make([][]int32, len(train)), make([]int, len(train))
		for j, i := range train {
			sx[j], sy[j] = xs[i], ys[i]
		}
		members := trainCategoryMembers(sx, sy, labels, nFeat, inner)
		p, sum := make([]float64, len(labels)), make([]float64, len(labels))
		return func(i int) int {
			clear(sum)
			for _, l := range members {
				l.probs(xs[i], p)
				for j, v := range p {
					sum[j] += v
				}
			}
			return argmax(sum)
		}
	})
}

// l2Grid are the L2 strengths catSpec.L2CV chooses from, in order of
// preference on a tie (the shipped 1e-5 first).
var l2Grid = []float64{1e-5, 1e-4, 1e-6, 1e-3}

// innerCVChoice returns the value of grid whose models, each fitted by fit
// on two of three interleaved folds of the rows (labels ys; row i in fold
// i mod 3) and predicting the third, give the best mean macro-F1; ties go
// to the earlier value. Interleaved, every fold holds every class even
// when the rows are sorted by class.
func innerCVChoice(ys []int, grid []float64, fit func(train []int, v float64) func(i int) int) float64 {
	const folds = 3
	n := len(ys)
	best, bestF := grid[0], math.Inf(-1)
	for _, v := range grid {
		sum := 0.0
		for f := range folds {
			train := make([]int, 0, n)
			for i := range n {
				if i%folds != f {
					train = append(train, i)
				}
			}
			predict := fit(train, v)
			var gold, pred []string
			for i := f; i < n; i += folds {
				gold, pred = append(gold, strconv.Itoa(ys[i])), append(pred, strconv.Itoa(predict(i)))
			}
			var rep Report
			rep.fillCategory(gold, pred)
			sum += rep.MacroF1
		}
		if sum > bestF+1e-12 {
			best, bestF = v, sum
		}
	}
	return best
}
