package intake

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The gates audit (testdata/GATES-12.md): for every labelled row of the dev
// files, which veto rules (veto.go) fired, and what the message would have
// become with each rule lifted in turn. Dev files only: it refuses test
// files. Run with NEIGHBORBOT_GATES_AUDIT=1; NEIGHBORBOT_GATES_ROWS=st.private
// (a rule's name) also lists the rows that rule vetoes.

// auditTestFile reports a test file (or the unread guard of session 12),
// whose rows the audit never reads.
func auditTestFile(path string) bool {
	p := filepath.ToSlash(path)
	base := filepath.Base(p)
	switch {
	case strings.Contains(p, "/heldout-s") && strings.HasPrefix(base, "test"),
		strings.HasSuffix(p, "danger-plain/test.tsv"), strings.HasSuffix(p, "formal/test.tsv"),
		base == "eval_groupchat_test.tsv", base == "heldout_handwritten_4.tsv",
		strings.Contains(p, "realchat/") && strings.HasSuffix(base, "-eval.tsv"),
		strings.Contains(p, "dev-s24"), strings.HasPrefix(base, "test"):
		return true
	}
	return false
}

// auditDevFiles lists the labelled dev files: the natural files, the
// urgency rounds' and every other dev-*/ file.
func auditDevFiles() []string {
	files := slices.Clone(naturalDevFiles)
	files = append(files, naturalOnlyFiles...)
	files = append(files, laterUrgentFiles...)
	for _, pat := range []string{"testdata/*/dev*.tsv", "testdata/dev-*/*.tsv"} {
		more, _ := filepath.Glob(pat)
		files = append(files, more...)
	}
	var out []string
	for _, f := range files {
		if !slices.Contains(out, f) && !auditTestFile(f) {
			out = append(out, f)
		}
	}
	return out
}

// personalChatFile reports a file of personal and service text messages
// (the ≤ 1 per 100 target), not group chat.
func personalChatFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasPrefix(base, "sms") || strings.Contains(path, "dev-s16c/") && base != "group.tsv"
}

// auditRow is one labelled dev row with what the model made of it.
type auditRow struct {
	file     string
	ex       Example
	personal bool
	trained  bool // the concern detector trained on the file
	base     Result
	// rulesUrgent: the rules read an unhedged danger (judge's urgent);
	// named: a numbered place here (judge's named)
	rulesUrgent, named bool
}

// auditTally counts, for one veto rule and one kind of row, the rows it
// vetoes and what they would have become with it lifted.
type auditTally struct {
	reports, urgent, chat, pchat [2]int // [0] rows vetoed, [1] of them acknowledged with the rule lifted
	reportsConcern               int    // reports vetoed that are concerns with the rule lifted
	chatConcern                  int    // chit-chat (group or personal) vetoed that is a concern with it lifted
	sole                         int    // reports vetoed by this rule alone
}

func (tl *auditTally) add(r auditRow, g veto, lifted Result) {
	a := b2i(lifted.Ack)
	switch {
	case r.ex.Concern == 1:
		tl.reports[0]++
		tl.reports[1] += a
		tl.reportsConcern += b2i(lifted.Concern)
		if r.base.vetoes == g {
			tl.sole++
		}
		if r.ex.Urgent == 1 {
			tl.urgent[0]++
			tl.urgent[1] += a
		}
	case r.personal:
		tl.pchat[0]++
		tl.pchat[1] += a
		tl.chatConcern += b2i(lifted.Concern)
	default:
		tl.chat[0]++
		tl.chat[1] += a
		tl.chatConcern += b2i(lifted.Concern)
	}
}

func (tl *auditTally) line(t *testing.T, name string) {
	if tl.reports[0]+tl.chat[0]+tl.pchat[0] == 0 {
		return
	}
	ratio := "-"
	if tl.reports[1] > 0 {
		ratio = fmt.Sprintf("%.2f", float64(tl.chat[1]+tl.pchat[1])/float64(tl.reports[1]))
	}
	t.Logf("%-22s %6d/%-4d c%-4d (sole %3d) %5d/%-4d %10d/%-4d %10d/%-4d c%-4d %7s", name, tl.reports[0], tl.reports[1],
		tl.reportsConcern, tl.sole, tl.urgent[0], tl.urgent[1], tl.chat[0], tl.chat[1], tl.pchat[0], tl.pchat[1],
		tl.chatConcern, ratio)
}

func TestGatesAudit(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_GATES_AUDIT") == "" {
		t.Skip("set NEIGHBORBOT_GATES_AUDIT=1")
	}
	m, rows := auditRows(t)
	for _, part := range []struct {
		name string
		keep func(auditRow) bool
	}{{"all dev files", func(auditRow) bool { return true }},
		{"untrained dev files", func(r auditRow) bool { return !r.trained }},
		{"dev-s23a", func(r auditRow) bool { return strings.Contains(r.file, "dev-s23a/") }}} {
		var sel []auditRow
		for _, r := range rows {
			if part.keep(r) {
				sel = append(sel, r)
			}
		}
		auditPart(t, m, part.name, sel)
	}
}

// auditRows reads the labelled rows of the dev files with what the
// default model makes of them.
func auditRows(t *testing.T) (*Model, []auditRow) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	trained := append(slices.Clone(naturalDevFiles), naturalOnlyFiles...)
	var rows []auditRow
	for _, f := range auditDevFiles() {
		if auditTestFile(f) {
			t.Fatalf("%s is a test file", f)
		}
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			if ex.Concern != 0 && ex.Concern != 1 {
				continue
			}
			r := auditRow{file: f, ex: ex, personal: personalChatFile(f), trained: slices.Contains(trained, f),
				base: m.Understand(ex.Text)}
			danger, calm := urgencyOf(scanCues(r.base.Normalized))
			r.rulesUrgent = danger && !calm
			_, anchorNorm := anchoringPlaces(r.base.Location, r.base.LocationNorm)
			r.named = namesNumberedPlace(anchorNorm)
			rows = append(rows, r)
		}
	}
	return m, rows
}

func auditPart(t *testing.T, m *Model, name string, rows []auditRow) {
	var rep, ack, urg, urgAck, chat, fa, pchat, pfa, vetoedRep, vetoedUrg, repConcern, chatConcern int
	for _, r := range rows {
		if r.ex.Concern == 1 {
			repConcern += b2i(r.base.Concern)
		} else {
			chatConcern += b2i(r.base.Concern)
		}
		switch {
		case r.ex.Concern == 1:
			rep++
			ack += b2i(r.base.Ack)
			if r.base.vetoes != 0 {
				vetoedRep++
			}
			if r.ex.Urgent == 1 {
				urg++
				urgAck += b2i(r.base.Ack)
				if r.base.vetoes != 0 {
					vetoedUrg++
				}
			}
		case r.personal:
			pchat++
			pfa += b2i(r.base.Ack)
		default:
			chat++
			fa += b2i(r.base.Ack)
		}
	}
	t.Logf("== %s: reports %d, acknowledged %d (%.1f %%), concerns %d, vetoed %d; urgent %d, acknowledged %d, vetoed %d; "+
		"group chit-chat %d, false acks %d (%.2f /100); personal %d, false acks %d (%.2f /100); chit-chat concerns %d",
		name, rep, ack, pct(ack, rep), repConcern, vetoedRep, urg, urgAck, vetoedUrg, chat, fa, pct(fa, chat), pchat, pfa,
		pct(pfa, pchat), chatConcern)
	t.Logf("%-22s %-30s %10s %15s %15s %5s %7s", "rule", "reports vetoed/acked c=concern", "(urgent)", "group chat",
		"personal", "c=chat concern", "ratio")
	only := os.Getenv("NEIGHBORBOT_GATES_ROWS")
	defer func(g gateRules) { m.gates = g }(m.gates)
	for i := range vetoCount {
		g := veto(1 << i)
		var all, urgent, named auditTally
		for _, r := range rows {
			if r.base.vetoes&g == 0 {
				continue
			}
			m.gates.lifted = g
			lifted := m.Understand(r.ex.Text)
			m.gates.lifted = 0
			all.add(r, g, lifted)
			if r.rulesUrgent {
				urgent.add(r, g, lifted)
			}
			if r.named {
				named.add(r, g, lifted)
			}
			if only == g.String() && name == "all dev files" {
				t.Logf("   %s %d/%d urg %v named %v lifted ack %v conc %v conf %.2f (+%s): %s", r.file, r.ex.Concern,
					r.ex.Urgent, r.rulesUrgent, r.named, lifted.Ack, lifted.Concern, lifted.Confidence,
					(r.base.vetoes &^ g).String(), r.ex.Text)
			}
		}
		all.line(t, g.String())
		urgent.line(t, "  rules urgent")
		named.line(t, "  numbered place")
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// gatesStages are the cumulative stages of testdata/GATES-12.md: each
// stage's soft vetoes.
var gatesStages = []struct {
	name  string
	rules softVetoSet
}{
	{"start", softVetoSet{}},
	{"U", softVetoSet{urgent: nonCalmVetoes}},
	{"A", softVetoSet{urgent: nonCalmVetoes, always: vetoAilment}},
	{"L", softVetoSet{urgent: nonCalmVetoes, always: vetoAilment, calm: vetoLiterary}},
	{"E", softVetoSet{urgent: nonCalmVetoes, always: vetoAilment, calm: vetoLiterary, named: vetoElsewhere}},
	{"O", softVetoSet{urgent: nonCalmVetoes, always: vetoAilment | vetoOffer, calm: vetoLiterary, named: vetoElsewhere}},
}

// gatesFigures are the pooled figures the decision rule of GATES-12 reads.
type gatesFigures struct {
	rep, ack, chat, fa, pchat, pfa, chatConcern, urgentNonCalm int
}

func (g gatesFigures) String() string {
	return fmt.Sprintf("reports %d acked %d (%.2f %%), group chat %d false acks %d (%.2f /100), personal %d false acks %d, "+
		"chit-chat concerns %d, urgent reports vetoed by a non-calm rule %d", g.rep, g.ack, pct(g.ack, g.rep), g.chat, g.fa,
		pct(g.fa, g.chat), g.pchat, g.pfa, g.chatConcern, g.urgentNonCalm)
}

func gatesFiguresOf(m *Model, rows []auditRow, keep func(auditRow) bool) gatesFigures {
	var g gatesFigures
	for _, row := range rows {
		if !keep(row) {
			continue
		}
		r := m.Understand(row.ex.Text)
		switch {
		case row.ex.Concern == 1:
			g.rep++
			g.ack += b2i(r.Ack)
			if row.rulesUrgent && r.vetoes&nonCalmVetoes != 0 {
				g.urgentNonCalm++
			}
		case row.personal:
			g.pchat++
			g.pfa += b2i(r.Ack)
			g.chatConcern += b2i(r.Concern)
		default:
			g.chat++
			g.fa += b2i(r.Ack)
			g.chatConcern += b2i(r.Concern)
		}
	}
	return g
}

// gatesDecide applies R1–R5 of GATES-12 to a stage against the one before.
func gatesDecide(urgentFix bool, prev, cur, prevU, curU gatesFigures) (bool, string) {
	var why []string
	dR, dF := cur.ack-prev.ack, cur.fa-prev.fa
	if urgentFix {
		if cur.urgentNonCalm > 0 || dR < 0 {
			why = append(why, "R1")
		}
	} else if dR <= 0 {
		why = append(why, "R1")
	}
	rateOK := func(p, c gatesFigures) bool {
		return 100*float64(c.fa-p.fa)/float64(p.chat) <= 0.25*100*float64(c.ack-p.ack)/float64(p.rep)
	}
	if !rateOK(prev, cur) {
		why = append(why, fmt.Sprintf("R2 (ΔF %d, ΔR %d)", dF, dR))
	}
	if cur.pfa > prev.pfa {
		why = append(why, "R3")
	}
	if 100*float64(cur.chatConcern-prev.chatConcern)/float64(prev.chat+prev.pchat) > 0.25 {
		why = append(why, fmt.Sprintf("R4 (ΔC %d)", cur.chatConcern-prev.chatConcern))
	}
	if curU.ack < prevU.ack || !rateOK(prevU, curU) || curU.pfa > prevU.pfa {
		why = append(why, "R5")
	}
	return len(why) == 0, strings.Join(why, ", ")
}

// TestGatesStages runs the stages of testdata/GATES-12.md on the dev files
// (NEIGHBORBOT_GATES_AUDIT=1).
func TestGatesStages(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_GATES_AUDIT") == "" {
		t.Skip("set NEIGHBORBOT_GATES_AUDIT=1")
	}
	m, rows := auditRows(t)
	defer func(g gateRules) { m.gates = g }(m.gates)
	all := func(auditRow) bool { return true }
	untrained := func(r auditRow) bool { return !r.trained }
	s23a := func(r auditRow) bool { return strings.Contains(r.file, "dev-s23a/") }
	var kept, keptU gatesFigures
	keptRules := softVetoSet{}
	for i, st := range gatesStages {
		// each stage adds its change to the last kept stage
		rules := st.rules
		if i > 0 {
			prev := gatesStages[i-1].rules
			rules = softVetoSet{always: keptRules.always | st.rules.always&^prev.always,
				urgent: keptRules.urgent | st.rules.urgent&^prev.urgent, calm: keptRules.calm | st.rules.calm&^prev.calm,
				named: keptRules.named | st.rules.named&^prev.named}
		}
		m.gates.soft = &rules
		cur, curU, cur23 := gatesFiguresOf(m, rows, all), gatesFiguresOf(m, rows, untrained), gatesFiguresOf(m, rows, s23a)
		t.Logf("== stage %s\n  all dev:   %v\n  untrained: %v\n  dev-s23a:  %v", st.name, cur, curU, cur23)
		if i == 0 {
			kept, keptU = cur, curU
			continue
		}
		ok, why := gatesDecide(st.name == "U", kept, cur, keptU, curU)
		t.Logf("  stage %s kept: %v %s", st.name, ok, why)
		if ok {
			kept, keptU, keptRules = cur, curU, rules
		}
	}
	t.Logf("kept soft vetoes: always %v, urgent %v, calm %v, named %v", keptRules.always, keptRules.urgent, keptRules.calm,
		keptRules.named)
}
