package intake

import "slices"

// The natural-only urgency signal (testdata/URGENT-CV-12.md). The learnt
// urgency signal (urgent_model.go) reads mostly generated corpus rows, and
// dangers told in everyday words (no water for an old lady, a neighbour not
// answering, petrol cans in a stairwell) get a low P(urgent) from it. A
// second signal trained on hand-written rows only, its log-odds mixed into
// the first's as the natural-only concern detector's are (natural_mix.go),
// ranks dangers by how people write them.

// naturalUrgentMix is the weight of the natural-only urgency signal's
// log-odds in the learnt one, (1 − w)·z + w·z_nat, read at the same cuts
// (urgentModelCut, urgentReportCut). Chosen with the unit balance
// (naturalUrgentBalance) by the cross-validation by file of
// testdata/URGENT-CV-12.md (dev files only, three training seeds; weights
// 0.3 and 0.5, flat or balanced; a fresh blind guard, dev-s24a, judged
// before it trained), never on a test file.
const naturalUrgentMix = 0.3

// naturalUrgentBalance: each unit's urgent rows weigh as much in total as
// its other rows in the natural-only urgency signal (URGENT-CV-12.md's
// bal30).
const naturalUrgentBalance = true

// shipNaturalUrgent puts the natural urgent rows into BuiltinCorpus, so
// that the built-in model's urgency signal is the mix. On since session
// 12: in URGENT-CV-12.md the mix passed the decision rule on three seeds'
// mean (urgent recall +4.00 of 1040 pooled, mild reports and chit-chat
// marked urgent −1.67, no acknowledgement moved) and did not lose on the
// guard. Off, the signal is the old one.
var shipNaturalUrgent = true

// naturalUrgentOnlyFiles are hand-written dev files whose urgent labels
// train the natural-only urgency signal only: the blind files of
// URGENT-CV-S21.md (whose concern labels train the natural-only concern
// detector, naturalOnlyFiles) and the blind files written since.
var naturalUrgentOnlyFiles = []string{
	"testdata/dev-s18b/group.tsv", "testdata/dev-s19u/dev.tsv", "testdata/dev-s20a/dev.tsv", "testdata/dev-s20b/dev.tsv",
	"testdata/dev-s20c/dev.tsv", "testdata/dev-s20d/dev.tsv", "testdata/dev-s22a/group.tsv", "testdata/dev-s22b/dev.tsv",
	"testdata/dev-s23a/dev.tsv", "testdata/dev-s24a/dev.tsv",
}

// withNaturalUrgent weighs ds's natural urgent rows (naturalUrgentRows:
// urgent label, no concern; those of the files urgent) for the natural-only
// urgency signal and appends the rows of only, which train it only
// (BuiltinCorpus: naturalUrgentFiles and naturalUrgentOnlyFiles).
func withNaturalUrgent(ds *Dataset, urgent, only []string) (*Dataset, error) {
	files := slices.Concat(urgent, only)
	w, err := naturalUrgentWeights(files, readNaturalFile, NaturalUrgentWeight, naturalUrgentBalance)
	if err != nil {
		return nil, err
	}
	for i, ex := range ds.Examples {
		if ex.group > 0 && ex.Concern < 0 && ex.Urgent >= 0 && ex.natW == 0 {
			ds.Examples[i].natUW, ds.Examples[i].natUY = w[ex.Text], ex.Urgent
		}
	}
	return withOnlyRows(ds, only, "urgent", func(ex *Example) int {
		ex.natUW, ex.natUY = w[ex.Text], ex.Urgent
		return ex.Urgent
	})
}

// urgencySignal trains the learnt urgency signal (trainUrgent), mixed with
// the natural-only one when ds has rows with a natural urgency weight.
func urgencySignal(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	l := trainUrgent(ds, xs, nFeat, cfg)
	if l == nil {
		return nil
	}
	if nat := trainNaturalUrgent(ds, xs, nFeat, cfg); nat != nil {
		return mixLinear(l, nat, naturalUrgentMix)
	}
	return l
}

// naturalUrgentWeights weighs the rows of files (read by read) for the
// natural-only urgency signal, by text: every row w; with balance, the
// urgent rows of each unit (naturalUnit) so that they weigh as much in
// total as the unit's other rows, as naturalOnlyWeights does for reports.
func naturalUrgentWeights(files []string, read func(string) (*Dataset, error), w float64, balance bool) (map[string]float64, error) {
	return unitBalancedWeights(files, read, w, balance, func(ex Example) bool { return ex.Urgent == 1 })
}

// trainNaturalUrgent trains the natural-only urgency signal on the rows of
// ds with a natural urgency weight (natUW, label natUY; each text once);
// nil when there are none, or one class only.
func trainNaturalUrgent(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	return trainNaturalOnce(ds, xs, nFeat, cfg, func(ex Example) (float64, int) { return ex.natUW, ex.natUY })
}
