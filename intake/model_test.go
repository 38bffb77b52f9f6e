package intake

import (
	"bytes"
	"testing"
)

// heldOutFiles are evaluated together as the honest held-out split.
var heldOutFiles = []string{"testdata/corpus_heldout_generated.tsv", "testdata/heldout_handwritten.tsv", "testdata/heldout_handwritten_2.tsv", "testdata/heldout_handwritten_3.tsv", "testdata/heldout_handwritten_4.tsv"}

func loadHeldOut(t testing.TB) *Dataset {
	t.Helper()
	all := &Dataset{}
	for _, f := range heldOutFiles {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Examples = append(all.Examples, ds.Examples...)
	}
	all.HasConcern, all.HasUrgent, all.HasLocation = true, true, true
	return all
}

func TestDefaultModelHeldOutTargets(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(m, loadHeldOut(t))
	var buf bytes.Buffer
	rep.WriteText(&buf)
	t.Log("\n" + buf.String())
	check := func(name string, got, min float64) {
		if got < min {
			t.Errorf("%s = %.4f, want ≥ %.2f", name, got, min)
		}
	}
	check("concern F1", rep.ConcernF1, 0.95)
	check("category macro-F1", rep.MacroF1, 0.90)
	// Locations (issue 10's measure and the project's guideline, testdata/
	// README.md "Location labels"): every gold place overlaps an extracted
	// one on ≥ 0.90 of the reports naming a place. Exact sets stay as a guard
	// against garbage spans; they were ≥ 0.90 until session 10, when relative
	// places and parts of a building (楼上, 阳台, 电梯里, 楼梯) became places
	// and this split's dev files were relabelled to the guideline (its test
	// file was not): measured then, recall 1.0000 of 487, exact 0.8877 of 677.
	check("location recall", rep.LocationRecall, 0.90)
	check("location exact", rep.LocationExact, 0.85)
	check("urgent recall", rep.UrgentRecall, 0.95)
}
