package intake

import (
	"math"
	"math/rand/v2"
)

// linear is a multinomial logistic regression over sparse binary features.
// Inputs are L2-normalised (each present feature weighs 1/sqrt(n)).
type linear struct {
	Labels []string
	W      []float32 // feature-major: W[f*K+k]
	B      []float32
	// Scale multiplies the logits (a temperature); 0 means 1 (models
	// written before it).
	Scale float32
	// Q and QScale hold W quantised to a byte per weight (quantize.go) in
	// saved category models; nil otherwise.
	Q      []byte
	QScale []float32
	// deq[c*256+q] is the weight byte q of class c dequantised, as a
	// float64 (set with Q; not saved).
	deq []float64
}

// probs writes class probabilities for the feature ids into out (len K).
func (l *linear) probs(ids []int32, out []float64) {
	l.logits(ids, out)
	softmax(out)
}

func (l *linear) logits(ids []int32, out []float64) {
	k := len(l.Labels)
	s := 1.0
	if l.Scale != 0 {
		s = float64(l.Scale)
	}
	for j := 0; j < k; j++ {
		out[j] = s * float64(l.B[j])
	}
	if len(ids) == 0 {
		return
	}
	v := s / math.Sqrt(float64(len(ids)))
	if l.Q != nil && len(l.deq) == 256*k {
		l.logitsQuantized(ids, out, v)
		return
	}
	// Each class sums its terms in the order of ids, as a loop over ids
	// adding each row to out would; a few classes at a time, in registers,
	// it runs about three times as fast as through out.
	j := 0
	for ; j+4 <= k; j += 4 {
		a0, a1, a2, a3 := out[j], out[j+1], out[j+2], out[j+3]
		for _, id := range ids {
			row := l.W[int(id)*k+j : int(id)*k+j+4]
			a0 += v * float64(row[0])
			a1 += v * float64(row[1])
			a2 += v * float64(row[2])
			a3 += v * float64(row[3])
		}
		out[j], out[j+1], out[j+2], out[j+3] = a0, a1, a2, a3
	}
	if j+2 <= k {
		a0, a1 := out[j], out[j+1]
		for _, id := range ids {
			row := l.W[int(id)*k+j : int(id)*k+j+2]
			a0 += v * float64(row[0])
			a1 += v * float64(row[1])
		}
		out[j], out[j+1] = a0, a1
		j += 2
	}
	if j < k {
		a := out[j]
		for _, id := range ids {
			a += v * float64(l.W[int(id)*k+j])
		}
		out[j] = a
	}
}

func softmax(x []float64) {
	maxV := math.Inf(-1)
	for _, v := range x {
		maxV = math.Max(maxV, v)
	}
	sum := 0.0
	for i, v := range x {
		x[i] = math.Exp(v - maxV)
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

// trainConfig holds optimiser settings for trainLinear.
type trainConfig struct {
	Epochs int
	Rate   float64 // AdaGrad base learning rate
	L2     float64
	Seed   uint64
	Runs   int // independent runs (different shuffles) whose weights are averaged
	Cat    catSpec
	// categoryOnly skips the concern and urgency models (cross-validation
	// of the category model).
	categoryOnly bool
	// featScale, when set, trains as if feature f's input were multiplied
	// by featScale[f], with the factor folded into W (catlearn.go).
	featScale []float32
	// classWeight, when set, weighs each row's loss by its class's entry.
	classWeight []float64
	// concernLearner, when set, trains the concern detector from its rows
	// instead of trainLinear, and concernCalibration, when set and ok,
	// replaces calibrateConcern's fit: the acknowledgement
	// cross-validations (ackscv_test.go) compare learners and calibrations
	// through them; the shipped recipe sets neither.
	concernLearner     func(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear
	concernCalibration func(ds *Dataset, tr trainSet, cfg trainConfig) (a, c, b float64, ok bool)
	// concernDetector, when set, trains the concern detector (and the one
	// the calibration scores) from ds's rows, ids xs over vocab
	// (testdata/ACKS-CV-8.md); the shipped recipe does not set it.
	concernDetector func(ds *Dataset, xs [][]int32, vocab []string, cfg trainConfig) *linear
	// noRegister leaves the private register's features (register_cues.go)
	// out of the vocabulary, as if registerFeatures were off
	// (testdata/ACKS-CV-13.md's reference).
	noRegister bool
}

func defaultTrainConfig() trainConfig {
	// the category model: softmax regression and NB-weighted logistic
	// regression on words + character 1–3-grams, probabilities averaged;
	// chosen by the cross-validation of testdata/CATEGORY-CV.md; inputs
	// weighted by idf when the training messages are long (CATEGORY-CV-3.md)
	cat := catSpec{Trigrams: true, Members: []string{"lr", "nblr"}, AutoIDF: true}
	return trainConfig{Epochs: 12, Rate: 0.5, L2: 1e-5, Seed: 1, Runs: 3, Cat: cat}
}

// trainLinear fits a softmax regression: cfg.Runs runs of AdaGrad with
// different shuffles, weights averaged (equivalent to averaging the runs'
// logits, and much steadier than a single run). xs holds feature ids per
// example, ys the class index.
func trainLinear(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear {
	runs := max(cfg.Runs, 1)
	avg := &linear{Labels: labels, W: make([]float32, nFeat*len(labels)), B: make([]float32, len(labels))}
	for r := 0; r < runs; r++ {
		c := cfg
		c.Seed = cfg.Seed + uint64(r)
		accumulate(avg, trainRun(xs, ys, labels, nFeat, c), float32(runs))
	}
	return avg
}

// trainRun is one AdaGrad run; it returns the average of the weights at the
// end of the later half of the epochs.
func trainRun(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear {
	k := len(labels)
	l := &linear{Labels: labels, W: make([]float32, nFeat*k), B: make([]float32, k)}
	g2 := make([]float64, nFeat*k)
	b2 := make([]float64, k)
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	p := make([]float64, k)
	avg := &linear{Labels: labels, W: make([]float32, len(l.W)), B: make([]float32, k)}
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			l.probs(xs[i], p)
			p[ys[i]] -= 1 // gradient of cross-entropy w.r.t. logits
			if cfg.classWeight != nil {
				for j := range p {
					p[j] *= cfg.classWeight[ys[i]]
				}
			}
			l.step(xs[i], p, g2, b2, cfg)
		}
		if epoch >= cfg.Epochs/2 {
			accumulate(avg, l, float32(cfg.Epochs-cfg.Epochs/2))
		}
	}
	return avg
}

// accumulate adds l/n to avg: the returned model averages the weights at
// the end of the later epochs, which is steadier than the last iterate.
func accumulate(avg, l *linear, n float32) {
	for i, w := range l.W {
		avg.W[i] += w / n
	}
	for i, b := range l.B {
		avg.B[i] += b / n
	}
}

func (l *linear) step(ids []int32, grad, g2, b2 []float64, cfg trainConfig) {
	k := len(l.Labels)
	for j := 0; j < k; j++ {
		b2[j] += grad[j] * grad[j]
		l.B[j] -= float32(cfg.Rate * grad[j] / math.Sqrt(b2[j]+1e-8))
	}
	if len(ids) == 0 {
		return
	}
	v := 1 / math.Sqrt(float64(len(ids)))
	for _, id := range ids {
		base := int(id) * k
		rate, l2 := cfg.Rate, cfg.L2
		if cfg.featScale != nil {
			// AdaGrad on the folded weight u = w·s of an input scaled by
			// s: the same steps as on w, with rate·s and L2/s²
			s := float64(cfg.featScale[id])
			rate, l2 = rate*s, l2/(s*s)
		}
		for j := 0; j < k; j++ {
			g := grad[j]*v + l2*float64(l.W[base+j])
			g2[base+j] += g * g
			l.W[base+j] -= float32(rate * g / math.Sqrt(g2[base+j]+1e-8))
		}
	}
}
