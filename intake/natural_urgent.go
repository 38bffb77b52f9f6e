package intake

// The natural-only urgency signal (testdata/URGENT-CV-12.md). The learnt
// urgency signal (urgent_model.go) reads mostly generated corpus rows, and
// dangers told in everyday words (no water for an old lady, a neighbour not
// answering, petrol cans in a stairwell) get a low P(urgent) from it. A
// second signal trained on hand-written rows only, its log-odds mixed into
// the first's as the natural-only concern detector's are (natural_mix.go),
// ranks dangers by how people write them.

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
