package handlers_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestTodoShowsUrgencyAndWhatWaitsForReview: "#待办" lists an urgent case
// first after the review list, marked, and gives a case on the review list
// with its words (masked), so that the officer can confirm or dismiss it
// without asking #详情 for each.
func TestTodoShowsUrgencyAndWhatWaitsForReview(t *testing.T) {
	w := newWorld(t)
	w.report("g1", "居民丙", "12栋门口的垃圾三天没人收了")
	urgent, _ := w.report("g1", "居民甲", "9号楼2单元有煤气味 很浓")
	quiet, _ := w.report("g1", "居民乙", "路灯不亮 打我电话13812345678 说一下")
	cs := w.caseByID(quiet)
	cs.Quiet = true // as if the detector had been unsure: on the review list
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(w.one("g1", "书记", "#待办", "待审核").Text, "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "#"+itoa(quiet)+" ") || !strings.Contains(lines[1], "路灯不亮") ||
		strings.Contains(lines[1], "13812345678") || !strings.HasPrefix(lines[2], "#"+itoa(urgent)+" ") ||
		!strings.Contains(lines[2], "[紧急]") {
		t.Errorf("want #%d with its masked words, then #%d marked [紧急], then the older case: %q", quiet, urgent, lines)
	}
}
