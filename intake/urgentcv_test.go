package intake

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// urgcvS14Files are the dev files whose labels testdata/URGENT-CV-S14.md
// asks about; urgcvS17Files those of testdata/URGENT-CV-S17.md.
var (
	urgcvS14Files = []string{"testdata/dev-s14u/elders.tsv", "testdata/dev-s14u/runon.tsv",
		"testdata/dev-s14u/letters.tsv", "testdata/dev-s14u/bursts.tsv", "testdata/dev-s14u/parents.tsv"}
	urgcvS17Files = []string{"testdata/dev-s17u/letters.tsv", "testdata/dev-s17u/trad.tsv",
		"testdata/dev-s17u/dialect.tsv", "testdata/dev-s17u/retell.tsv"}
)

// urgcvProtocol returns the new files and the folds of the protocol
// NEIGHBORBOT_URGCV_NEW names: s14 (URGENT-CV-S14.md, the default) or s17
// (URGENT-CV-S17.md: the same folds and a fourth, dev-s14u's files).
func urgcvProtocol(t *testing.T) (newFiles []string, folds [][]string) {
	switch os.Getenv("NEIGHBORBOT_URGCV_NEW") {
	case "", "s14":
		return urgcvS14Files, urgcvFolds
	case "s17":
		return urgcvS17Files, append(urgcvFolds[:len(urgcvFolds):len(urgcvFolds)], urgcvS14Files)
	}
	t.Fatalf("NEIGHBORBOT_URGCV_NEW: want s14 or s17")
	return nil, nil
}

// urgcvFolds are the judged files of testdata/URGENT-CV-S14.md, fold by
// fold; each is left out of training while its fold is judged.
var urgcvFolds = [][]string{
	{"testdata/dev-s10u/dev.tsv", "testdata/dev-s8/dev.tsv", "testdata/dev-s8/dev2.tsv"},
	{"testdata/dev-s6/dev.tsv", "testdata/dev-s6/dev2.tsv", "testdata/danger-plain/dev.tsv", "testdata/formal/dev.tsv",
		"testdata/dev-s7/dev.tsv", "testdata/dev-place/dev.tsv"},
	{"testdata/dev-s11/dev.tsv", "testdata/dev-s12/dev.tsv", "testdata/dev-place2/dev.tsv"},
}

// urgcvTally counts one candidate's out-of-fold judgements.
type urgcvTally struct {
	urgent, urgentHit, pred, mild, mildUrgent, chat, chatUrgent, reports, acked, chatAcked int
}

func (u *urgcvTally) add(ex Example, r Result) {
	if ex.Concern == 0 {
		u.chat++
		u.chatUrgent += b2i(r.Urgent)
		u.chatAcked += b2i(r.Ack)
		return
	}
	u.reports++
	u.acked += b2i(r.Ack)
	u.pred += b2i(r.Urgent)
	if ex.Urgent == 1 {
		u.urgent++
		u.urgentHit += b2i(r.Urgent)
	} else {
		u.mild++
		u.mildUrgent += b2i(r.Urgent)
	}
}

func (u urgcvTally) String() string {
	return strings.Join([]string{
		"urgent recall " + urgcvRatio(u.urgentHit, u.urgent),
		"precision " + urgcvRatio(u.urgentHit, u.pred+u.chatUrgent),
		"mild marked urgent " + urgcvRatio(u.mildUrgent, u.mild),
		"chit-chat marked urgent " + urgcvRatio(u.chatUrgent, u.chat),
		"reports acknowledged " + urgcvRatio(u.acked, u.reports),
		"false acks " + urgcvRatio(u.chatAcked, u.chat),
	}, ", ")
}

func urgcvRatio(a, b int) string { return fmt.Sprintf("%d/%d", a, b) }

// TestUrgentDataCV runs testdata/URGENT-CV-S14.md: models trained without
// and with the labels of dev-s14u, each judged on dev files left out of its
// training (dev files only; about 2 minutes a model on a quiet machine):
//
//	NEIGHBORBOT_URGCV=1 go test ./intake -p 1 -run 'UrgentDataCV$' -v -timeout 90m
//
// NEIGHBORBOT_URGCV_NEW=s17 runs testdata/URGENT-CV-S17.md instead (the
// labels of dev-s17u, a fourth fold of dev-s14u's files), and
// NEIGHBORBOT_URGCV_NEW=blind testdata/URGENT-CV-S21.md (the blind files'
// labels, each a fold, three seeds; urgentcv_blind_test.go).
//
// NEIGHBORBOT_URGCV_ONLY=ship,urg narrows the candidates (ship, urg,
// urg+con); NEIGHBORBOT_URGCV_FOLDS=1,3 the folds; NEIGHBORBOT_URGCV_ERRORS=1
// lists each candidate's urgency errors.
func TestUrgentDataCV(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_URGCV") == "" {
		t.Skip("set NEIGHBORBOT_URGCV=1 to run the urgency data cross-validation (testdata/URGENT-CV-S14.md)")
	}
	if os.Getenv("NEIGHBORBOT_URGCV_NEW") == "blind" {
		urgcvBlind(t)
		return
	}
	cands := []string{"ship", "urg", "urg+con"}
	if s := os.Getenv("NEIGHBORBOT_URGCV_ONLY"); s != "" {
		cands = strings.Split(s, ",")
	}
	urgcvNewFiles, urgcvFolds := urgcvProtocol(t)
	folds := map[int]bool{}
	for _, s := range strings.Split(os.Getenv("NEIGHBORBOT_URGCV_FOLDS"), ",") {
		if s != "" {
			folds[int(s[0]-'0')] = true
		}
	}
	for _, fold := range urgcvFolds {
		for _, f := range fold {
			if isTestFile(f) {
				t.Fatalf("%s is a test file", f)
			}
		}
	}
	base := builtinWithoutNatural(t)
	total := map[string]*urgcvTally{}
	for k, fold := range urgcvFolds {
		if len(folds) > 0 && !folds[k+1] {
			continue
		}
		var natFiles, urgFiles []string
		for _, f := range naturalDevFiles {
			if !slices.Contains(fold, f) {
				natFiles = append(natFiles, f)
			}
		}
		for _, f := range naturalUrgentFiles {
			// ship is the model without the new files, whether or not they are adopted
			if !slices.Contains(fold, f) && !slices.Contains(urgcvNewFiles, f) {
				urgFiles = append(urgFiles, f)
			}
		}
		for _, cand := range cands {
			nat, urg := natFiles, urgFiles
			switch cand {
			case "ship":
			case "urg":
				urg = append(urg[:len(urg):len(urg)], urgcvNewFiles...)
			case "urg+con":
				urg = append(urg[:len(urg):len(urg)], urgcvNewFiles...)
				nat = append(nat[:len(nat):len(nat)], urgcvNewFiles...)
			default:
				t.Fatalf("unknown candidate %q", cand)
			}
			m := urgcvTrain(t, base, nat, urg)
			// a model trained on the shipped lists (the fresh fold removes
			// nothing) must be the shipped one (checked on its judgements)
			var shipped *Model
			if len(urg) == len(naturalUrgentFiles) && len(nat) == len(naturalDevFiles) {
				var err error
				if shipped, err = Default(); err != nil {
					t.Fatal(err)
				}
			}
			var tally urgcvTally
			forExamples(t, fold, func(f string, ex Example) {
				r := m.Understand(ex.Text)
				tally.add(ex, r)
				if shipped != nil {
					if s := shipped.Understand(ex.Text); s.Urgent != r.Urgent || s.Ack != r.Ack {
						t.Errorf("ship model differs from the shipped one on %q", ex.Text)
					}
				}
				if os.Getenv("NEIGHBORBOT_URGCV_ERRORS") != "" && (ex.Urgent == 1) != r.Urgent {
					t.Logf("  %s fold %d %s urgent %d got %v: %s", cand, k+1, f, ex.Urgent, r.Urgent, ex.Text)
				}
			})
			t.Logf("fold %d %-8s %s", k+1, cand, tally)
			if total[cand] == nil {
				total[cand] = &urgcvTally{}
			}
			total[cand].addTally(tally)
		}
	}
	for _, cand := range cands {
		if tt := total[cand]; tt != nil {
			t.Logf("pooled %-8s %s", cand, *tt)
		}
	}
}

// urgcvTrain trains the shipped recipe on base plus the concern rows of nat
// and the urgent rows of urg, read from disk (new files are not embedded
// before they are adopted) and shaped as naturalRows and naturalUrgentRows
// shape them.
func urgcvTrain(t *testing.T, base *Dataset, nat, urg []string) *Model {
	t.Helper()
	ds := &Dataset{HasConcern: true, HasUrgent: true, HasLocation: true}
	ds.Examples = append(ds.Examples, base.Examples...)
	// the concern rows as the shipped corpus makes them (naturalRows: the
	// reports of naturalBalancedFiles reweighed; every file is embedded)
	natRows, err := naturalRows(nat, NaturalConcernWeight)
	if err != nil {
		t.Fatal(err)
	}
	ds.Examples = append(ds.Examples, natRows...)
	ds.Examples = append(ds.Examples, urgcvRows(t, urg, NaturalUrgentWeight, func(ex *Example) {
		ex.Category, ex.Concern = "", -1
	})...)
	m, err := Train(ds)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func urgcvRows(t *testing.T, files []string, w float64, strip func(*Example)) []Example {
	t.Helper()
	var out []Example
	for fi, f := range files {
		if isTestFile(f) {
			t.Fatalf("%s is a test file", f)
		}
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			strip(&ex)
			ex.Location, ex.HasLocation, ex.Weight = nil, false, w
			ex.addsNoFeatures, ex.group = true, fi%naturalGroups+1
			out = append(out, ex)
		}
	}
	return out
}

// forExamples calls fn on every row of the files, in order.
func forExamples(t *testing.T, files []string, fn func(file string, ex Example)) {
	t.Helper()
	for _, f := range files {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			fn(f, ex)
		}
	}
}
