package handlers_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestTodoShowsUrgencyAndWhatWaitsForReview: "#待办" marks an urgent case,
// and gives a case on the review list with its words (masked), so that the
// officer can confirm or dismiss it without asking #详情 for each.
func TestTodoShowsUrgencyAndWhatWaitsForReview(t *testing.T) {
	w := newWorld(t)
	urgent, _ := w.report("g1", "居民甲", "9号楼2单元有煤气味 很浓")
	quiet, _ := w.report("g1", "居民乙", "路灯不亮 打我电话13812345678 说一下")
	cs := w.caseByID(quiet)
	cs.Quiet = true // as if the detector had been unsure: on the review list
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(w.one("g1", "书记", "#待办", "待审核").Text, "\n")
	var sawUrgent, sawQuiet bool
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "#"+itoa(urgent)+" "):
			sawUrgent = strings.Contains(l, "[紧急]")
		case strings.HasPrefix(l, "#"+itoa(quiet)+" "):
			sawQuiet = strings.Contains(l, "路灯不亮") && !strings.Contains(l, "13812345678")
		}
	}
	if !sawUrgent || !sawQuiet {
		t.Errorf("want #%d marked [紧急] and #%d with its masked words: %q", urgent, quiet, lines)
	}
}
