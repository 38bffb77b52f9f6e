package intake

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// urgcvBlindFiles are the blind dev files (their writers read no code)
// whose urgent labels testdata/URGENT-CV-S21.md asks about; each is a fold
// of its own.
var urgcvBlindFiles = []string{"testdata/dev-s18b/group.tsv", "testdata/dev-s19u/dev.tsv",
	"testdata/dev-s20a/dev.tsv", "testdata/dev-s20b/dev.tsv", "testdata/dev-s20c/dev.tsv", "testdata/dev-s20d/dev.tsv"}

// urgcvBlindSeeds are the training seeds of testdata/URGENT-CV-S21.md
// (those of ACKS-CV-7b.md; the shipped model trains at seed 1).
var urgcvBlindSeeds = []uint64{1, 11, 21}

// urgcvBlind runs testdata/URGENT-CV-S21.md (NEIGHBORBOT_URGCV_NEW=blind):
// the shipped model with only its urgency signal retrained, per fold,
// candidate and seed, on the shipped urgent rows minus the fold's files
// (`ship`) and with the blind files' urgent rows too (`+blind`). The
// urgency signal's rows add no features, and neither the concern detector
// nor the category model reads their urgent labels, so the rest of the
// model is the shipped one whatever the candidate.
func urgcvBlind(t *testing.T) {
	folds := append(slices.Clone(urgcvFolds), urgcvS14Files)
	for _, f := range urgcvBlindFiles {
		folds = append(folds, []string{f})
	}
	u := newUrgcvShipped(t, folds, slices.Concat(naturalUrgentFiles, urgcvBlindFiles))
	shipped := u.shipped
	// train retrains the urgency signal of the shipped model on the urgent
	// rows of files, in the shipped order.
	train := func(files []string, seed uint64) *Model {
		d := shipped.data
		d.Urgent = u.mainSignal(files, seed)
		m, err := newModel(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	cands := []string{"ship", "+blind"}
	// sums[cand][fold] adds the seeds' tallies; the means are sums / seeds
	sums := map[string][]urgcvTally{}
	for _, c := range cands {
		sums[c] = make([]urgcvTally, len(folds))
	}
	seeds := urgcvBlindSeeds
	if os.Getenv("NEIGHBORBOT_URGCV_SEED1") != "" { // a quick look, not the protocol
		seeds = seeds[:1]
	}
	only := urgcvOnlyFolds()
	for _, seed := range seeds {
		for k, fold := range folds {
			if len(only) > 0 && !only[k+1] {
				continue
			}
			var ship []string
			for _, f := range naturalUrgentFiles {
				if !slices.Contains(fold, f) {
					ship = append(ship, f)
				}
			}
			for _, cand := range cands {
				files := ship
				if cand == "+blind" {
					for _, f := range urgcvBlindFiles {
						if !slices.Contains(fold, f) {
							files = append(files[:len(files):len(files)], f)
						}
					}
				}
				m := train(files, seed)
				// at seed 1, ship on a fold that removes nothing is the shipped model
				// (before the natural-only urgency signal shipped, URGENT-CV-12.md)
				check := !shipNaturalUrgent && seed == 1 && len(files) == len(naturalUrgentFiles) && cand == "ship"
				tally := u.judge(t, m, fold, check, true, fmt.Sprintf("%s seed %d fold %d", cand, seed, k+1))
				t.Logf("seed %2d fold %2d %-7s %s", seed, k+1, cand, tally)
				sums[cand][k].addTally(tally)
			}
		}
	}
	n := float64(len(seeds))
	mean := func(u urgcvTally) string {
		f := func(a, b int) string { return fmt.Sprintf("%.2f/%.0f", float64(a)/n, float64(b)/n) }
		return fmt.Sprintf("urgent recall %s, mild marked urgent %s, chit-chat marked urgent %s, reports acknowledged %s, false acks %s, marked urgent %.2f",
			f(u.urgentHit, u.urgent), f(u.mildUrgent, u.mild), f(u.chatUrgent, u.chat), f(u.acked, u.reports), f(u.chatAcked, u.chat), float64(u.pred+u.chatUrgent)/n)
	}
	pools := []struct {
		name string
		in   func(k int) bool
	}{
		{"pooled", func(int) bool { return true }},
		{"old folds 1-4", func(k int) bool { return k < 4 }},
		{"blind folds 5-10", func(k int) bool { return k >= 4 }},
	}
	for k := range folds {
		if len(only) > 0 && !only[k+1] {
			continue
		}
		for _, c := range cands {
			t.Logf("mean fold %2d %-7s %s", k+1, c, mean(sums[c][k]))
		}
	}
	for _, p := range pools {
		for _, c := range cands {
			var u urgcvTally
			for k := range folds {
				if p.in(k) {
					u.addTally(sums[c][k])
				}
			}
			t.Logf("mean %s %-7s %s", p.name, c, mean(u))
		}
	}
}

func (u *urgcvTally) addTally(v urgcvTally) {
	u.urgent += v.urgent
	u.urgentHit += v.urgentHit
	u.pred += v.pred
	u.mild += v.mild
	u.mildUrgent += v.mildUrgent
	u.chat += v.chat
	u.chatUrgent += v.chatUrgent
	u.reports += v.reports
	u.acked += v.acked
	u.chatAcked += v.chatAcked
}

// urgcvShipped holds what the urgency-only cross-validations
// (URGENT-CV-S21.md, URGENT-CV-12.md) retrain from: the shipped model, the
// built-in corpus without its natural rows, and the urgent rows of the
// natural files (shaped as naturalUrgentRows shapes them, read from disk),
// with their ids over the shipped features.
type urgcvShipped struct {
	shipped *Model
	base    *Dataset
	baseX   [][]int32
	rows    map[string][]Example
	rowX    map[string][][]int32
}

// newUrgcvShipped checks that no fold holds a test file and reads the
// shipped model, the corpus and the rows of files.
func newUrgcvShipped(t *testing.T, folds [][]string, files []string) *urgcvShipped {
	t.Helper()
	for _, fold := range folds {
		for _, f := range fold {
			if isTestFile(f) {
				t.Fatalf("%s is a test file", f)
			}
		}
	}
	shipped, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	u := &urgcvShipped{shipped: shipped, base: builtinWithoutNatural(t), rows: map[string][]Example{}, rowX: map[string][][]int32{}}
	u.baseX = u.ids(u.base.Examples)
	for _, f := range files {
		if _, ok := u.rows[f]; !ok {
			u.rows[f] = urgcvRows(t, []string{f}, NaturalUrgentWeight, func(ex *Example) { ex.Category, ex.Concern = "", -1 })
			u.rowX[f] = u.ids(u.rows[f])
		}
	}
	return u
}

func (u *urgcvShipped) ids(exs []Example) [][]int32 {
	xs := make([][]int32, len(exs))
	for i, ex := range exs {
		xs[i] = uniqueIDs(extractFeatures(u.shipped.seg, Normalize(ex.Text)), u.shipped.index)
	}
	return xs
}

// mainSignal trains the shipped urgency signal on the corpus and the
// urgent rows of files, in the shipped order, at seed.
func (u *urgcvShipped) mainSignal(files []string, seed uint64) *linear {
	ds := &Dataset{HasConcern: true, HasUrgent: true, HasLocation: true}
	ds.Examples = slices.Clone(u.base.Examples)
	xs := slices.Clone(u.baseX)
	for _, f := range files {
		ds.Examples = append(ds.Examples, u.rows[f]...)
		xs = append(xs, u.rowX[f]...)
	}
	cfg := defaultTrainConfig()
	cfg.Seed = seed
	return trainUrgent(ds, xs, len(u.shipped.data.Features), cfg)
}

// judge tallies m's judgements of the rows of fold; with check, it fails
// the test where m judges a row (urgent, acknowledged) otherwise than the
// shipped model; with listErrors and NEIGHBORBOT_URGCV_ERRORS set, it logs
// each urgency error, after label.
func (u *urgcvShipped) judge(t *testing.T, m *Model, fold []string, check, listErrors bool, label string) urgcvTally {
	t.Helper()
	var tally urgcvTally
	forExamples(t, fold, func(f string, ex Example) {
		r := m.Understand(ex.Text)
		tally.add(ex, r)
		if check {
			if s := u.shipped.Understand(ex.Text); s.Urgent != r.Urgent || s.Ack != r.Ack {
				t.Errorf("the retrained ship model differs from the shipped one on a row of %s", f)
			}
		}
		if listErrors && os.Getenv("NEIGHBORBOT_URGCV_ERRORS") != "" && (ex.Urgent == 1) != r.Urgent {
			t.Logf("  %s %s urgent %d got %v: %s", label, f, ex.Urgent, r.Urgent, ex.Text)
		}
	})
	return tally
}
