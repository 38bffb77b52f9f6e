package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestRetractionOfQuietCaseIsSilent: a report still on the review list (the
// group never heard of it) retracted in the group — "没事了", or "撤回" in
// reply to it, as a WeChat recall arrives — is withdrawn without a word in
// the group; "#撤回 N" still answers.
func TestRetractionOfQuietCaseIsSilent(t *testing.T) {
	w := newWorld(t)
	quiet := func(text string) (int64, string) {
		t.Helper()
		id, got := w.say("g1", "居民甲", text)
		if len(got) != 1 {
			t.Fatalf("report %q: %+v", text, got)
		}
		var n int64
		if _, err := fmt.Sscanf(got[0].Text[strings.Index(got[0].Text, "#"):], "#%d", &n); err != nil {
			t.Fatalf("no case number in %q", got[0].Text)
		}
		cs := w.caseByID(n)
		cs.Quiet = true // as if the detector had been unsure: on the review list
		if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
			t.Fatal(err)
		}
		return cs.ID, id
	}
	n, _ := quiet("3栋楼道里一股煤气味 好冲")
	w.now = w.now.Add(time.Minute)
	if _, got := w.say("g1", "居民甲", "没事了 是我搞错了"); len(got) != 0 {
		t.Errorf("retraction of a quiet case answered in the group: %+v", got)
	}
	if st := w.caseByID(n).Stage; st != nb.StageDismissed {
		t.Errorf("after the retraction #%d is %s, want dismissed", n, st)
	}
	n, id := quiet("18号楼门口的路灯坏了好几天了 晚上很黑")
	if _, got := w.say("g1", "居民甲", "撤回", id); len(got) != 0 {
		t.Errorf("recall of a quiet report answered in the group: %+v", got)
	}
	if st := w.caseByID(n).Stage; st != nb.StageDismissed {
		t.Errorf("after the recall #%d is %s, want dismissed", n, st)
	}
	n, _ = quiet("12号楼垃圾三天没人收 臭得很")
	w.one("g1", "居民甲", "#撤回 "+itoa(n), "撤回")
}
