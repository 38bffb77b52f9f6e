package intake

import (
	"strings"
	"testing"
)

// TestCategoryOnlyRows checks that rows whose concern is "-" train the
// category model and leave the vocabulary and the concern detector
// exactly as they were.
func TestCategoryOnlyRows(t *testing.T) {
	base := "text\tconcern\tcategory\n" +
		"电梯坏了 困在里面\t1\t电梯\n电梯门关不上\t1\t电梯\n楼道灯不亮\t1\t公共设施\n路灯坏了好几天\t1\t公共设施\n" +
		"今天天气真好\t0\t\n大家早上好\t0\t\n谢谢物业\t0\t\n晚上一起跳舞\t0\t\n"
	extra := "部𨋢停咗 阿婆困喺入面\t-\t电梯\n渠盖冇咗 黑麻麻\t-\t公共设施\n"
	train := func(s string) *Model {
		ds, err := ReadTSV(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		m, err := Train(ds)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := train(base), train(base+extra)
	if len(b.data.Features) != len(a.data.Features) {
		t.Fatalf("%d features, want the %d of the model without category-only rows", len(b.data.Features), len(a.data.Features))
	}
	for i, w := range a.data.Concern.W {
		if b.data.Concern.W[i] != w {
			t.Fatalf("concern weight %d changed: %v → %v", i, w, b.data.Concern.W[i])
		}
	}
	changed := false
	for i, w := range a.data.Category.W {
		changed = changed || b.data.Category.W[i] != w
	}
	if !changed {
		t.Error("category-only rows did not train the category model")
	}
}
