package intake

import "testing"

// TestReportsWithAPhoneNumber: a resident who adds their number to a report
// is still heard (a number alone is no small ad), and an explicit report
// (#报事) is always given a category.
func TestReportsWithAPhoneNumber(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := m.Understand("5号楼门口垃圾三天没人收 电话13812345678")
	if !r.Concern || r.Category != "环境卫生" {
		t.Errorf("report with a phone number: concern %v, category %q", r.Concern, r.Category)
	}
	if r := m.Understand("出闲置婴儿车 电话13812345678"); r.Concern {
		t.Errorf("a small ad is no report: %+v", r)
	}
	r = m.UnderstandReport("有点事想反映一下")
	if !r.Concern || r.Category == "" || r.Priority == "" {
		t.Errorf("an explicit report needs a category and a priority: %+v", r)
	}
}
