package intake

import "math"

// The learnt urgency signal. The danger rules (urgency.go) name dangers by
// word lists and pairs; residents describe the same dangers in words no
// list foresaw. A second linear model over the same features, trained on
// the corpus's urgent column over every row (reports that are not urgent
// and chit-chat are its negatives), gives P(urgent): a danger to people now,
// told in any words the corpus's character bigrams share.

// urgentModelCut is the P(urgent) from which the learnt signal marks a
// report urgent (when the rules see no calm context: news, drills,
// hypotheticals, the past). Chosen on the dev files (heldout-s3/dev*.tsv,
// dev-s3b/dev*.tsv, eval_groupchat_dev.tsv), never on a test file.
const urgentModelCut = 0.3

// urgentReportCut is the P(urgent) from which a message the rules let
// through is a report whatever the concern detector says: a story of a
// child bleeding on the playground is told like chit-chat but is not.
const urgentReportCut = 0.8

// trainUrgent learns P(urgent) from every row with an urgent label,
// weighted as the concern detector's rows are; nil without urgent rows.
func trainUrgent(ds *Dataset, xs [][]int32, nFeat int, cfg trainConfig) *linear {
	if !ds.HasUrgent {
		return nil
	}
	var ux [][]int32
	var ys []int
	pos := 0
	for i, ex := range ds.Examples {
		if ex.Urgent < 0 {
			continue
		}
		for r := max(1, int(math.Round(ex.weightOf()))); r > 0; r-- {
			ux, ys = append(ux, xs[i]), append(ys, ex.Urgent)
			pos += ex.Urgent
		}
	}
	if pos == 0 || pos == len(ux) {
		return nil
	}
	return trainLinear(ux, ys, []string{"0", "1"}, nFeat, cfg)
}

// urgentProb returns the learnt P(urgent); 0 for models without it.
func (m *Model) urgentProb(ids []int32) float64 {
	u := m.data.Urgent
	if u == nil {
		return 0
	}
	var p [2]float64
	u.probs(ids, p[:])
	if u.Labels[1] == "1" {
		return p[1]
	}
	return p[0]
}
