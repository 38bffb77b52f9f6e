package intake

import "testing"

// TestHeldOutNotInTraining checks that held-out messages are not copies of
// training rows (after normalisation). A handful of stock replies such as
// "收到" are the same message everywhere; they are listed and capped.
func TestHeldOutNotInTraining(t *testing.T) {
	train, err := ReadTSVFile("testdata/corpus_train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool, len(train.Examples))
	for _, ex := range train.Examples {
		seen[Normalize(ex.Text)] = true
	}
	held := loadHeldOut(t)
	var copies []string
	concernCopies := 0
	for _, ex := range held.Examples {
		if seen[Normalize(ex.Text)] {
			copies = append(copies, ex.Text)
			if ex.Concern == 1 {
				concernCopies++
			}
		}
	}
	t.Logf("%d of %d held-out messages also occur in training: %q", len(copies), len(held.Examples), copies)
	if concernCopies > 0 || len(copies) > len(held.Examples)/100 {
		t.Errorf("held-out leaks into training: %d copies (%d concerns)", len(copies), concernCopies)
	}
}
