package intake

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
)

// naturalMix is the weight of the natural-only concern detector's log-odds
// in the shipped concern detector, (1 − naturalMix)·z + naturalMix·z_nat,
// before the calibration. The generated corpus teaches the main detector
// "trouble word → report"; a second detector that only ever saw
// hand-written rows (naturalOnlyFiles and the natural rows of
// naturalDevFiles, each unit's classes balanced) ranks real chat by how
// people write. Chosen by the cross-validation by file of
// testdata/ACKS-CV-8.md (dev files only, three training seeds; weights 0.3
// and 0.5, with and without naturalOnlyFiles), never on a test file.
const naturalMix = 0.3

// shipNaturalMix puts the natural-only rows into BuiltinCorpus, so that the
// built-in model's concern detector is the mix. On since session 11: in
// ACKS-CV-8.md the mix (`nat+brw-30`) passed rules 1–3 on three seeds'
// mean; its rule 4, the test suite with the retrained model, failed on one
// row of TestSession9Vetoes only (a dev-s14u question about our lifts after
// television news, acknowledged at 0.85 by the old detector, waiting for
// review at 0.61 with the mix), while the named gates and the benchmark
// held. The lead decided to ship and to move that row's expectation (see
// ACKS-CV-8.md, "Lead's decision"). Off, the detector is the old one.
var shipNaturalMix = true

// naturalNoLength trains the natural-only detector without the length
// buckets (len:s, len:m, …), so that its log-odds, mixed in, say nothing of
// a message's length: the hand-written files hold reports written long and
// chit-chat written short (testdata/TERSE-13.md, cause 1). The main
// detector keeps them. A knob of testdata/TERSE-13c.md.
var naturalNoLength = false

// naturalFeatures returns xs (ids over vocab) as the natural-only detector
// learns them: without the length buckets under naturalNoLength.
func naturalFeatures(xs [][]int32, vocab []string) [][]int32 {
	if !naturalNoLength {
		return xs
	}
	out := make([][]int32, len(xs))
	for i, x := range xs {
		out[i] = slices.DeleteFunc(slices.Clone(x), func(id int32) bool { return strings.HasPrefix(vocab[id], "len:") })
	}
	return out
}

// naturalOnlyFiles are hand-written dev files whose rows train the
// natural-only concern detector only (ACKS-CV-7.md's blind files B and
// rule-writers' files R; since session 12 the blind dev files of sessions
// 11 and 12, testdata/ACKS-CV-10.md): the main detector, its calibration
// and the urgency signal never see them. (The reports of the blind files
// dev-s18b/group, dev-s19u and dev-s20a..d also train the category model,
// as category-only rows of the generated corpus: gencorpus/natural.go,
// testdata/CATEGORY-CV-8.md.)
var naturalOnlyFiles = []string{
	"testdata/dev-s18b/group.tsv", "testdata/dev-s18b/sms.tsv", "testdata/dev-s19u/dev.tsv",
	"testdata/dev-s20a/dev.tsv", "testdata/dev-s20b/dev.tsv", "testdata/dev-s20c/dev.tsv", "testdata/dev-s20d/dev.tsv",
	"testdata/dev-s16c/personal.tsv", "testdata/dev-s16c/service.tsv", "testdata/dev-s16c/work.tsv",
	"testdata/dev-s16c/group.tsv", "testdata/dev-past/dev.tsv", "testdata/dev-past/dev2.tsv",
	"testdata/dev-own6/dev.tsv", "testdata/dev-own6/dev2.tsv", "testdata/dev-s17p/dev.tsv",
	"testdata/dev-s17u/letters.tsv", "testdata/dev-s17u/trad.tsv", "testdata/dev-s17u/dialect.tsv",
	"testdata/dev-s17u/retell.tsv", "testdata/dev-s17u/plain.tsv",
	// session 12 (testdata/ACKS-CV-10.md): the blind dev files of sessions
	// 11 and 12; dev-s23b and dev-s24b are personal text messages only
	// (units of chit-chat alone: nothing to balance)
	"testdata/dev-s22a/sms.tsv", "testdata/dev-s22a/group.tsv", "testdata/dev-s22b/dev.tsv",
	"testdata/dev-s23a/dev.tsv", "testdata/dev-s23b/sms.tsv", "testdata/dev-s24a/dev.tsv",
	"testdata/dev-s24b/personal.tsv", "testdata/dev-s24c/dev.tsv", "testdata/dev-s24d/dev.tsv",
}

// naturalUnit is the unit whose two classes the natural-only detector
// balances: a file's folder, or the file itself when it lies directly in
// testdata/ (several folders hold files of one class only).
func naturalUnit(f string) string {
	if d := filepath.Dir(f); d != "testdata" {
		return d
	}
	return f
}

// naturalOnlyWeights weighs the rows of files (read by read) for the
// natural-only detector, by text: chit-chat NaturalConcernWeight, reports
// so that each unit's reports weigh as much as its chit-chat.
func naturalOnlyWeights(files []string, read func(string) (*Dataset, error)) (map[string]float64, error) {
	return unitBalancedWeights(files, read, NaturalConcernWeight, true, func(ex Example) bool { return ex.Concern == 1 })
}

// unitBalancedWeights weighs the rows of files (read by read), by text:
// every row w; with balance, the rows pos picks out so that, in each unit
// (naturalUnit), they weigh as much in total as the unit's other rows.
func unitBalancedWeights(files []string, read func(string) (*Dataset, error), w float64, balance bool, pos func(Example) bool) (map[string]float64, error) {
	other, picked := map[string]int{}, map[string]int{}
	rows := make([][]Example, len(files))
	for i, f := range files {
		ds, err := read(f)
		if err != nil {
			return nil, err
		}
		for _, ex := range ds.Examples {
			if pos(ex) {
				picked[naturalUnit(f)]++
			} else {
				other[naturalUnit(f)]++
			}
		}
		rows[i] = ds.Examples
	}
	out := map[string]float64{}
	for i, f := range files {
		u := naturalUnit(f)
		for _, ex := range rows[i] {
			out[ex.Text] = w
			if balance && pos(ex) && other[u] > 0 {
				out[ex.Text] *= float64(other[u]) / float64(picked[u])
			}
		}
	}
	return out, nil
}

// naturalOnly reports whether the row trains the natural-only detector
// and nothing else.
func (ex Example) naturalOnly() bool { return ex.natW > 0 && ex.Concern < 0 }

// trainNaturalConcern trains the natural-only concern detector on the rows
// of ds with a natural weight (each text once, labelled by its concern, or
// natY for natural-only rows), by the main detector's learner; nil when
// there are none, or one class only.
func trainNaturalConcern(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	return trainNaturalOnce(ds, xs, nFeat, cfg, func(ex Example) (float64, int) {
		if ex.naturalOnly() {
			return ex.natW, ex.natY
		}
		return ex.natW, ex.Concern
	})
}

// trainNaturalOnce trains a two-class detector, by the main detector's
// learner, on the rows of ds to which weight gives a weight > 0 (each text
// once, counted its weight rounded, at least once) with the label it
// gives; nil when there are none, or one class only.
func trainNaturalOnce(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig, weight func(Example) (float64, int)) *linear {
	var nx [][]int32
	var ny []int
	seen := map[string]bool{}
	pos := 0
	for i, ex := range ds.Examples {
		w, y := weight(ex)
		if w <= 0 || seen[ex.Text] {
			continue
		}
		seen[ex.Text] = true
		for r := max(1, int(math.Round(w))); r > 0; r-- {
			nx, ny = append(nx, xs[i]), append(ny, y)
			pos += y
		}
	}
	if pos == 0 || pos == len(nx) {
		return nil
	}
	return trainLinear(nx, ny, []string{"0", "1"}, nFeat, cfg)
}

// mixLinear returns the linear model whose logits are (1 − w) times a's
// plus w times b's (both unscaled, with the same labels and features): for
// two classes its log-odds are the mix of theirs.
func mixLinear(a, b *linear, w float64) *linear {
	if a.Scale != 0 && a.Scale != 1 || b.Scale != 0 && b.Scale != 1 || len(a.W) != len(b.W) || len(a.B) != len(b.B) {
		panic("mixLinear: scaled or differently shaped models")
	}
	m := &linear{Labels: a.Labels, W: make([]float32, len(a.W)), B: make([]float32, len(a.B))}
	for i := range a.W {
		m.W[i] = float32((1-w)*float64(a.W[i]) + w*float64(b.W[i]))
	}
	for i := range a.B {
		m.B[i] = float32((1-w)*float64(a.B[i]) + w*float64(b.B[i]))
	}
	return m
}
