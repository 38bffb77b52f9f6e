package intake

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// ackscv10Group are the new blind group-chat units of testdata/ACKS-CV-10.md
// (one writer each), dealt into ACKS-CV-7.md's five folds.
var ackscv10Group = [][]string{
	{"testdata/dev-s22b/dev.tsv"}, {"testdata/dev-s23a/dev.tsv"}, {"testdata/dev-s24a/dev.tsv"},
	{"testdata/dev-s24c/dev.tsv"}, {"testdata/dev-s24d/dev.tsv"},
}

// ackscv10Personal are the new units holding personal chat, each a fold of
// its own (dev-s22a's group file stays with its writer's text messages).
var ackscv10Personal = [][]string{
	{"testdata/dev-s22a/sms.tsv", "testdata/dev-s22a/group.tsv"}, {"testdata/dev-s23b/sms.tsv"},
	{"testdata/dev-s24b/personal.tsv"},
}

// ackscv10PersonalFiles are the files of personal (not neighbourhood-group)
// text, the kind "personal" of the protocol; every other file is "group".
// (the register prior's private files, register_prior.go)
var ackscv10PersonalFiles = slices.Clone(privateFiles)

// ackscv10Ref is the reference: the shipped mix (ACKS-CV-8.md's
// `nat+brw-30`); the candidates add the new files of the other folds to
// the natural-only detector's rows.
var ackscv10Ref = ackscv8Candidate{name: "ship", brw: true, w: naturalMix}

var ackscv10Candidates = []ackscv8Candidate{
	{name: "+new-30", brw: true, w: 0.3},
	{name: "+new-40", brw: true, w: 0.4},
	{name: "+new-50", brw: true, w: 0.5},
}

// newAckscv10Runner returns ACKS-CV-7.md's runner with the new units added
// (group units dealt into its folds, personal units as folds of their
// own), the natural-only weights of every file by unit, the reference's
// natural-only files (brw) and the candidates' (brw and the new files).
func newAckscv10Runner(t *testing.T) (r *ackscv7Runner, natW map[string]float64, brw, brwNew []string) {
	t.Helper()
	r, _, brw = newAckscv8Runner(t)
	folds, added := ackscv10Folds(t, r.folds, r.allFiles)
	for k, fold := range folds {
		var news []string
		for _, f := range fold {
			if slices.Contains(added, f) {
				news = append(news, f)
			}
		}
		t.Logf("ACKS-CV-10 fold %d: %d files, new: %s", k, len(fold), strings.Join(news, " "))
	}
	r.folds, r.k = folds, len(folds)
	r.allFiles = append(r.allFiles, added...)
	brwNew = slices.Concat(brw, added)
	var shipFiles []string
	for _, f := range r.allFiles {
		if r.isShip(f) {
			shipFiles = append(shipFiles, f)
		}
	}
	natW, err := naturalOnlyWeights(slices.Concat(shipFiles, brwNew), ReadTSVFile)
	if err != nil {
		t.Fatal(err)
	}
	personal, isNew := ackscvSet(ackscv10PersonalFiles), ackscvSet(added)
	r.parts = []ackscv7Part{
		{"personal", func(f string) bool { return personal[f] }},
		{"group", func(f string) bool { return !personal[f] }},
		{"new", func(f string) bool { return isNew[f] }},
		{"old", func(f string) bool { return !isNew[f] }},
		{"all", func(string) bool { return true }},
	}
	for _, f := range ackscv10PersonalFiles {
		r.parts = append(r.parts, ackscv7Part{strings.TrimPrefix(f, "testdata/"), func(g string) bool { return g == f }})
	}
	return r, natW, brw, brwNew
}

// ackscv10Folds adds the new units to folds (whose files are old): the
// group units dealt into them, the personal units as folds of their own;
// it returns the folds and the new files.
func ackscv10Folds(t *testing.T, folds [][]string, old []string) (_ [][]string, added []string) {
	t.Helper()
	for _, u := range slices.Concat(ackscv10Group, ackscv10Personal) {
		for _, f := range u {
			if isTestFile(f) {
				t.Fatalf("%s is a test file", f)
			}
			if slices.Contains(old, f) {
				t.Fatalf("%s is already in the folds", f)
			}
			added = append(added, f)
		}
	}
	folds = ackscvDeal(t, folds, ackscv10Group)
	for _, u := range ackscv10Personal {
		folds = append(folds, slices.Clone(u))
	}
	return folds, added
}

func TestAcksCV10FoldsKeepACKSCV7sAndAddEveryNewFileOnce(t *testing.T) {
	folds7, old, blind, rw, judged := ackscv7Folds(t)
	all7 := slices.Concat(old, blind, rw, judged)
	before := make([][]string, len(folds7))
	for k, fold := range folds7 {
		before[k] = slices.Clone(fold)
	}
	folds, added := ackscv10Folds(t, folds7, all7)
	if len(folds) != len(before)+len(ackscv10Personal) || len(added) != 9 {
		t.Fatalf("%d folds, %d new files", len(folds), len(added))
	}
	seen := map[string]int{}
	for k, fold := range folds {
		if k < len(before) && !slices.Equal(fold[:len(before[k])], before[k]) {
			t.Errorf("fold %d of ACKS-CV-7.md changed", k)
		}
		for _, f := range fold {
			seen[f]++
		}
	}
	for _, f := range slices.Concat(all7, added) {
		if seen[f] != 1 {
			t.Errorf("%s is in %d folds", f, seen[f])
		}
	}
	for i, u := range ackscv10Personal {
		if !slices.Equal(folds[len(before)+i], u) {
			t.Errorf("fold %d is %v, want %v", len(before)+i, folds[len(before)+i], u)
		}
	}
}

// ackscv10Decide applies rules 1–4 of testdata/ACKS-CV-10.md to x against
// ref, each holding n seeds' judgements (bounds times n), and returns
// whether all hold.
func ackscv10Decide(t *testing.T, name string, ref, x []ackscvJudged, personal func(string) bool, k, n int) bool {
	faR, _, rR, _ := ackscvCount(ref, -1)
	faX, _, rX, _ := ackscvCount(x, -1)
	r1 := faX <= faR-3*n
	r2 := rX >= rR-5*n
	group := func(f string) bool { return !personal(f) }
	pR, _, _, _ := ackscvCount(ackscvKeep(ref, personal), -1)
	pX, _, _, _ := ackscvCount(ackscvKeep(x, personal), -1)
	gR, _, _, _ := ackscvCount(ackscvKeep(ref, group), -1)
	gX, _, _, _ := ackscvCount(ackscvKeep(x, group), -1)
	r3 := pX <= pR && gX <= gR
	worstFA, worstR := ackscvWorstFold(ref, x, k)
	r4 := worstFA < 3*n && worstR < 5*n
	t.Logf("RULE 1 %s pooled false acks %d → %d (need ≤ %d) → %v", name, faR, faX, faR-3*n, r1)
	t.Logf("RULE 2 %s pooled reports acknowledged %d → %d (need ≥ %d) → %v", name, rR, rX, rR-5*n, r2)
	t.Logf("RULE 3 %s by kind: personal false acks %d → %d, group false acks %d → %d (neither up) → %v", name, pR, pX, gR, gX, r3)
	t.Logf("RULE 4 %s worst fold: false acks %+d (< %d), reports −%d (< %d) → %v", name, worstFA, 3*n, worstR, 5*n, r4)
	pass := r1 && r2 && r3 && r4
	t.Logf("DECISION %s pass=%v", name, pass)
	for _, p := range []struct {
		name string
		keep func(string) bool
	}{{"personal", personal}, {"group", group}, {"all", func(string) bool { return true }}} {
		a, b := ackscvKeep(ref, p.keep), ackscvKeep(x, p.keep)
		fa, _, rr, _ := ackscvCount(a, -1)
		m, th := ackscvMatched(b, fa)
		t.Logf("  ranking (diagnostic) %s on %s: at threshold %.2f %d reports at ≤ %d false acks (reference at 0.70: %d)",
			name, p.name, th, m, fa, rr)
	}
	return pass
}

// TestAcksCV10 runs testdata/ACKS-CV-10.md: the shipped mix against the
// natural-only detector trained also on the new blind dev files, at
// weights 0.3, 0.4 and 0.5, judged out of fold at three training seeds and
// decided on the seeds' sums:
//
//	NEIGHBORBOT_ACKSCV=1 nice go test ./intake -p 1 -run 'AcksCV10$' -v -timeout 150m
func TestAcksCV10(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_ACKSCV") == "" {
		t.Skip("set NEIGHBORBOT_ACKSCV=1 to run the tenth acknowledgement cross-validation (testdata/ACKS-CV-10.md)")
	}
	r, natW, brw, brwNew := newAckscv10Runner(t)
	personal := func(f string) bool { return slices.Contains(ackscv10PersonalFiles, f) }
	var refAll []ackscvJudged
	sums := map[string][]ackscvJudged{}
	for _, seed := range ackscv7bSeeds {
		ref := r.run8(ackscv10Ref, natW, brw, seed)
		refAll = append(refAll, ref...)
		for _, cand := range ackscv10Candidates {
			x := r.run8(cand, natW, brwNew, seed)
			ackscv10Decide(t, fmt.Sprintf("%s@%d (diagnostic)", cand.name, seed), ref, x, personal, r.k, 1)
			sums[cand.name] = append(sums[cand.name], x...)
		}
	}
	n := len(ackscv7bSeeds)
	for _, p := range r.parts {
		ackscvReport(t, "ship/"+p.name+" (seeds summed)", ackscvKeep(refAll, p.keep), r.k)
		for _, cand := range ackscv10Candidates {
			ackscvReport(t, cand.name+"/"+p.name+" (seeds summed)", ackscvKeep(sums[cand.name], p.keep), r.k)
		}
	}
	pass := map[string]bool{}
	for _, cand := range ackscv10Candidates {
		pass[cand.name] = ackscv10Decide(t, cand.name+" (seeds summed)", refAll, sums[cand.name], personal, r.k, n)
	}
	best := ""
	for _, cand := range ackscv10Candidates {
		switch {
		case !pass[cand.name]:
		case best == "":
			best = cand.name
		case ackscv10Decide(t, cand.name+" against "+best+" (seeds summed)", sums[best], sums[cand.name], personal, r.k, n):
			best = cand.name
		}
	}
	t.Logf("CHOSEN %q (empty: the shipped recipe stays)", best)
}
