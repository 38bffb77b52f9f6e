package intake

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// urgcv12NatFiles are the hand-written files whose urgent labels train the
// natural-only urgency signal in testdata/URGENT-CV-12.md: every file of
// naturalUrgentFiles and the blind dev files (the shipped signal also
// trains on the guard, dev-s24a, added after the run).
var urgcv12NatFiles = slices.Concat(naturalUrgentFiles, urgcvBlindFiles,
	[]string{"testdata/dev-s22a/group.tsv", "testdata/dev-s22b/dev.tsv", "testdata/dev-s23a/dev.tsv"})

// urgcv12Guard is the fresh guard of URGENT-CV-12.md: judged in aggregate
// only (its rows are never listed), trained on by no candidate.
const urgcv12Guard = "testdata/dev-s24a/dev.tsv"

// urgcv12Cand is a candidate of URGENT-CV-12.md: the natural-only urgency
// signal's row weighting and its weight in the mix (w 0: the shipped signal).
type urgcv12Cand struct {
	name    string
	w       float64
	balance bool
}

var urgcv12Cands = []urgcv12Cand{{"ship", 0, false}, {"nat30", 0.3, false}, {"nat50", 0.5, false}, {"bal30", 0.3, true}}

// TestUrgentNaturalCV runs testdata/URGENT-CV-12.md (opt-in, dev files
// only; a few minutes):
//
//	NEIGHBORBOT_URGCV12=1 nice go test ./intake -p 1 -run 'UrgentNaturalCV$' -v -timeout 60m
//
// As urgcvBlind (URGENT-CV-S21.md) it retrains only the urgency signal of
// the shipped model, per fold, candidate and seed: the main signal on the
// shipped urgent rows minus the fold's files, and for the mixed candidates
// a natural-only signal on urgcv12NatFiles minus the fold's files (never
// the guard), mixed in log-odds. NEIGHBORBOT_URGCV_SEED1=1 runs seed 1
// only, NEIGHBORBOT_URGCV_FOLDS=1,3 some folds (a quick look, not the
// protocol); NEIGHBORBOT_URGCV_ERRORS=1 lists errors (never the guard's).
func TestUrgentNaturalCV(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_URGCV12") == "" {
		t.Skip("set NEIGHBORBOT_URGCV12=1 to run testdata/URGENT-CV-12.md")
	}
	folds := slices.Concat(urgcvFolds, [][]string{urgcvS14Files})
	for _, f := range urgcvBlindFiles {
		folds = append(folds, []string{f})
	}
	folds = append(folds, []string{"testdata/dev-s22a/group.tsv"}, []string{"testdata/dev-s22b/dev.tsv"},
		[]string{"testdata/dev-s23a/dev.tsv"})
	nJudged := len(folds)
	if _, err := os.Stat(urgcv12Guard); err == nil {
		folds = append(folds, []string{urgcv12Guard})
	}
	u := newUrgcvShipped(t, folds, slices.Concat(naturalUrgentFiles, urgcv12NatFiles))
	shipped := u.shipped
	without := func(files []string, fold []string) []string {
		return slices.DeleteFunc(slices.Clone(files), func(f string) bool { return slices.Contains(fold, f) })
	}
	// the main signal, cached: the blind folds remove nothing from it
	type mainKey struct {
		files string
		seed  uint64
	}
	mains := map[mainKey]*linear{}
	mainSignal := func(files []string, seed uint64) *linear {
		k := mainKey{fmt.Sprint(files), seed}
		if mains[k] == nil {
			mains[k] = u.mainSignal(files, seed)
		}
		return mains[k]
	}
	seeds := urgcvBlindSeeds
	if os.Getenv("NEIGHBORBOT_URGCV_SEED1") != "" {
		seeds = seeds[:1]
	}
	only := urgcvOnlyFolds()
	sums := make([][]urgcvTally, len(urgcv12Cands))
	for c := range sums {
		sums[c] = make([]urgcvTally, len(folds))
	}
	for _, seed := range seeds {
		for k, fold := range folds {
			if len(only) > 0 && !only[k+1] {
				continue
			}
			guard := k >= nJudged
			mainFiles := without(naturalUrgentFiles, fold)
			natFiles := without(urgcv12NatFiles, fold)
			main := mainSignal(mainFiles, seed)
			nat := map[bool]*linear{}
			for c, cand := range urgcv12Cands {
				d := shipped.data
				d.Urgent = main
				if cand.w > 0 {
					if nat[cand.balance] == nil {
						nat[cand.balance] = u.natSignal(t, natFiles, cand.balance, seed)
					}
					d.Urgent = mixLinear(main, nat[cand.balance], cand.w)
				}
				m, err := newModel(d, nil)
				if err != nil {
					t.Fatal(err)
				}
				check := !shipNaturalUrgent && seed == 1 && cand.w == 0 && len(mainFiles) == len(naturalUrgentFiles)
				tally := u.judge(t, m, fold, check, !guard, fmt.Sprintf("%s seed %d fold %d", cand.name, seed, k+1))
				t.Logf("seed %2d fold %2d %-5s %s", seed, k+1, cand.name, tally)
				sums[c][k].addTally(tally)
			}
		}
	}
	urgcv12Report(t, folds, nJudged, sums, float64(len(seeds)), only)
}

// urgcvOnlyFolds reads NEIGHBORBOT_URGCV_FOLDS (1-based fold numbers,
// comma-separated; none: every fold).
func urgcvOnlyFolds() map[int]bool {
	only := map[int]bool{}
	for _, s := range strings.Split(os.Getenv("NEIGHBORBOT_URGCV_FOLDS"), ",") {
		if k, err := strconv.Atoi(s); err == nil {
			only[k] = true
		}
	}
	return only
}

// urgcv12Report logs the seeds' means per fold and pooled, and the checks
// of URGENT-CV-12.md's decision rule for each candidate against ship.
func urgcv12Report(t *testing.T, folds [][]string, nJudged int, sums [][]urgcvTally, n float64, only map[int]bool) {
	mean := func(u urgcvTally) string {
		f := func(a, b int) string { return fmt.Sprintf("%.2f/%.0f", float64(a)/n, float64(b)/n) }
		return fmt.Sprintf("urgent recall %s, mild marked urgent %s, chit-chat marked urgent %s, reports acknowledged %s, false acks %s",
			f(u.urgentHit, u.urgent), f(u.mildUrgent, u.mild), f(u.chatUrgent, u.chat), f(u.acked, u.reports), f(u.chatAcked, u.chat))
	}
	in := func(k int) bool { return len(only) == 0 || only[k+1] }
	for k, fold := range folds {
		if in(k) {
			for c, cand := range urgcv12Cands {
				t.Logf("mean fold %2d %-5s %s  (%s)", k+1, cand.name, mean(sums[c][k]), strings.Join(fold, " "))
			}
		}
	}
	pool := func(c, from, to int) (u urgcvTally) {
		for k := from; k < to && k < len(folds); k++ {
			if in(k) {
				u.addTally(sums[c][k])
			}
		}
		return u
	}
	pools := []struct {
		name     string
		from, to int
	}{{"pooled (judged folds)", 0, nJudged}, {"folds 1-4", 0, 4}, {"folds 5-10 (S21 blind)", 4, 10},
		{"folds 11-12 (dev-s22a/group, dev-s22b)", 10, 12}, {"fold 13 (dev-s23a)", 12, 13}, {"guard (dev-s24a)", nJudged, nJudged + 1}}
	for _, p := range pools {
		for c, cand := range urgcv12Cands {
			t.Logf("mean %s %-5s %s", p.name, cand.name, mean(pool(c, p.from, p.to)))
		}
	}
	d := func(a, b int) float64 { return float64(a-b) / n }
	for c, cand := range urgcv12Cands[1:] {
		c++
		u, s := pool(c, 0, nJudged), pool(0, 0, nJudged)
		worst := 0.0
		for k := 0; k < nJudged; k++ {
			if in(k) {
				worst = min(worst, d(sums[c][k].urgentHit, sums[0][k].urgentHit))
			}
		}
		a := d(u.urgentHit, s.urgentHit)
		b := d(u.mildUrgent+u.chatUrgent, s.mildUrgent+s.chatUrgent)
		fa, ak := d(u.chatAcked, s.chatAcked), d(u.acked, s.acked)
		pass := a >= 3 && b <= 5 && fa <= 0 && ak >= -2 && worst > -2
		t.Logf("rule %-5s (a) urgent recall %+.2f (≥ +3) (b) mild + chit-chat marked urgent %+.2f (≤ +5) (c) false acks %+.2f (≤ 0), reports acknowledged %+.2f (≥ −2) (d) worst fold %+.2f (> −2): pass %v",
			cand.name, a, b, fa, ak, worst, pass)
		if len(folds) > nJudged && in(nJudged) {
			g, gs := sums[c][nJudged], sums[0][nJudged]
			ga, gb := d(g.urgentHit, gs.urgentHit), d(g.mildUrgent+g.chatUrgent, gs.mildUrgent+gs.chatUrgent)
			gf, gk := d(g.chatAcked, gs.chatAcked), d(g.acked, gs.acked)
			t.Logf("guard %-5s urgent recall %+.2f (≥ 0) mild + chit-chat marked urgent %+.2f (≤ +3) false acks %+.2f (< +1) reports acknowledged %+.2f (≥ −2): no loss %v",
				cand.name, ga, gb, gf, gk, ga >= 0 && gb <= 3 && gf < 1 && gk >= -2)
		}
	}
}

// natSignal trains the natural-only urgency signal on the urgent rows of
// files (each unit balanced with balance) at seed, as withNaturalUrgent
// and trainNaturalUrgent do for the built-in model.
func (u *urgcvShipped) natSignal(t *testing.T, files []string, balance bool, seed uint64) *linear {
	t.Helper()
	natUW, err := naturalUrgentWeights(files, ReadTSVFile, NaturalUrgentWeight, balance)
	if err != nil {
		t.Fatal(err)
	}
	ds := &Dataset{HasUrgent: true}
	var xs [][]int32
	for _, f := range files {
		for i, ex := range u.rows[f] {
			ex.natUW, ex.natUY = natUW[ex.Text], ex.Urgent
			ds.Examples = append(ds.Examples, ex)
			xs = append(xs, u.rowX[f][i])
		}
	}
	cfg := defaultTrainConfig()
	cfg.Seed = seed
	return trainNaturalUrgent(ds, xs, len(u.shipped.data.Features), cfg)
}

// TestNaturalUrgentShipped: the shipped urgency signal is the harness's
// recipe of testdata/URGENT-CV-12.md for its chosen candidate (bal30) on
// every file, weight for weight: the main signal on naturalUrgentFiles,
// mixed at naturalUrgentMix with the natural-only signal on those files
// and naturalUrgentOnlyFiles, seed 1.
func TestNaturalUrgentShipped(t *testing.T) {
	if !shipNaturalUrgent {
		t.Skip("the natural-only urgency signal is off")
	}
	if testing.Short() {
		t.Skip("retrains the urgency signal")
	}
	files := slices.Concat(naturalUrgentFiles, naturalUrgentOnlyFiles)
	u := newUrgcvShipped(t, [][]string{files}, files)
	want := mixLinear(u.mainSignal(naturalUrgentFiles, 1), u.natSignal(t, files, naturalUrgentBalance, 1), naturalUrgentMix)
	got := u.shipped.data.Urgent
	if !slices.Equal(got.W, want.W) || !slices.Equal(got.B, want.B) {
		t.Errorf("the shipped urgency signal is not the recipe of URGENT-CV-12.md (retrain the model?)")
	}
}
