package intake

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSMSFalseAckPaths (opt-in: NB_SMS_DEBUG=file,file...) prints, for every
// chit-chat row of the given files that Understand acknowledges, which path
// acknowledged it.
func TestSMSFalseAckPaths(t *testing.T) {
	files := os.Getenv("NB_SMS_DEBUG")
	if files == "" {
		t.Skip("opt-in: NB_SMS_DEBUG=comma-separated dev files")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Split(files, ",") {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			if ex.Concern != 0 {
				continue
			}
			r := m.Understand(ex.Text)
			if !r.Ack {
				continue
			}
			p, pu := smsSignals(m, ex.Text)
			norm := Normalize(ex.Text)
			cues := scanCues(norm)
			anchors, anchorNorm := anchoringPlaces(r.Location, r.LocationNorm)
			v := judge(norm, cues, speechActOf(norm, cues), anchors, anchorNorm)
			var paths []string
			if v.petition {
				paths = append(paths, "petition")
			}
			if v.outage {
				paths = append(paths, "outage")
			}
			if v.unanswered {
				paths = append(paths, "unanswered")
			}
			if v.personDanger {
				paths = append(paths, "personDanger")
			}
			if r.Urgent && v.factor == 1 && v.anchored {
				paths = append(paths, "forced?")
			}
			if v.factor == 1 && namesNumberedBuilding(r.Location) {
				paths = append(paths, "placed")
			}
			fmt.Printf("%s\tp=%.2f pu=%.2f f=%.2f urg=%v vurg=%v anch=%v conf=%.2f [%s]\t%s\n",
				f[strings.LastIndex(f, "testdata/")+9:], p, pu, v.factor, r.Urgent, v.urgent, v.anchored,
				math.Round(r.Confidence*100)/100, strings.Join(paths, ","), ex.Text)
		}
	}
}

func TestSMSCueWords(t *testing.T) {
	txt := os.Getenv("NB_SMS_CUES")
	if txt == "" {
		t.Skip("opt-in")
	}
	for _, line := range strings.Split(txt, "|") {
		norm := Normalize(line)
		var hits []string
		for _, ws := range cueIndex {
			for _, c := range ws {
				if strings.Contains(norm, c.word) {
					hits = append(hits, fmt.Sprintf("%s:%d", c.word, c.group))
				}
			}
		}
		fmt.Printf("%s\n  dangerGroup=%d cues=%v\n", line, cueDanger, hits)
	}
}

// TestSMSDevTotals (opt-in: NB_SMS_TOTALS=1) sums false acknowledgements,
// acknowledged reports and urgent recall over every dev file.
func TestSMSDevTotals(t *testing.T) {
	if os.Getenv("NB_SMS_TOTALS") == "" {
		t.Skip("opt-in")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files := smsDevFiles()
	var fa, chat, acked, reports, urgHit, urgN int
	for _, f := range files {
		if isTestFile(f) {
			t.Fatalf("test file %s", f)
		}
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			r := m.Understand(ex.Text)
			switch ex.Concern {
			case 0:
				chat++
				if r.Ack {
					fa++
					if os.Getenv("NB_SMS_LIST") != "" {
						fmt.Printf("FA\t%s\t%s\n", f, ex.Text)
					}
				}
			case 1:
				reports++
				if r.Ack {
					acked++
				} else if os.Getenv("NB_SMS_LIST") != "" {
					fmt.Printf("MISS\t%s\t%s\n", f, ex.Text)
				}
				if ex.Urgent == 1 {
					urgN++
					if r.Urgent && r.Ack {
						urgHit++
					}
				}
			}
		}
	}
	fmt.Printf("files=%d FA=%d/%d acked=%d/%d urgent=%d/%d\n", len(files), fa, chat, acked, reports, urgHit, urgN)
}

// TestSMSForcedLowConcern (opt-in: NB_SMS_FORCED=1) counts, over the dev
// files, acknowledgements whose P(concern) is below each cut, by label:
// rows acknowledged only by the rules (forcing, person danger).
func TestSMSForcedLowConcern(t *testing.T) {
	if os.Getenv("NB_SMS_FORCED") == "" {
		t.Skip("opt-in")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files := smsDevFiles()
	cuts := []float64{0.05, 0.1, 0.2, 0.3, 0.5}
	fa, rep, urg := make([]int, len(cuts)), make([]int, len(cuts)), make([]int, len(cuts))
	for _, f := range files {
		ds, _ := ReadTSVFile(f)
		for _, ex := range ds.Examples {
			r := m.Understand(ex.Text)
			if !r.Ack {
				continue
			}
			p, _ := smsSignals(m, ex.Text)
			for i, c := range cuts {
				if p < c {
					switch {
					case ex.Concern == 0:
						fa[i]++
					case ex.Concern == 1 && ex.Urgent == 1:
						urg[i]++
						rep[i]++
					case ex.Concern == 1:
						rep[i]++
					}
				}
			}
		}
	}
	for i, c := range cuts {
		fmt.Printf("P(concern)<%.2f: false acks %d, reports %d (urgent %d)\n", c, fa[i], rep[i], urg[i])
	}
}

// smsDevFiles lists every dev file (never a test file) the brief judges on.
func smsDevFiles() []string {
	var files []string
	for _, g := range []string{"testdata/dev-*/*.tsv", "testdata/heldout-s3/dev*.tsv", "testdata/formal/dev.tsv", "testdata/danger-plain/dev.tsv",
		"testdata/eval_groupchat_dev.tsv", "testdata/eval_groupchat_final*.tsv", "testdata/heldout_handwritten.tsv", "testdata/heldout_handwritten_2.tsv", "testdata/heldout_handwritten_3.tsv"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	return files
}

// smsSignals returns the detector's P(concern) and the learnt P(urgent) of
// a message, as Understand computes them.
func smsSignals(m *Model, text string) (pConcern, pUrgent float64) {
	norm := Normalize(text)
	act := speechActOf(norm, scanCues(norm))
	act.joke = act.joke || laughing(text)
	ids, cov := m.featureIDsOf(norm, act)
	return m.concernProb(ids, cov), m.urgentProb(ids)
}
