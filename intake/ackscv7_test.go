package intake

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// ackscv7Blind are the blind dev files of testdata/ACKS-CV-7.md (written by
// people who read no code, rules or other data), one unit per writer: a
// unit stays in one fold, so that no writer's figure is learnt off the
// same hand.
var ackscv7Blind = [][]string{
	{"testdata/dev-s18b/group.tsv", "testdata/dev-s18b/sms.tsv"}, {"testdata/dev-s19u/dev.tsv"},
	{"testdata/dev-s20a/dev.tsv"}, {"testdata/dev-s20b/dev.tsv"}, {"testdata/dev-s20c/dev.tsv"}, {"testdata/dev-s20d/dev.tsv"},
}

// ackscv7RuleWriters are the rule-writers' dev files that train nothing for
// the concern detector (written after reading the rules), one unit per
// round.
var ackscv7RuleWriters = [][]string{
	ackscvS16Files, {"testdata/dev-past/dev.tsv", "testdata/dev-past/dev2.tsv"},
	{"testdata/dev-own6/dev.tsv", "testdata/dev-own6/dev2.tsv"}, {"testdata/dev-s17p/dev.tsv"},
	{"testdata/dev-s17u/letters.tsv", "testdata/dev-s17u/trad.tsv", "testdata/dev-s17u/dialect.tsv",
		"testdata/dev-s17u/retell.tsv", "testdata/dev-s17u/plain.tsv"},
}

// ackscv7JudgedOnly are untrained dev files no candidate trains on: judged
// in folds like the others (the old fresh guards among them).
var ackscv7JudgedOnly = [][]string{{"testdata/dev-s12/dev.tsv"}, {"testdata/dev-s14/dev.tsv"}, {"testdata/dev-place2/dev.tsv"}}

// ackscv7Candidate is a candidate of testdata/ACKS-CV-7.md: which extra
// files train the concern detector, and the weight of the blind rows'
// chit-chat (their reports weighted by the blind files' pooled ratio).
type ackscv7Candidate struct {
	name      string
	blind, rw bool
	blindW    float64
}

var ackscv7Candidates = []ackscv7Candidate{
	{name: "blind", blind: true, blindW: NaturalConcernWeight},
	{name: "blind+rw", blind: true, rw: true, blindW: NaturalConcernWeight},
	{name: "blind-w3", blind: true, blindW: 3},
}

// ackscv7Folds returns the five folds of testdata/ACKS-CV-7.md: those of
// ACKS-CV-3.md (35 files), then the blind, the rule-writers' and the
// judged-only units dealt into them; and the files of each part.
func ackscv7Folds(t *testing.T) (folds [][]string, old, blind, rw, judged []string) {
	t.Helper()
	old = append(ackscvFiles(), ackscvS13Files...)
	folds = ackscvFoldsLogged(t, old)
	// each part is dealt in turn, so that every fold gets blind rows
	for _, part := range []struct {
		units [][]string
		files *[]string
	}{{ackscv7Blind, &blind}, {ackscv7RuleWriters, &rw}, {ackscv7JudgedOnly, &judged}} {
		for _, u := range part.units {
			for _, f := range u {
				if isTestFile(f) {
					t.Fatalf("%s is a test file", f)
				}
			}
			*part.files = append(*part.files, u...)
		}
		folds = ackscvDeal(t, folds, part.units)
	}
	for k, fold := range folds {
		t.Logf("fold %d with the new units: %s", k, strings.Join(fold[len(fold)-ackscv7Added(fold, old):], " "))
	}
	return folds, old, blind, rw, judged
}

// ackscv7Added counts the files of fold not in old (they come last).
func ackscv7Added(fold, old []string) int {
	n := 0
	for _, f := range fold {
		if !slices.Contains(old, f) {
			n++
		}
	}
	return n
}

func TestAcksCV7FoldsCoverEveryFileOnce(t *testing.T) {
	folds, old, blind, rw, judged := ackscv7Folds(t)
	want := len(old) + len(blind) + len(rw) + len(judged)
	seen := map[string]int{}
	for k, fold := range folds {
		for _, f := range fold {
			if isTestFile(f) {
				t.Errorf("%s is a test file", f)
			}
			seen[f] = k + 1
		}
	}
	if len(seen) != want {
		t.Errorf("%d files in folds, want %d", len(seen), want)
	}
	for _, u := range ackscv7Blind {
		for _, f := range u {
			if seen[f] != seen[u[0]] {
				t.Errorf("%s is not in the fold of %s", f, u[0])
			}
		}
	}
	// ACKS-CV-3.md's folds are kept
	for k, fold := range ackscvFolds(t, old, 5) {
		for _, f := range fold {
			if seen[f] != k+1 {
				t.Errorf("%s moved from fold %d to %d", f, k, seen[f]-1)
			}
		}
	}
}

// TestAcksCV7 runs testdata/ACKS-CV-7.md: `ship` (main's recipe) against
// candidates whose concern detector also trains on the blind dev files
// (and on the rule-writers' untrained ones), all judged out of fold on the
// same rows (about 40 minutes on a loaded 2-core machine):
//
//	NEIGHBORBOT_ACKSCV=1 go test ./intake -p 1 -run 'AcksCV7$' -v -timeout 120m
//
// NEIGHBORBOT_ACKSCV_ONLY=blind narrows the candidates (`ship` always runs).
func TestAcksCV7(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_ACKSCV") == "" {
		t.Skip("set NEIGHBORBOT_ACKSCV=1 to run the seventh acknowledgement cross-validation (testdata/ACKS-CV-7.md)")
	}
	only := ackscvOnly()
	folds, old, blind, rw, judged := ackscv7Folds(t)
	allFiles := slices.Concat(old, blind, rw, judged)
	shipped, s13 := ackscvSet(ackscvShipped), ackscvSet(ackscvS13Files)
	isBlind, isRW, isJudged := ackscvSet(blind), ackscvSet(rw), ackscvSet(judged)
	base := builtinWithoutNatural(t)
	cfg := ackscvConfig(ackscvCandidate{})
	bal13, balRW := ackscvBalanced(t, ackscvS13Files), ackscvBalanced(t, rw)
	shipWeigh := func(f string, c int) float64 {
		if isRW[f] {
			return balRW(f, c)
		}
		return bal13(f, c)
	}
	isShip := func(f string) bool { return shipped[f] || s13[f] }
	ship := ackscvRun(t, base, folds, allFiles, isShip, ackscvS13Files, shipWeigh, cfg, 0)
	parts := []struct {
		name string
		keep func(string) bool
	}{
		{"B", func(f string) bool { return isBlind[f] }},
		{"O", func(f string) bool { return !isBlind[f] && !isRW[f] && !isJudged[f] }},
		{"R", func(f string) bool { return isRW[f] }},
		{"J", func(f string) bool { return isJudged[f] }},
		{"all", func(string) bool { return true }},
	}
	report := func(name string, js []ackscvJudged) {
		for _, p := range parts {
			ackscvReport(t, name+"/"+p.name, ackscvKeep(js, p.keep), len(folds))
		}
	}
	report("ship", ship)
	for _, cand := range ackscv7Candidates {
		if len(only) > 0 && !only[cand.name] {
			continue
		}
		balB := ackscvBalancedAt(t, blind, cand.blindW)
		t.Logf("%s: blind reports weighted %.3f, chit-chat %.0f; rule-writers' reports %.3f", cand.name,
			balB(blind[0], 1), balB(blind[0], 0), balRW(rw[0], 1))
		weigh := func(f string, c int) float64 {
			if isBlind[f] {
				return balB(f, c)
			}
			return shipWeigh(f, c)
		}
		natural := func(f string) bool { return isShip(f) || cand.blind && isBlind[f] || cand.rw && isRW[f] }
		x := ackscvRun(t, base, folds, allFiles, natural, ackscvS13Files, weigh, cfg, 0)
		report(cand.name, x)
		ackscv7Decide(t, cand.name, ship, x, parts[0].keep, len(folds))
	}
}

// ackscv7Decide applies rules 1–3 of testdata/ACKS-CV-7.md to candidate x
// against ship (isBlind tells the blind files) and logs the ranking
// diagnostic.
func ackscv7Decide(t *testing.T, name string, ship, x []ackscvJudged, isBlind func(string) bool, k int) {
	notBlind := func(f string) bool { return !isBlind(f) }
	shipB, xB := ackscvKeep(ship, isBlind), ackscvKeep(x, isBlind)
	faS, _, rS, reportsB := ackscvCount(shipB, -1)
	faX, _, rX, _ := ackscvCount(xB, -1)
	gain := faS - faX + rX - rS
	r1 := faX <= faS && rX >= rS && gain >= 8
	oS, oX := ackscvKeep(ship, notBlind), ackscvKeep(x, notBlind)
	faOS, _, rOS, reportsO := ackscvCount(oS, -1)
	faOX, _, rOX, _ := ackscvCount(oX, -1)
	r2 := faOX <= faOS+2 && faOX+reportsO-rOX <= faOS+reportsO-rOS
	worstFA, worstR := ackscvWorstFold(ship, x, k)
	r3 := worstFA < 3 && worstR < 5
	t.Logf("RULE 1 %s blind files at 0.70: false acks %d → %d, reports %d → %d of %d, gain %d (need ≥ 8, neither worse) → %v",
		name, faS, faX, rS, rX, reportsB, gain, r1)
	t.Logf("RULE 2 %s other files at 0.70: false acks %d → %d (at most +2), errors %d → %d (not more) → %v",
		name, faOS, faOX, faOS+reportsO-rOS, faOX+reportsO-rOX, r2)
	t.Logf("RULE 3 %s worst fold: false acks %+d (< 3), reports −%d (< 5) → %v", name, worstFA, worstR, r3)
	t.Logf("DECISION %s pass=%v (blind gain %d)", name, r1 && r2 && r3, gain)
	// the ranking diagnostic: reports at ship's false acks, by threshold sweep
	for _, p := range []struct {
		name    string
		ship, x []ackscvJudged
	}{{"blind", shipB, xB}, {"other", oS, oX}, {"all", ship, x}} {
		fa, _, r, _ := ackscvCount(p.ship, -1)
		m, th := ackscvMatched(p.x, fa)
		t.Logf("  ranking (diagnostic) %s on %s: at threshold %.2f %d reports at ≤ %d false acks (ship at 0.70: %d)",
			name, p.name, th, m, fa, r)
	}
}
