package intake

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// tinyCustom is a category-only set with labels the default taxonomy does
// not know, as a community training on its own history would have.
const tinyCustom = "text\tlabel\n" +
	"篮球场的篮筐坏了\t球场\n篮球场地面裂了\t球场\n羽毛球场的网破了\t球场\n球场灯晚上不亮\t球场\n" +
	"食堂的饭太咸了\t食堂\n食堂排队太久\t食堂\n食堂的菜有头发\t食堂\n食堂餐具没洗干净\t食堂\n" +
	"图书室周末不开门\t图书室\n图书室的书太旧了\t图书室\n图书室空调坏了\t图书室\n图书室太吵了\t图书室\n"

// trainTinyCustom trains a model on tinyCustom, which it returns too.
func trainTinyCustom(t *testing.T) (*Model, *Dataset) {
	t.Helper()
	ds, err := ReadTSV(strings.NewReader(tinyCustom))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(ds)
	if err != nil {
		t.Fatal(err)
	}
	return m, ds
}

func TestTrainNewLabelSet(t *testing.T) {
	m, ds := trainTinyCustom(t)
	if got := m.Labels(); strings.Join(got, ",") != "图书室,球场,食堂" {
		t.Fatalf("labels = %q", got)
	}
	for text, want := range map[string]string{"食堂的汤是凉的": "食堂", "篮球场的篮筐歪了": "球场", "图书室的书太少": "图书室"} {
		r := m.Understand(text)
		if !r.Concern || r.Category != want {
			t.Errorf("Understand(%q) = %q concern %v, want %q", text, r.Category, r.Concern, want)
		}
	}
	rep := Evaluate(m, ds)
	if rep.Accuracy < 0.9 || rep.CategoryN != 12 {
		t.Errorf("training-set accuracy %.2f over %d rows", rep.Accuracy, rep.CategoryN)
	}
	// Saved and loaded, the model gives the same answers.
	path := filepath.Join(t.TempDir(), "custom.gob.gz")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := m.Understand("食堂的汤是凉的"), m2.Understand("食堂的汤是凉的"); a.Category != b.Category || a.Confidence != b.Confidence {
		t.Errorf("loaded model differs: %+v vs %+v", a, b)
	}
}

func TestReadTSVErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "line 1: empty file"},
		{"no text column", "message\tlabel\nhi\tx\n", "line 1: header has no text column"},
		{"field count", "text\tconcern\nhello\t1\nbad row\n", "line 3: 1 fields, header has 2"},
		{"bad flag", "text\tconcern\nhello\tmaybe\n", `line 2: concern must be 1 or 0, got "maybe"`},
		{"empty text", "text\tlabel\n\tx\n", "line 2: empty text"},
		{"duplicate column", "text\ttext\n", `line 1: duplicate column "text"`},
	}
	for _, tt := range tests {
		_, err := ReadTSV(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := Train(&Dataset{Examples: []Example{{Text: "x", Category: "a", Concern: -1}}}); err == nil {
		t.Error("Train with one label: want error")
	}
}

func TestWithTaxonomy(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tax := DefaultTaxonomy()
	for i := range tax {
		if tax[i].Name == CatNoise {
			tax[i].Priority = PriorityComplex
		}
	}
	tax = append(tax, Category{Name: "疫情防控", Keywords: []string{"核酸", "隔离", "阳性"}, OwnerKind: "department", Priority: PriorityUrgent})
	m2 := m.WithTaxonomy(tax)
	if r := m2.Understand("5号楼楼上装修半夜还在打电钻 吵死了"); r.Category != CatNoise || r.Priority != PriorityComplex {
		t.Errorf("custom priority: %+v", r)
	}
	if r := m.Understand("5号楼楼上装修半夜还在打电钻 吵死了"); r.Priority != PriorityGeneral {
		t.Errorf("original model changed: %+v", r)
	}
	r := m2.Understand("3号楼有人核酸阳性了还在到处跑 不隔离 有没有人管")
	if r.Category != "疫情防控" || r.Priority != PriorityUrgent {
		t.Errorf("keyword-only category not chosen: %+v", r)
	}
	// A taxonomy without some learnt categories restricts predictions.
	small := []Category{{Name: CatElevator, Priority: PriorityUtilities}, {Name: CatSanitation, Priority: PriorityGeneral}}
	if r := m.WithTaxonomy(small).Understand("12栋门口的路灯坏了"); r.Category != CatElevator && r.Category != CatSanitation {
		t.Errorf("category %q outside taxonomy", r.Category)
	}
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "custom.tsv")
	if err := writeFile(data, tinyCustom); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.gob.gz")
	var out, errb bytes.Buffer
	before := time.Now().Add(-time.Second)
	if err := RunTrain([]string{"--data", data, "--out", model}, &out, &errb); err != nil {
		t.Fatalf("train: %v %s", err, errb.String())
	}
	// the model file says when and from what it was trained, and how a
	// model trained without rows 5 and 10 of the 12 scored on them
	if !strings.Contains(out.String(), "held-out check: a model trained without 2 of the 12 rows of the file scored on them: category macro-F1") {
		t.Errorf("train does not report its held-out check:\n%s", out.String())
	}
	trained, err := Load(model)
	if err != nil {
		t.Fatal(err)
	}
	rec := trained.Info().Training
	if rec.From != FromFile || rec.File != "custom.tsv" || rec.Rows != 12 || rec.At.Location() != time.UTC ||
		rec.At.Before(before) || rec.At.After(time.Now()) || rec.Check == nil || rec.Check.Rows != 2 || rec.Check.Of != 12 ||
		rec.Check.Concern || rec.Check.CategoryN != 2 {
		t.Errorf("training record %+v (check %+v)", rec, rec.Check)
	}
	out.Reset()
	if err := RunEval([]string{"--data", data, "--model", model, "--json"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("eval --json output %q: %v", out.String(), err)
	}
	for _, k := range []string{"accuracy", "macro_f1", "concern_precision", "concern_recall", "concern_f1", "location_exact", "urgent_recall", "msgs_per_sec"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("eval --json lacks %q", k)
		}
	}
	out.Reset()
	if err := RunEval([]string{"--data", "testdata/heldout_handwritten.tsv"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"accuracy:", "macro-F1:", "concern: precision", "location exact:", "urgent recall:", "msgs/sec:", "confusion", "环境卫生"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("eval text output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	in := strings.NewReader("44号楼前垃圾三天没人收\n\n收到\n")
	if err := RunUnderstand(nil, in, &out, &errb); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("understand printed %d lines: %q", len(lines), out.String())
	}
	var r Result
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil || !r.Concern || r.Category != CatSanitation || r.LocationNorm[0] != "44号楼" {
		t.Errorf("understand line 1 = %s (%v)", lines[0], err)
	}
	if err := RunTrain([]string{"-data", data}, &out, &errb); err == nil || !strings.Contains(err.Error(), "-data and -out are required") || strings.Contains(err.Error(), "--") {
		t.Errorf("train without -out: %v, want an error naming the flags as they are spelt (-data, -out)", err)
	}
	if err := RunEval(nil, &out, &errb); err == nil || strings.Contains(err.Error(), "--") {
		t.Errorf("eval without -data: %v, want an error naming -data", err)
	}
	if err := RunEval([]string{"--bogus"}, &out, &errb); err == nil {
		t.Error("eval with unknown flag: want error")
	}
}

func TestUnderstandConcurrent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := m.Understand(benchMessages[0])
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				r := m.Understand(benchMessages[i%len(benchMessages)])
				if i%len(benchMessages) == 0 && r.Category != want.Category {
					t.Errorf("concurrent result differs: %+v", r)
				}
			}
		}()
	}
	wg.Wait()
}
