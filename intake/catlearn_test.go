package intake

import (
	"bytes"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestTrigramsStayInsideRuns(t *testing.T) {
	got := trigramFeatures("电梯门坏了 3号楼，快来")
	want := []string{"t:电梯门", "t:梯门坏", "t:门坏了", "t:0号楼"}
	if !slices.Equal(got, want) {
		t.Fatalf("trigrams %q, want %q", got, want)
	}
	if got := trigramFeatures("好的"); len(got) != 0 {
		t.Fatalf("two characters gave trigrams %q", got)
	}
}

// tinyCategoryData is a small two-topic training set and messages of each
// topic the rows do not contain.
func tinyCategoryData() (train *Dataset, held map[string]string) {
	rows := []string{
		"电梯坏了 困在里面\t电梯", "电梯门关不上\t电梯", "电梯一直响 不走了\t电梯", "电梯按钮没反应\t电梯",
		"电梯里灯不亮\t电梯", "电梯停在两层中间\t电梯",
		"楼上半夜装修太吵\t噪音扰民", "广场舞音响太吵了\t噪音扰民", "半夜有人在楼下唱歌\t噪音扰民",
		"楼上天天半夜跺脚\t噪音扰民", "隔壁电钻响一上午\t噪音扰民", "楼下烧烤摊吵到半夜\t噪音扰民",
	}
	var b strings.Builder
	b.WriteString("text\tcategory\n")
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	ds, err := ReadTSV(strings.NewReader(b.String()))
	if err != nil {
		panic(err)
	}
	return ds, map[string]string{"电梯门坏了出不去": "电梯", "楼上装修电钻太吵": "噪音扰民"}
}

func TestEachCategoryLearnerLearns(t *testing.T) {
	ds, held := tinyCategoryData()
	for _, members := range [][]string{{"lr"}, {"nblr"}, {"cnb"}, {"lr", "nblr"}} {
		cfg := defaultTrainConfig()
		cfg.Cat = catSpec{Trigrams: true, Members: members}
		m, err := trainWith(ds, cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := 1 + len(m.data.CategoryMore); got != len(members) {
			t.Fatalf("%v: %d members", members, got)
		}
		if len(m.data.CatFeatures) == 0 {
			t.Fatalf("%v: no trigram features", members)
		}
		for text, want := range held {
			norm := Normalize(text)
			if c, _ := m.classify(norm, featureIDs(m.seg, norm, m.index)); c.Name != want {
				t.Errorf("%v: %s → %s, want %s", members, text, c.Name, want)
			}
		}
	}
}

func TestCategoryEnsembleAveragesMembers(t *testing.T) {
	ds, _ := tinyCategoryData()
	cfg := defaultTrainConfig()
	cfg.Cat = catSpec{Trigrams: true, Members: []string{"lr", "nblr"}}
	m, err := trainWith(ds, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	norm := Normalize("电梯太吵了")
	ids := m.categoryIDs(norm, featureIDs(m.seg, norm, m.index))
	got := m.categoryProbs(ids)
	a, b := make([]float64, len(got)), make([]float64, len(got))
	m.data.Category.probs(ids, a)
	m.data.CategoryMore[0].probs(ids, b)
	for j := range got {
		if math.Abs(got[j]-(a[j]+b[j])/2) > 1e-12 {
			t.Fatalf("class %d: %v, want the mean of %v and %v", j, got[j], a[j], b[j])
		}
	}
	if slices.Equal(a, b) {
		t.Fatal("the two members agree exactly: the ensemble is not one")
	}
}

func TestCategoryIDsAddKnownTrigramsAfterSharedOnes(t *testing.T) {
	ds, _ := tinyCategoryData()
	cfg := defaultTrainConfig()
	cfg.Cat = catSpec{Trigrams: true}
	m, err := trainWith(ds, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	norm := Normalize("电梯门关不上")
	shared := featureIDs(m.seg, norm, m.index)
	ids := m.categoryIDs(norm, shared)
	if len(ids) <= len(shared) || !slices.Equal(ids[:len(shared)], shared) {
		t.Fatalf("ids %v do not extend the shared ids %v", ids, shared)
	}
	for _, id := range ids[len(shared):] {
		if int(id) < len(m.data.Features) {
			t.Fatalf("trigram id %d inside the shared vocabulary (%d)", id, len(m.data.Features))
		}
	}
}

func TestComplementNBTemperatureSharpens(t *testing.T) {
	ds, _ := tinyCategoryData()
	cfg := defaultTrainConfig()
	cfg.Cat = catSpec{Members: []string{"cnb"}}
	m, err := trainWith(ds, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	// normalised complement weights are tiny; without a fitted temperature
	// every probability would be about 1/K
	if s := m.data.Category.Scale; s < 10 {
		t.Fatalf("temperature %v, want a sharpening scale", s)
	}
}

func TestQuantisedCategoryModelSurvivesSaveAndLoad(t *testing.T) {
	ds, held := tinyCategoryData()
	m, err := Train(ds)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/m.gob.gz"
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.data.CategoryMore) != len(m.data.CategoryMore) || len(back.data.CatFeatures) != len(m.data.CatFeatures) {
		t.Fatal("the loaded model lost ensemble members or trigram features")
	}
	if !slices.Equal(back.data.Category.W, m.data.Category.W) || !slices.Equal(back.data.CategoryMore[0].W, m.data.CategoryMore[0].W) {
		t.Fatal("loaded weights differ from the trained (quantised) ones")
	}
	for text := range held {
		norm := Normalize(text)
		a := m.categoryProbs(m.categoryIDs(norm, featureIDs(m.seg, norm, m.index)))
		b := back.categoryProbs(back.categoryIDs(norm, featureIDs(back.seg, norm, back.index)))
		if !slices.Equal(a, b) {
			t.Fatalf("%s: %v after loading, %v before", text, b, a)
		}
	}
}

func TestQuantiseKeepsWeightsClose(t *testing.T) {
	l := &linear{Labels: []string{"a", "b"}, W: []float32{1.27, -0.5, 0.01, 2, -1.27, 0}}
	orig := slices.Clone(l.W)
	l.quantize()
	for i, w := range l.W {
		if step := l.QScale[i%2]; math.Abs(float64(w-orig[i])) > float64(step)/2+1e-7 {
			t.Fatalf("weight %d: %v → %v (step %v)", i, orig[i], w, step)
		}
	}
	if l.W[3] != 2 {
		t.Fatalf("the largest weight of a class must stay exact, got %v", l.W[3])
	}
}

func TestVersionOneModelsStillLoad(t *testing.T) {
	// a model written by the version before (category weights as float32,
	// no trigrams, one category model): the two-topic rows of
	// tinyCategoryData trained by commit 94932dd
	old, err := os.ReadFile("testdata/model-v1-tiny.gob.gz")
	if err != nil {
		t.Fatal(err)
	}
	m, err := decode(bytes.NewReader(old), nil)
	if err != nil {
		t.Fatalf("a version 1 model no longer loads: %v", err)
	}
	if len(m.data.CategoryMore) != 0 || len(m.data.CatFeatures) != 0 || len(m.data.Category.W) == 0 {
		t.Fatal("a version 1 model was read with ensemble members, trigrams or no weights")
	}
	if r := m.UnderstandReport("电梯门坏了出不去"); r.Category != "电梯" {
		t.Fatalf("version 1 model: category %q", r.Category)
	}
	if tr := m.Training(); tr.From != "" || tr.Summary() != "not recorded (a model file written before training records)" || tr.CheckSummary() != "not recorded" {
		t.Fatalf("a version 1 model has no training record, got %+v", tr)
	}
}

// TestTrainedOnUnfamiliarClassesGetsNoKeywordBoost: a model trained on
// classes the built-in taxonomy does not know (one of them sharing a
// built-in name) predicts its own classes from its own probabilities: the
// built-in keywords boost none of them, and every class can be chosen.
func TestTrainedOnUnfamiliarClassesGetsNoKeywordBoost(t *testing.T) {
	ds, err := ReadTSVFile("testdata/catcv-formal7/formal7.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Examples {
		if ds.Examples[i].Category == "环境保护" {
			ds.Examples[i].Category = CatSanitation // a built-in name among unfamiliar ones
		}
	}
	cfg := defaultTrainConfig()
	cfg.categoryOnly = true
	m, err := trainWith(ds, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.Taxonomy()); got != 7 {
		t.Fatalf("taxonomy has %d categories, want the model's 7", got)
	}
	predicted := map[string]bool{}
	for _, text := range []string{
		"小区垃圾桶没人收 臭得很 苍蝇老鼠都有", // built-in 环境卫生 keywords
		"楼下停车乱停 消防通道被堵 电梯困人",  // keywords of other built-in classes
		"恳请有关部门督促开发商尽快交房并办理产权证",
		"某企业夜间偷排废水 河道发黑发臭",
		"公交线路班次太少 早高峰等不到车",
		"孩子就近入学的学位不足 请教育部门核实",
		"公司拖欠工资也不缴社保 请劳动监察部门处理",
		"景区门票涨价 旅行社强制购物",
		"医院挂号难 医生服务态度差",
	} {
		norm := Normalize(text)
		ids := featureIDs(m.seg, norm, m.index)
		p := m.categoryProbs(m.categoryIDs(norm, ids))
		c, conf := m.classify(norm, ids)
		best := argmax(p)
		if c.Name != m.data.Category.Labels[best] || math.Abs(conf-p[best]) > 1e-6 {
			t.Errorf("%s: classify %s (%.3f), model alone %s (%.3f)", text, c.Name, conf, m.data.Category.Labels[best], p[best])
		}
		predicted[c.Name] = true
	}
	if len(predicted) < 5 {
		t.Errorf("only %d classes predicted: %v", len(predicted), predicted)
	}
}

// TestAutoIDFFollowsMessageLength: AutoIDF trains exactly the plain recipe
// on short messages and exactly the idf-weighted one on long ones.
func TestAutoIDFFollowsMessageLength(t *testing.T) {
	train := func(path string, spec catSpec) []float32 {
		ds, err := ReadTSVFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg := defaultTrainConfig()
		cfg.Cat, cfg.categoryOnly, cfg.Runs = spec, true, 1
		m, err := trainWith(ds, cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m.data.Category.W
	}
	base := catSpec{Trigrams: true, Members: []string{"lr", "nblr"}}
	auto, idf := base, base
	auto.AutoIDF, idf.IDF = true, true
	for _, c := range []struct {
		path string
		long bool
	}{{"testdata/dev-s3b/dev.tsv", false}, {"testdata/catcv-formal7/formal7.tsv", true}} {
		a := train(c.path, auto)
		plain, weighted := train(c.path, base), train(c.path, idf)
		if slices.Equal(plain, weighted) {
			t.Fatalf("%s: idf changes no weight", c.path)
		}
		want := plain
		if c.long {
			want = weighted
		}
		if !slices.Equal(a, want) {
			t.Errorf("%s: AutoIDF is not the recipe for long=%v", c.path, c.long)
		}
	}
}
