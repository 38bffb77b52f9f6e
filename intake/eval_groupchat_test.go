package intake

import (
	"bytes"
	"testing"
)

// groupChatEvalFiles are the evaluation set written apart from the
// training corpus (see testdata/README.md): _dev was looked at while the
// rules were written, _test only in aggregate.
var groupChatEvalFiles = []string{"testdata/heldout-s3/dev.tsv", "testdata/eval_groupchat_dev.tsv", "testdata/eval_groupchat_test.tsv", "testdata/eval_groupchat_final.tsv", "testdata/eval_groupchat_final2.tsv", "testdata/eval_groupchat_final3.tsv", "testdata/eval_groupchat_final4.tsv"}

// TestDefaultModelGroupChatTargets runs the shipped model over the
// group-chat evaluation set and fails when a rate falls below what the
// shipped model reaches (docs/PERFORMANCE-intake.md), so a regression
// fails CI. The public false-acknowledgement bound is the measured rate,
// not yet issue 10's target of < 1 per 100 (see the docs).
func TestDefaultModelGroupChatTargets(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range groupChatEvalFiles {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep := Evaluate(m, ds)
		var buf bytes.Buffer
		rep.WriteText(&buf)
		t.Logf("%s\n%s", f, buf.String())
		check := func(name string, got, min float64) {
			if got < min {
				t.Errorf("%s: %s = %.4f, want ≥ %.2f", f, name, got, min)
			}
		}
		check("share of reports acknowledged in public", rep.AckRecall, 0.95)
		check("urgent recall", rep.UrgentRecall, 0.95)
		check("location recall", rep.LocationRecall, 0.90)
		check("concern F1", rep.ConcernF1, 0.95)
		if rep.FalseAckPer100 > maxFalseAckPer100 {
			t.Errorf("%s: %.2f public false acknowledgements per 100 chit-chat, want ≤ %.1f", f, rep.FalseAckPer100, maxFalseAckPer100)
		}
	}
}

// maxFalseAckPer100 bounds public false acknowledgements per 100 chit-chat
// messages on each evaluation file.
const maxFalseAckPer100 = 2.0
