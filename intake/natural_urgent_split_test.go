package intake

import (
	"os"
	"slices"
	"testing"
)

// TestNaturalUrgentSplit chooses NaturalUrgentWeight: the hand-written files
// (naturalUrgentFiles) are split in two halves by file; for each weight the
// model is trained on the built-in corpus plus one half (its concern rows
// as shipped, its urgent rows at that weight; weight 0 is the model without
// them) and judged on the other half, both ways, pooling urgent recall,
// urgent precision and the chit-chat marked urgent (false alarms to
// officers). Test files are never read. About 10 minutes under load:
//
//	NEIGHBORBOT_URGSPLIT=1 go test ./intake -run NaturalUrgentSplit -v -timeout 60m
//
// NEIGHBORBOT_URGSPLIT_WEIGHTS=0,2 narrows the weights tried.
func TestNaturalUrgentSplit(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_URGSPLIT") == "" {
		t.Skip("set NEIGHBORBOT_URGSPLIT=1 to run the urgency split (about 10 minutes)")
	}
	weights := splitWeights(t, "NEIGHBORBOT_URGSPLIT_WEIGHTS")
	var halves [2][]string
	for i, f := range naturalUrgentFiles {
		halves[i%2] = append(halves[i%2], f)
	}
	base := builtinWithoutNatural(t)
	for _, w := range weights {
		var urgN, urgHit, pred, chat, chatUrgent int
		var learnt learntTally
		for h := 0; h < 2; h++ {
			m := trainOnHalf(t, base, halves[h], w)
			for _, f := range halves[1-h] {
				judged, err := ReadTSVFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, ex := range judged.Examples {
					r := m.Understand(ex.Text)
					learnt.add(m, ex)
					urgN += max(ex.Urgent, 0)
					if ex.Concern == 0 {
						chat++
					}
					if !r.Urgent {
						continue
					}
					pred++
					urgHit += max(ex.Urgent, 0)
					if ex.Concern == 0 {
						chatUrgent++
					}
				}
			}
		}
		t.Logf("weight %g: urgent recall %.3f (%d of %d), precision %.3f (%d of %d), chit-chat marked urgent %d of %d",
			w, float64(urgHit)/float64(urgN), urgHit, urgN, float64(urgHit)/float64(pred), urgHit, pred, chatUrgent, chat)
		t.Logf("  learnt signal alone (P ≥ %.1f) on reports: recall %d of %d, precision %d of %d; urgent reports the rules miss: %d of %d caught; chit-chat over the cut %d",
			urgentModelCut, learnt.hit, learnt.urgent, learnt.hit, learnt.pred, learnt.missCaught, learnt.missed, learnt.chat)
	}
	t.Log("halves:", halves)
}

// learntTally counts what the learnt urgency signal alone reads in a split.
type learntTally struct{ urgent, hit, pred, missed, missCaught, chat int }

func (l *learntTally) add(m *Model, ex Example) {
	norm := Normalize(ex.Text)
	over := m.urgentProb(featureIDs(m.seg, norm, m.index)) >= urgentModelCut
	if ex.Concern == 0 {
		l.chat += b2i(over)
		return
	}
	l.urgent += max(ex.Urgent, 0)
	l.pred += b2i(over)
	if ex.Urgent == 1 {
		l.hit += b2i(over)
		if danger, _ := detectUrgency(norm); !danger {
			l.missed++
			l.missCaught += b2i(over)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trainOnHalf trains on base plus the natural rows of files: their concern
// rows (of the files that train the concern detector) and their urgent rows
// weighted w (none for w = 0).
func trainOnHalf(t *testing.T, base *Dataset, files []string, w float64) *Model {
	t.Helper()
	var concernFiles []string
	for _, f := range files {
		for _, g := range naturalDevFiles {
			if f == g {
				concernFiles = append(concernFiles, f)
			}
		}
	}
	ds := &Dataset{HasConcern: true, HasUrgent: true, HasLocation: true}
	ds.Examples = append(ds.Examples, base.Examples...)
	nat, err := naturalRows(concernFiles, NaturalConcernWeight)
	if err != nil {
		t.Fatal(err)
	}
	ds.Examples = append(ds.Examples, nat...)
	if w > 0 {
		urg, err := naturalUrgentRows(files, w)
		if err != nil {
			t.Fatal(err)
		}
		ds.Examples = append(ds.Examples, urg...)
	}
	m, err := Train(ds)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBuiltinCorpusNaturalUrgentRows: the hand-written files train the
// urgency signal with their urgent labels only (concern "-", no category,
// no places, no features of their own), each row weighted
// NaturalUrgentWeight; they include the urgency rounds' dev files, with
// both urgent and not urgent rows (TestBuiltinCorpusNaturalRows checks that
// no test file is among them).
func TestBuiltinCorpusNaturalUrgentRows(t *testing.T) {
	urg, err := naturalUrgentRows(naturalUrgentFiles, NaturalUrgentWeight)
	if err != nil {
		t.Fatal(err)
	}
	nat, err := naturalRows(naturalDevFiles, NaturalConcernWeight)
	if err != nil {
		t.Fatal(err)
	}
	if len(urg) <= len(nat) {
		t.Fatalf("%d urgent rows, want more than the %d concern rows (dev-s6 and dev-s8 train urgency too)", len(urg), len(nat))
	}
	urgent, chatText := 0, map[string]bool{}
	for _, ex := range nat {
		if ex.Concern == 0 {
			chatText[ex.Text] = true
		}
	}
	for _, ex := range urg {
		if ex.Concern != -1 || ex.Category != "" || ex.Location != nil || !ex.addsNoFeatures || ex.Weight != NaturalUrgentWeight || ex.Urgent < 0 {
			t.Fatalf("urgent row %q: concern %d category %q urgent %d weight %v", ex.Text, ex.Concern, ex.Category, ex.Urgent, ex.Weight)
		}
		if chatText[ex.Text] && ex.Urgent != 0 {
			t.Errorf("chit-chat %q trains as urgent", ex.Text)
		}
		urgent += ex.Urgent
	}
	if urgent == 0 || urgent == len(urg) {
		t.Errorf("urgent rows: %d urgent of %d, want both kinds", urgent, len(urg))
	}
}

// TestBuiltinCorpusNaturalUrgentOnlyRows: the files of
// naturalUrgentOnlyFiles are no test files and join the built-in corpus
// (with shipNaturalUrgent) as rows that train the natural-only urgency
// signal only; the urgent rows of naturalUrgentFiles train it too; urgent
// rows of chit-chat-heavy units weigh more than the others there (units
// balanced).
func TestBuiltinCorpusNaturalUrgentOnlyRows(t *testing.T) {
	want := trainingRows(t, naturalUrgentOnlyFiles)
	for _, f := range naturalUrgentOnlyFiles {
		if slices.Contains(naturalUrgentFiles, f) {
			t.Errorf("%s trains the main urgency signal", f)
		}
	}
	ds, err := BuiltinCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if !shipNaturalUrgent {
		if ds, err = withNaturalUrgent(ds, naturalUrgentFiles, naturalUrgentOnlyFiles); err != nil {
			t.Fatal(err)
		}
	}
	only, weighted := 0, 0
	maxUrgent := 0.0
	for _, ex := range ds.Examples {
		switch {
		case ex.natUW > 0 && ex.Urgent < 0:
			only++
			if ex.Concern != -1 || ex.Category != "" || ex.natW != 0 || ex.Weight != 0 || !ex.addsNoFeatures {
				t.Fatalf("urgent-only row %q trains something else", ex.Text)
			}
		case ex.natUW > 0:
			weighted++
			if ex.group == 0 || ex.Concern != -1 || ex.natUY != ex.Urgent {
				t.Fatalf("row %q has a natural urgency weight but is no natural urgent row", ex.Text)
			}
		case ex.group > 0 && ex.Urgent >= 0:
			t.Fatalf("natural urgent row %q has no natural urgency weight", ex.Text)
		}
		if ex.natUW > 0 && ex.natUY == 1 {
			maxUrgent = max(maxUrgent, ex.natUW)
		} else if ex.natUW > 0 && ex.natUW != NaturalUrgentWeight {
			t.Fatalf("row %q, not urgent, weighs %v in the natural-only signal", ex.Text, ex.natUW)
		}
	}
	if only != want || want < 2500 {
		t.Errorf("%d urgent-only rows, want the %d rows of naturalUrgentOnlyFiles (≥ 2500)", only, want)
	}
	if weighted < 3500 {
		t.Errorf("%d urgent rows of naturalUrgentFiles weighted for the natural-only signal, want ≥ 3500", weighted)
	}
	if naturalUrgentBalance && maxUrgent <= 2*NaturalUrgentWeight {
		t.Errorf("urgent rows weigh at most %v: units not balanced", maxUrgent)
	}
}
