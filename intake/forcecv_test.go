package intake

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// forcecvVariant is one forcing rule of testdata/ACKS-CV-6.md.
type forcecvVariant struct {
	name  string
	force forcing
	none  bool // no forcing at all (a reference, not a candidate)
}

var forcecvVariants = []forcecvVariant{
	{name: "ship"},
	{name: "u05", force: forcing{urgentCut: 0.05}},
	{name: "u10", force: forcing{urgentCut: 0.1}},
	{name: "u20", force: forcing{urgentCut: 0.2}},
	{name: "u05c", force: forcing{urgentCut: 0.05, orConcern: true}},
	{name: "u10c", force: forcing{urgentCut: 0.1, orConcern: true}},
	{name: "u20c", force: forcing{urgentCut: 0.2, orConcern: true}},
	{name: "none", none: true},
}

// forcecvDevFiles are the dev files with concern labels that no model
// trains on (testdata/ACKS-CV-6.md): every testdata/dev-*/*.tsv except
// the trained ones, those of skip and test files.
func forcecvDevFiles(t *testing.T, skip []string) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/dev-*/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if isTestFile(f) || slices.Contains(naturalUrgentFiles, f) || slices.ContainsFunc(skip, func(s string) bool {
			return strings.HasPrefix(f, s)
		}) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// forcecvTally counts one variant's acknowledgements on a set of rows.
type forcecvTally struct {
	chat, falseAcks, reports, acked, urgent, urgentAcked int
}

func (c *forcecvTally) add(ex Example, ack bool) {
	if ex.Concern == 0 {
		c.chat++
		c.falseAcks += b2i(ack)
		return
	}
	c.reports++
	c.acked += b2i(ack)
	if ex.Urgent == 1 {
		c.urgent++
		c.urgentAcked += b2i(ack)
	}
}

func (c forcecvTally) String() string {
	return fmt.Sprintf("false acks %d/%d, reports acknowledged %d/%d, urgent reports acknowledged %d/%d",
		c.falseAcks, c.chat, c.acked, c.reports, c.urgentAcked, c.urgent)
}

// forcecvJudge judges rows of files with every variant of the forcing on
// model m and adds them to the tallies (one a variant, in
// forcecvVariants' order); with NEIGHBORBOT_FORCECV_ERRORS set it lists
// the rows whose acknowledgement a variant changes.
func forcecvJudge(t *testing.T, m *Model, group string, files []string, tallies []forcecvTally) {
	t.Helper()
	saved, ack := m.force, m.ack
	defer func() { m.force, m.ack = saved, ack }()
	forExamples(t, files, func(f string, ex Example) {
		if isTestFile(f) {
			t.Fatalf("%s is a test file", f)
		}
		forcecvAcks(t, m, forcecvVariants, group+" "+f, ex, tallies)
	})
}

// TestForcingCV runs testdata/ACKS-CV-6.md: may an anchored urgent concern
// be acknowledged at once only when the learnt urgency signal, judged out
// of fold, assents? (dev files only; five trainings, a few minutes):
//
//	NEIGHBORBOT_FORCECV=1 go test ./intake -p 1 -run 'ForcingCV$' -v -timeout 90m
func TestForcingCV(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_FORCECV") == "" {
		t.Skip("set NEIGHBORBOT_FORCECV=1 to run the forcing cross-validation (testdata/ACKS-CV-6.md)")
	}
	trained := slices.Clone(naturalUrgentFiles) // naturalDevFiles and the urgency-only files
	folds := ackscvFoldsLogged(t, trained)
	base := builtinWithoutNatural(t)
	oof := make([]forcecvTally, len(forcecvVariants))
	for k, fold := range folds {
		var nat, urg []string
		for _, f := range naturalDevFiles {
			if !slices.Contains(fold, f) {
				nat = append(nat, f)
			}
		}
		for _, f := range naturalUrgentFiles {
			if !slices.Contains(fold, f) {
				urg = append(urg, f)
			}
		}
		m := urgcvTrain(t, base, nat, urg)
		tallies := make([]forcecvTally, len(forcecvVariants))
		forcecvJudge(t, m, fmt.Sprintf("fold%d", k+1), fold, tallies)
		for i, v := range forcecvVariants {
			t.Logf("fold %d %-5s %s", k+1, v.name, tallies[i])
			forcecvSum(&oof[i], tallies[i])
		}
	}
	shipped, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	untrained := forcecvDevFiles(t, []string{"testdata/dev-s18b"})
	t.Logf("untrained dev files (shipped model): %s", strings.Join(untrained, " "))
	un := make([]forcecvTally, len(forcecvVariants))
	forcecvJudge(t, shipped, "untrained", untrained, un)
	for i, v := range forcecvVariants {
		t.Logf("untrained %-5s %s", v.name, un[i])
	}
	for i, v := range forcecvVariants {
		all := oof[i]
		forcecvSum(&all, un[i])
		t.Logf("pooled    %-5s out of fold: %s; with the untrained files: %s", v.name, oof[i], all)
	}
}

// forcecvAcks judges ex on m with every variant (m.force is left at the
// last one's: callers restore it) and adds it to tallies (one a variant);
// with NEIGHBORBOT_FORCECV_ERRORS set it lists the row when a variant
// changes its acknowledgement, labelled where.
func forcecvAcks(t *testing.T, m *Model, variants []forcecvVariant, where string, ex Example, tallies []forcecvTally) {
	t.Helper()
	var ship bool
	for i, v := range variants {
		m.force = v.force
		if v.none {
			m.force = forcing{urgentCut: 2}
		}
		a := m.Understand(ex.Text).Ack
		tallies[i].add(ex, a)
		if i == 0 {
			ship = a
		} else if a != ship && os.Getenv("NEIGHBORBOT_FORCECV_ERRORS") != "" {
			t.Logf("  %s %s concern %d urgent %d unforced: %s", v.name, where, ex.Concern, ex.Urgent, ex.Text)
		}
	}
}

func forcecvSum(to *forcecvTally, c forcecvTally) {
	to.chat += c.chat
	to.falseAcks += c.falseAcks
	to.reports += c.reports
	to.acked += c.acked
	to.urgent += c.urgent
	to.urgentAcked += c.urgentAcked
}
