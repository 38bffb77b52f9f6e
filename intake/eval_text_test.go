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

// TestCountsReadAsEnglish: a count of one takes the singular, others the
// plural, in eval's text report and train's summary.
func TestCountsReadAsEnglish(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{{1, "row", "1 row"}, {0, "row", "0 rows"}, {2, "row", "2 rows"}, {1, "category", "1 category"},
		{13, "category", "13 categories"}, {3, "day", "3 days"}, {2, "character trigram", "2 character trigrams"}} {
		if got := Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	var b strings.Builder
	rep := Report{LocationN: 1, UrgentN: 1, ChatN: 1, LocationPlaceN: 1}
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "1 rows") || !strings.Contains(b.String(), "(1 row naming a place)") {
		t.Errorf("a count of one reads as a plural:\n%s", b.String())
	}
}
