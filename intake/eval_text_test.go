package intake

import (
	"strings"
	"testing"
)

// TestWriteTextAlignsWithChineseLabels: the labels come last in each row,
// so every column before them starts at the same place on a terminal.
func TestWriteTextAlignsWithChineseLabels(t *testing.T) {
	rep := Report{
		Labels:    []string{"环境卫生", "电梯", "x"},
		Classes:   []ClassMetrics{{Label: "环境卫生", Support: 12}, {Label: "电梯", Support: 3}, {Label: "x", Support: 100}},
		Confusion: [][]int{{10, 1, 1}, {0, 3, 0}, {5, 0, 95}},
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	// Rows ending with a label: the class table's (with decimals) and the
	// confusion matrix's. Everything before a label is ASCII, so its byte
	// offset is its column on a terminal.
	starts := map[bool]map[int]bool{true: {}, false: {}}
	for _, l := range strings.Split(b.String(), "\n") {
		for _, label := range append([]string{"class"}, rep.Labels...) {
			if strings.HasSuffix(l, " "+label) {
				starts[strings.Contains(l, ".") || label == "class"][len(l)-len(label)] = true
			}
		}
	}
	if len(starts[true]) != 1 || len(starts[false]) != 1 {
		t.Fatalf("labels start at columns %v (class table) and %v (confusion):\n%s", starts[true], starts[false], b.String())
	}
}
