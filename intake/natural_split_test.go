package intake

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestNaturalSplit chooses how much the hand-written dev files should count
// in the concern detector (NaturalConcernWeight): the dev files are split
// in two halves by file; for each weight the detector is trained on the
// built-in corpus plus one half and judged on the other (both ways), and
// the public false acknowledgements and the reports acknowledged are
// pooled. Test files are never read. About 10 minutes:
//
//	NEIGHBORBOT_NATSPLIT=1 go test ./intake -run NaturalSplit -v -timeout 60m
//
// NEIGHBORBOT_NATSPLIT_WEIGHTS=0,1,2 narrows the weights tried.
func TestNaturalSplit(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_NATSPLIT") == "" {
		t.Skip("set NEIGHBORBOT_NATSPLIT=1 to run the natural split (about 10 minutes)")
	}
	weights := splitWeights(t, "NEIGHBORBOT_NATSPLIT_WEIGHTS")
	if s := os.Getenv("NEIGHBORBOT_NATSPLIT_SHARE"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		defer func(old float64) { groupReportShare = old }(groupReportShare)
		groupReportShare = v
	}
	var halves [2][]string
	for i, f := range naturalDevFiles {
		halves[i%2] = append(halves[i%2], f)
	}
	base := builtinWithoutNatural(t)
	for _, w := range weights {
		var fa, chat, ack, reports, chatConcern, repConcern int
		var chatConf, repConf []float64 // confidence of each concern read
		for h := 0; h < 2; h++ {
			ds := &Dataset{HasConcern: true, HasUrgent: true, HasLocation: true}
			ds.Examples = append(ds.Examples, base.Examples...)
			if w > 0 {
				nat, err := naturalRows(halves[h], w)
				if err != nil {
					t.Fatal(err)
				}
				ds.Examples = append(ds.Examples, nat...)
			}
			m, err := Train(ds)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range halves[1-h] {
				judged, err := ReadTSVFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, ex := range judged.Examples {
					r := m.Understand(ex.Text)
					c := 0.0
					if r.Concern {
						c = r.Confidence
						chatConcern += 1 - ex.Concern
						repConcern += ex.Concern
					}
					switch ex.Concern {
					case 0:
						chatConf = append(chatConf, c)
						chat++
						if r.Ack {
							fa++
						}
					case 1:
						repConf = append(repConf, c)
						reports++
						if r.Ack {
							ack++
						}
					}
				}
			}
		}
		t.Logf("weight %g: false acks %.2f per 100 (%d of %d chit-chat), reports acknowledged %.3f (%d of %d)",
			w, 100*float64(fa)/float64(chat), fa, chat, float64(ack)/float64(reports), ack, reports)
		t.Logf("  taken as concerns: %d of %d chit-chat, %d of %d reports", chatConcern, chat, repConcern, reports)
		var sweep []string
		for _, th := range []float64{0.5, 0.6, 0.7, 0.8, 0.9} {
			sweep = append(sweep, fmt.Sprintf("%.1f: %d/%d", th, countAtLeast(chatConf, th), countAtLeast(repConf, th)))
		}
		t.Logf("  threshold: false acks/reports acknowledged  %s", strings.Join(sweep, "  "))
	}
	fmt.Fprintln(os.Stderr, "halves:", halves)
}

// splitWeights returns the weights a split tries: 0, 1, 2 and 4, or those
// the environment variable env lists (comma-separated).
func splitWeights(t *testing.T, env string) []float64 {
	t.Helper()
	s := os.Getenv(env)
	if s == "" {
		return []float64{0, 1, 2, 4}
	}
	var weights []float64
	for _, f := range strings.Split(s, ",") {
		w, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		weights = append(weights, w)
	}
	return weights
}

// builtinWithoutNatural is the built-in corpus without the natural rows, so
// that a split can add one half of them.
func builtinWithoutNatural(t *testing.T) *Dataset {
	t.Helper()
	ds, err := builtinCorpusWith(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func countAtLeast(xs []float64, th float64) int {
	n := 0
	for _, x := range xs {
		if x >= th {
			n++
		}
	}
	return n
}

// TestBuiltinCorpusNaturalRows: the hand-written dev files train the
// concern detector only (no category, no urgency), each row weighted
// NaturalConcernWeight (the reports of naturalBalancedFiles so that they
// weigh as much as those files' chit-chat), and no test file is among them.
func TestBuiltinCorpusNaturalRows(t *testing.T) {
	for _, f := range naturalUrgentFiles { // every file of naturalDevFiles, and the urgency rounds' dev files
		// of the heldout-sN folders only heldout-s3 holds dev files
		if isTestFile(f) {
			t.Errorf("%s is a test file: it must not train", f)
		}
	}
	nat, err := naturalRows(naturalDevFiles, NaturalConcernWeight)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, f := range naturalDevFiles {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want += len(ds.Examples)
	}
	if len(nat) != want || want < 1500 {
		t.Fatalf("%d natural rows, want the %d rows of the dev files (≥ 1500)", len(nat), want)
	}
	var balChat, balReports float64
	for _, f := range naturalBalancedFiles {
		ds, err := ReadTSVFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			balChat, balReports = balChat+float64(1-ex.Concern), balReports+float64(ex.Concern)
		}
	}
	reports, reweighed := 0, 0.0
	for _, ex := range nat {
		if ex.Category != "" || ex.Urgent != -1 || ex.Concern < 0 {
			t.Fatalf("natural row %q: category %q urgent %d concern %d", ex.Text, ex.Category, ex.Urgent, ex.Concern)
		}
		if w := ex.Weight; w != NaturalConcernWeight {
			if ex.Concern != 1 || math.Abs(w-NaturalConcernWeight*balChat/balReports) > 1e-9 {
				t.Fatalf("natural row %q: weight %v", ex.Text, w)
			}
			reweighed++
		}
		reports += ex.Concern
	}
	// the reports of the balanced files weigh as much as their chit-chat
	if balChat == 0 || reweighed != balReports {
		t.Errorf("%v reports reweighed, want the %v of the balanced files", reweighed, balReports)
	}
	if reports == 0 || reports == len(nat) {
		t.Errorf("natural rows: %d reports of %d, want both kinds", reports, len(nat))
	}
	ds, err := BuiltinCorpus()
	if err != nil {
		t.Fatal(err)
	}
	urg, err := naturalUrgentRows(naturalUrgentFiles, NaturalUrgentWeight)
	if err != nil {
		t.Fatal(err)
	}
	// the natural-only rows (natural_mix.go) and then the urgent-only rows
	// (natural_urgent.go) come last
	only := 0
	for _, ex := range ds.Examples {
		if ex.naturalOnly() || ex.natUW > 0 && ex.Urgent < 0 {
			only++
		}
	}
	n := len(ds.Examples) - only - len(urg)
	if tail := ds.Examples[n-len(nat) : n]; tail[0].Text != nat[0].Text || tail[len(tail)-1].Text != nat[len(nat)-1].Text {
		t.Error("BuiltinCorpus does not end with the natural rows, their urgent rows, the natural-only rows and then the urgent-only rows")
	}
}

// TestAskANotA: a question for information asked in the A-not-A form names
// nothing wrong by its 没 or 不, nor does a question for a number to call
// (its 投诉 or 处理); a question that names a problem still does.
func TestAskANotA(t *testing.T) {
	for text, want := range map[string]bool{
		"请问附近有没有打印店":    true,
		"问下小区里能不能养两只狗":  true,
		"请问物业是不是周末也上班":  true,
		"请问电梯是不是坏了":     false,
		"请问有没有人管管楼下的狗屎": false,
		"请问能不能派人来修一下路灯": false,
		"请问游泳馆几点关门":     true,
		"我想知道有没有打印店":    false, // no opener
		// asking which number to call to complain asks; naming a problem
		// with it does not
		"请问投诉物业要打哪个电话？想请求他们尽快处理": true,
		"请问报修电话是多少":              true,
		"请问电梯坏了打哪个电话":            false,
		"请问楼下漏水了 物业电话多少":         false,
	} {
		if got := structureOf(Normalize(text)).infoAsk; got != want {
			t.Errorf("infoAsk(%q) = %v, want %v", text, got, want)
		}
	}
}
