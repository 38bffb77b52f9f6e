package intake

import (
	"slices"
	"strings"
	"time"
)

// ClassMetrics holds precision, recall and F1 for one category.
type ClassMetrics struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Report summarises an evaluation. Category metrics cover rows whose gold
// label is a concern (all rows for category-only files) and use the
// predicted category even if the concern detector missed the row; location
// exact-match covers concern rows that have a location column and compares
// the set of words as they appear; urgent recall covers rows with urgent=1.
type Report struct {
	N                int            `json:"n"`
	CategoryN        int            `json:"category_n"`
	Accuracy         float64        `json:"accuracy"`
	MacroF1          float64        `json:"macro_f1"`
	Classes          []ClassMetrics `json:"classes"`
	Labels           []string       `json:"labels"`
	Confusion        [][]int        `json:"confusion"` // [gold][predicted], in Labels order
	ConcernPrecision float64        `json:"concern_precision"`
	ConcernRecall    float64        `json:"concern_recall"`
	ConcernF1        float64        `json:"concern_f1"`
	LocationN        int            `json:"location_n"`
	LocationExact    float64        `json:"location_exact"`
	UrgentN          int            `json:"urgent_n"`
	UrgentRecall     float64        `json:"urgent_recall"`
	UrgentPrecision  float64        `json:"urgent_precision"`
	// ChatN counts rows labelled not a concern; FalseAckPer100 is how many
	// of every 100 of them the bot would acknowledge in the group.
	ChatN          int     `json:"chat_n"`
	FalseAckPer100 float64 `json:"false_ack_per_100"`
	// AckRecall is the share of concern rows acknowledged in the group;
	// AckPrecision the share of acknowledged rows that are concerns.
	AckRecall    float64 `json:"ack_recall"`
	AckPrecision float64 `json:"ack_precision"`
	// LocationRecall is the share of concern rows naming a place for which
	// every gold place overlaps an extracted one (boundaries may differ).
	LocationPlaceN int     `json:"location_place_n"`
	LocationRecall float64 `json:"location_recall"`
	MsgsPerSec     float64 `json:"msgs_per_sec"`
}

// Evaluate runs the model over a dataset and computes the Report.
func Evaluate(m *Model, ds *Dataset) Report {
	rep := Report{N: len(ds.Examples)}
	results := make([]Result, len(ds.Examples))
	start := time.Now()
	for i, ex := range ds.Examples {
		results[i] = m.Understand(ex.Text)
	}
	if el := time.Since(start).Seconds(); el > 0 {
		rep.MsgsPerSec = float64(len(results)) / el
	}
	var t tally
	for i, ex := range ds.Examples {
		t.add(m, ex, results[i])
	}
	rep.ConcernPrecision, rep.ConcernRecall, rep.ConcernF1 = prf(t.cTP, t.cFP, t.cFN)
	rep.LocationN, rep.LocationExact = t.locN, ratio(t.locOK, t.locN)
	rep.UrgentN, rep.UrgentRecall = t.urgN, ratio(t.urgHit, t.urgN)
	rep.UrgentPrecision = ratio(t.urgTP, t.urgPred)
	rep.ChatN = t.chatN
	rep.FalseAckPer100 = 100 * ratio(t.ackFP, t.chatN)
	rep.AckRecall = ratio(t.ackTP, t.concernN)
	rep.AckPrecision = ratio(t.ackTP, t.ackTP+t.ackFP)
	rep.LocationPlaceN, rep.LocationRecall = t.placeN, ratio(t.placeOK, t.placeN)
	rep.fillCategory(t.gold, t.pred)
	return rep
}

// tally accumulates per-row outcomes for Evaluate.
type tally struct {
	gold, pred                    []string
	cTP, cFP, cFN                 int
	locN, locOK                   int
	urgN, urgHit, urgPred, urgTP  int
	chatN, concernN, ackTP, ackFP int
	placeN, placeOK               int
}

func (t *tally) add(m *Model, ex Example, r Result) {
	if ex.Category != "" && ex.Concern != 0 {
		t.gold = append(t.gold, ex.Category)
		t.pred = append(t.pred, m.categoryOf(r))
	}
	t.cTP, t.cFP, t.cFN = countBinary(ex.Concern, r.Concern, t.cTP, t.cFP, t.cFN)
	switch ex.Concern {
	case 0:
		t.chatN++
		if r.Ack {
			t.ackFP++
		}
	case 1:
		t.concernN++
		if r.Ack {
			t.ackTP++
		}
	}
	if ex.Concern != 0 && len(ex.Location) > 0 {
		t.placeN++
		if overlapsAll(ex.Location, r.Location) {
			t.placeOK++
		}
	}
	if ex.HasLocation && ex.Concern != 0 {
		t.locN++
		if sameSet(ex.Location, r.Location) {
			t.locOK++
		}
	}
	if ex.Urgent == 1 {
		t.urgN++
		if r.Urgent {
			t.urgHit++
		}
	}
	if r.Urgent && ex.Urgent >= 0 {
		t.urgPred++
		if ex.Urgent == 1 {
			t.urgTP++
		}
	}
}

// categoryOf returns the predicted category, classifying messages the
// concern detector rejected so category quality is measured on its own.
func (m *Model) categoryOf(r Result) string {
	if r.Category != "" {
		return r.Category
	}
	c, _ := m.classify(r.Normalized, featureIDs(m.seg, r.Normalized, m.index))
	return c.Name
}

func countBinary(gold int, pred bool, tp, fp, fn int) (int, int, int) {
	switch {
	case gold == 1 && pred:
		tp++
	case gold == 0 && pred:
		fp++
	case gold == 1 && !pred:
		fn++
	}
	return tp, fp, fn
}

func (rep *Report) fillCategory(gold, pred []string) {
	rep.CategoryN = len(gold)
	rep.Labels = distinct(append(slices.Clone(gold), pred...))
	pos := map[string]int{}
	for i, l := range rep.Labels {
		pos[l] = i
	}
	k := len(rep.Labels)
	rep.Confusion = make([][]int, k)
	for i := range rep.Confusion {
		rep.Confusion[i] = make([]int, k)
	}
	correct := 0
	for i := range gold {
		rep.Confusion[pos[gold[i]]][pos[pred[i]]]++
		if gold[i] == pred[i] {
			correct++
		}
	}
	rep.Accuracy = ratio(correct, len(gold))
	sum, n := 0.0, 0
	for i, l := range rep.Labels {
		tp, fp, fn := rep.Confusion[i][i], 0, 0
		for j := 0; j < k; j++ {
			if j != i {
				fp += rep.Confusion[j][i]
				fn += rep.Confusion[i][j]
			}
		}
		p, r, f := prf(tp, fp, fn)
		rep.Classes = append(rep.Classes, ClassMetrics{Label: l, Precision: p, Recall: r, F1: f, Support: tp + fn})
		if tp+fn > 0 {
			sum += f
			n++
		}
	}
	rep.MacroF1 = ratio2(sum, n)
}

func prf(tp, fp, fn int) (p, r, f float64) {
	p, r = ratio(tp, tp+fp), ratio(tp, tp+fn)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func ratio(a, b int) float64 { return ratio2(float64(a), b) }

func ratio2(a float64, b int) float64 {
	if b == 0 {
		return 0
	}
	return a / float64(b)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// overlapsAll reports whether every gold place shares text with an
// extracted one (one contains the other).
func overlapsAll(gold, got []string) bool {
	for _, g := range gold {
		found := false
		for _, w := range got {
			if strings.Contains(w, g) || strings.Contains(g, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
