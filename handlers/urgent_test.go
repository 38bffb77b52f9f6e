package handlers_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestUrgentReportTellsOfficersPrivately: an urgent report is acknowledged
// in the group and sent at once to the officers above the group who can be
// reached privately; an ordinary report is not.
func TestUrgentReportTellsOfficersPrivately(t *testing.T) {
	w := newWorld(t)
	w.say("private:书记", "书记", "#帮助") // the officer can now be reached privately
	_, got := w.say("g1", "居民甲", "5栋的李奶奶两天没见人了 敲门也不应 电话也不接")
	if len(got) != 2 {
		t.Fatalf("want the group acknowledgement and one private note, got %+v", got)
	}
	byChat := map[string]string{}
	for _, m := range got {
		byChat[m.ChatID] = m.Text
	}
	if ack := byChat["g1"]; !strings.Contains(ack, "已登记 #1") || !strings.Contains(ack, "已加急通知工作人员") || !strings.Contains(ack, "120") {
		t.Errorf("the group acknowledgement of an urgent report says the officers were told and whom to call: %+v", got)
	}
	if note := byChat["private:书记"]; !strings.Contains(note, "紧急") || !strings.Contains(note, "#1") {
		t.Errorf("private urgent note: %+v", got)
	}
	_, got = w.say("g1", "居民甲", "12栋门口的垃圾三天没人收了")
	for _, m := range got {
		if strings.Contains(m.Text, "紧急") {
			t.Errorf("an ordinary report must not page officers as urgent: %+v", got)
		}
	}
}

// TestWithdrawalTellsTheOfficersWhoHeard: the officers paged privately about
// an urgent report, or told of a new acknowledged one, hear privately when
// its reporter withdraws it, so that nobody goes for nothing; a report on
// the review list they never heard of is withdrawn without a note.
func TestWithdrawalTellsTheOfficersWhoHeard(t *testing.T) {
	w := newWorld(t)
	w.say("private:书记", "书记", "#帮助")
	withdrawn := func(report, retract string) []string {
		t.Helper()
		if _, got := w.say("g1", "居民甲", report); len(got) != 2 {
			t.Fatalf("report %q: want the acknowledgement and the officer's note, got %+v", report, got)
		}
		_, got := w.say("g1", "居民甲", retract)
		var private []string
		for _, m := range got {
			if m.ChatID == "private:书记" {
				private = append(private, m.Text)
			}
		}
		return private
	}
	if got := withdrawn("9号楼2单元有煤气味 很浓", "没事了 是我搞错了"); len(got) != 1 || !strings.Contains(got[0], "#1") ||
		!strings.Contains(got[0], "撤回") {
		t.Errorf("the paged officer is not told of the withdrawal of urgent #1: %q", got)
	}
	if got := withdrawn("12栋门口的垃圾三天没人收了", "#撤回 2"); len(got) != 1 || !strings.Contains(got[0], "#2") {
		t.Errorf("the officer told of new #2 is not told of its withdrawal: %q", got)
	}
	if _, got := w.say("g1", "居民甲", "18号楼门口的路灯坏了好几天了 晚上很黑"); len(got) != 2 {
		t.Fatalf("third report: %+v", got)
	}
	cs := w.caseByID(3)
	cs.Quiet = true // as if the detector had been unsure, and the officer never told
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
		t.Fatal(err)
	}
	if _, got := w.say("g1", "居民甲", "#撤回 3"); len(got) != 1 || got[0].ChatID != "g1" {
		t.Errorf("a withdrawal of a case on the review list tells only its reporter: %+v", got)
	}
}
