package intake

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestReadTSVWeight(t *testing.T) {
	ds, err := ReadTSV(strings.NewReader("text\tconcern\tweight\n甲\t0\t4\n乙\t1\t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := ds.Examples[0].weightOf(); w != 4 {
		t.Errorf("weight of row 1 = %v, want 4", w)
	}
	if w := ds.Examples[1].weightOf(); w != 1 {
		t.Errorf("empty weight = %v, want 1", w)
	}
	for _, bad := range []string{"0", "-2", "x", "5000"} {
		if _, err := ReadTSV(strings.NewReader("text\tweight\n甲\t" + bad + "\n")); err == nil {
			t.Errorf("weight %q accepted", bad)
		}
	}
}

func TestBuiltinCorpusHasWeightedRealNegatives(t *testing.T) {
	ds, err := BuiltinCorpus()
	if err != nil {
		t.Fatal(err)
	}
	rc, err := ReadTSV(bytes.NewReader(realChatTrain))
	if err != nil {
		t.Fatal(err)
	}
	isReal := map[string]bool{}
	for _, ex := range rc.Examples {
		isReal[ex.Text] = true
	}
	real := 0
	for _, ex := range ds.Examples {
		if isReal[ex.Text] && ex.Weight == realChatWeight {
			real++
			if ex.Concern != 0 {
				t.Fatalf("real negative %q has concern %d", ex.Text, ex.Concern)
			}
		}
	}
	if real < 300 {
		t.Errorf("built-in corpus has %d weighted real negatives, want the ~360 of realchat/chatterbot-zh-train.tsv", real)
	}
}

// A weighted row must count as much as the same row repeated.
func TestLogisticFitWeights(t *testing.T) {
	phiW := [][]float64{{1, 1}, {-1, 1}, {1, 1}}
	ysW := []int{1, 0, 0}
	ws := []float64{3, 3, 1}
	var phiR [][]float64
	var ysR []int
	for i, x := range phiW {
		for range int(ws[i]) {
			phiR, ysR = append(phiR, x), append(ysR, ysW[i])
		}
	}
	a := logisticFit(phiW, ysW, ws)
	b := logisticFit(phiR, ysR, []float64{1, 1, 1, 1, 1, 1, 1})
	for j := range a {
		if math.Abs(a[j]-b[j]) > 1e-6 {
			t.Fatalf("weighted fit %v, repeated rows %v", a, b)
		}
	}
}

// Coverage must separate: a sentence of the corpus's own words is covered,
// a line of classical poetry is not, and an English word mixed in is not
// counted either way.
func TestCoverage(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cov := func(s string) float64 {
		norm := Normalize(s)
		_, c := featureIDsAct(m.seg, norm, readSpeechAct(norm), m.index)
		return c
	}
	if c := cov("3号楼电梯坏了 一直没人修"); c < coverageKnee {
		t.Errorf("coverage of a plain report = %.2f, want the knee %.2f", c, coverageKnee)
	}
	if c := cov("黄梅时节家家雨，青草池塘处处蛙"); c >= coverageKnee-0.1 {
		t.Errorf("coverage of a line of poetry = %.2f, want well under %.2f", c, coverageKnee)
	}
	if a, b := cov("3号楼电梯坏了"), cov("3号楼电梯坏了 weird"); a != b {
		t.Errorf("an English word changed coverage: %.2f → %.2f", a, b)
	}
	if c := cov("。。。。。。 😂😂"); c != 0 {
		t.Errorf("coverage of a message without Chinese words = %.2f, want 0", c)
	}
}

// The embedded model is calibrated with coverage, so that talk about
// something else entirely is not acknowledged; the learnt urgency signal
// marks dangers the word lists do not name.
func TestDefaultModelCoverageAndUrgencyModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.data.PlattC <= 0 {
		t.Errorf("PlattC = %.3f, want > 0 (coverage raises confidence)", m.data.PlattC)
	}
	if m.data.Urgent == nil {
		t.Fatal("the default model has no urgency classifier")
	}
	for _, s := range []string{"机器人不允许撒谎", "人工智能是工程和科学的分支,致力于构建思维的机器。"} {
		if r := m.Understand(s); r.Ack {
			t.Errorf("Understand(%q) acknowledged (confidence %.2f)", s, r.Confidence)
		}
	}
	// danger in words none of the rules' lists holds (from danger-plain/dev.tsv)
	s := "车棚里一个电瓶车 电池那儿鼓起来了 烫手 还有味"
	norm := Normalize(s)
	if danger, _ := detectUrgency(norm); danger {
		t.Skipf("the rules now name this danger; pick another sentence")
	}
	ids := featureIDs(m.seg, norm, m.index)
	if p := m.urgentProb(ids); p < urgentModelCut {
		t.Errorf("learnt P(urgent) of %q = %.2f, want ≥ %.2f", s, p, urgentModelCut)
	}
}
