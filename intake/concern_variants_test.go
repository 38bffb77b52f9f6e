package intake

// The concern detector's learners and calibration that the
// acknowledgement cross-validations compare (ackscv_test.go,
// testdata/ACKS-CV*.md) and the shipped recipe does not use; they reach
// training through trainConfig.concernLearner and concernCalibration.

import "math"

// concernVariant is a learner for the concern detector: softmax
// regression with its own L2 (0: the config's), rows weighed by class
// ((N/(2·n_class))^balance, 0: not), and an NB-weighted logistic
// regression added (nb: logits averaged) or alone (nbOnly).
type concernVariant struct {
	l2, balance float64
	nb, nbOnly  bool
}

// set makes v the learner of cfg.
func (v concernVariant) set(cfg *trainConfig) { cfg.concernLearner = v.train }

func (v concernVariant) train(cx [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear {
	if v.l2 > 0 {
		cfg.L2 = v.l2
	}
	if v.balance > 0 {
		cfg.classWeight = classWeights(ys, 2, v.balance)
	}
	if !v.nb && !v.nbOnly {
		return trainLinear(cx, ys, labels, nFeat, cfg)
	}
	nb := trainBinaryNBLR(cx, ys, labels, nFeat, cfg)
	if v.nbOnly {
		return nb
	}
	// the two members' logits averaged: both are linear in the same
	// normalised inputs, so their average is one linear model, as cheap to
	// run and stored as one detector
	lr := trainLinear(cx, ys, labels, nFeat, cfg)
	for i := range lr.W {
		lr.W[i] = (lr.W[i] + nb.W[i]) / 2
	}
	for i := range lr.B {
		lr.B[i] = (lr.B[i] + nb.B[i]) / 2
	}
	return lr
}

// trainBinaryNBLR is trainNBLR for two classes: the log-count ratios of
// class 0 are those of class 1 negated, so one binary model for class 1
// serves both columns (logit difference 2·z).
func trainBinaryNBLR(xs [][]int32, ys []int, labels []string, nFeat int, cfg trainConfig) *linear {
	r := nbRatios(xs, ys, 2, nFeat, cfg.Cat.NBAlpha)
	scale := make([]float32, nFeat)
	for f := range scale {
		scale[f] = r[f*2+1]
	}
	w, b := trainBinaryScaled(xs, ys, 1, scale, cfg)
	l := &linear{Labels: labels, W: make([]float32, nFeat*2), B: []float32{-b, b}}
	for f := range scale {
		l.W[f*2+1] = w[f] * scale[f]
		l.W[f*2] = -l.W[f*2+1]
	}
	return l
}

// withGroupCal makes cfg calibrate the concern detector by group
// (calibrateConcernGrouped).
func withGroupCal(cfg *trainConfig) { cfg.concernCalibration = calibrateConcernGrouped }

// calibrateConcernGrouped fits the same Platt inputs as calibrateConcern,
// but only on the natural rows (Example.group > 0), each scored by a
// detector trained on every other row except its own group's: the
// calibration then sees how the detector does on writers it did not learn
// from, not on the generated corpus's near-copies of its training rows.
// The prior shift starts from those rows' weighted share of reports. The
// natural rows add no features, so the vocabulary and coverage are those
// of the whole corpus. ok is false when fewer than two groups are present.
func calibrateConcernGrouped(ds *Dataset, tr trainSet, cfg trainConfig) (a, c, b float64, ok bool) {
	var groups []int
	seen := map[int]bool{}
	for _, ex := range ds.Examples {
		if ex.group > 0 && ex.Concern >= 0 && !seen[ex.group] {
			seen[ex.group] = true
			groups = append(groups, ex.group)
		}
	}
	if len(groups) < 2 {
		return 0, 0, 0, false
	}
	known := make(map[string]bool, len(tr.vocab))
	for _, f := range tr.vocab {
		known[f] = true
	}
	var phi [][]float64
	var ys []int
	var ws []float64
	out := make([]float64, 2)
	for _, g := range groups {
		fit := Dataset{HasConcern: true}
		var fitX [][]int32
		var held []int
		for i, ex := range ds.Examples {
			if ex.group == g && ex.Concern >= 0 {
				held = append(held, i)
				continue
			}
			fit.Examples = append(fit.Examples, ex)
			fitX = append(fitX, tr.xs[i])
		}
		l := trainConcern(&fit, fitX, len(tr.vocab), cfg)
		if l == nil {
			return 0, 0, 0, false
		}
		for _, i := range held {
			l.logits(tr.xs[i], out)
			phi = append(phi, []float64{out[1] - out[0], coverageIn(tr.feats[i], known), 1})
			ys, ws = append(ys, ds.Examples[i].Concern), append(ws, ds.Examples[i].weightOf())
		}
	}
	theta := logisticFit(phi, ys, ws)
	a, c, b = theta[0], theta[1], theta[2]
	pos, all := 0.0, 0.0
	for k, y := range ys {
		pos, all = pos+ws[k]*float64(y), all+ws[k]
	}
	if share := pos / math.Max(all, 1); share > 0 && share < 1 {
		b += logit(groupReportShare) - logit(share)
	}
	return a, c, b, true
}
