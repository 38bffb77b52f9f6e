package intake

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestDefaultModelRecordsItsCorpus: the embedded model says it was trained
// on the built-in corpus, by the digest of the corpus this binary holds
// (a model not retrained after the corpus changed fails here), and carries
// no date, so that retraining it writes the same bytes.
func TestDefaultModelRecordsItsCorpus(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := BuiltinCorpus()
	if err != nil {
		t.Fatal(err)
	}
	rec := m.Training()
	if rec.From != FromBuiltin || !rec.At.IsZero() || rec.Rows != len(ds.Examples) || rec.Check != nil {
		t.Fatalf("embedded model's training record %+v", rec)
	}
	if want := DatasetDigest(ds); rec.Corpus != want {
		t.Fatalf("the embedded model was trained on corpus %s, this binary holds %s: retrain it (go run ./intake/internal/intakecli)", rec.Corpus, want)
	}
	if s := rec.Summary(); !strings.HasPrefix(s, "built-in corpus (") || !strings.Contains(s, "digest "+rec.Corpus) || !strings.Contains(s, "undated") {
		t.Errorf("summary %q", s)
	}
}

// TestTrainingRecordIsSaved: the record WithTraining sets is written with
// the model and read back (its time in UTC), and m itself keeps its own.
func TestTrainingRecordIsSaved(t *testing.T) {
	m, _ := trainTinyCustom(t)
	beijing := time.FixedZone("CST", 8*3600)
	rec := Training{At: time.Date(2026, 12, 2, 8, 30, 0, 0, beijing), From: FromBuiltinDecisions, Rows: 30000, Corpus: "0123456789ab",
		Decisions: 47, NotConcern: 12, Since: time.Date(2026, 1, 1, 0, 0, 0, 0, beijing), Weight: 1,
		Check: &Check{Rows: 9, Of: 47, Concern: true, ConcernPrecision: 1, ConcernRecall: 0.75, ConcernF1: 6.0 / 7, CategoryN: 6, MacroF1: 0.5}}
	with := m.WithTraining(rec)
	if m.Training().From != "" {
		t.Fatal("WithTraining changed the model it was called on")
	}
	var buf bytes.Buffer
	if err := with.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := decode(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Training()
	if !got.At.Equal(rec.At) || got.At.Location() != time.UTC || !got.Since.Equal(rec.Since) {
		t.Errorf("times read back as %v, since %v", got.At, got.Since)
	}
	got.At, got.Since, rec.At, rec.Since = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("read back %+v, wrote %+v", got, rec)
	}
	if s, want := back.Training().Summary(), "built-in corpus (30000 rows, digest 0123456789ab) + 47 recorded decisions (12 not a concern, 35 concerns) since 2026-01-01, each counted 1 time; trained 2026-12-02 00:30 UTC"; s != want {
		t.Errorf("summary %q, want %q", s, want)
	}
	if s, want := back.Training().CheckSummary(), "a model trained without 9 of the 47 decisions scored on them: concern precision 1.000 recall 0.750 F1 0.857; category macro-F1 0.500 (6 rows)"; s != want {
		t.Errorf("check summary %q, want %q", s, want)
	}
}

// TestSplitForCheckHoldsOutEveryFifthRow: the held-out check learns from
// four rows in five and is scored on the fifth; below five rows there is
// nothing to hold out.
func TestSplitForCheckHoldsOutEveryFifthRow(t *testing.T) {
	rows := make([]Example, 11)
	for i := range rows {
		rows[i].Line = i
	}
	learn, held := SplitForCheck(rows)
	if len(learn) != 9 || len(held) != 2 || held[0].Line != 4 || held[1].Line != 9 {
		t.Errorf("learn %d rows, held %+v", len(learn), held)
	}
	if _, held := SplitForCheck(rows[:4]); len(held) != 0 {
		t.Errorf("4 rows: held %d", len(held))
	}
}

// TestCheckSummaryWithoutCheck: a model with no held-out check says why,
// and once only that it was at training ("held-out check at training:
// none (…)", as `neighborbot model` prints it).
func TestCheckSummaryWithoutCheck(t *testing.T) {
	for _, tc := range []struct {
		tr   Training
		want string
	}{
		{Training{From: FromBuiltin}, "none (the embedded model is measured in docs/PERFORMANCE-intake.md)"},
		{Training{From: FromFile, Rows: 3}, "none (too few rows to hold some out)"},
	} {
		if got := tc.tr.CheckSummary(); got != tc.want {
			t.Errorf("%s: CheckSummary = %q, want %q", tc.tr.From, got, tc.want)
		}
	}
}
