package cases_test

import (
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestQuietHoursHoldGroupPosts: at night an officer's step taken from a
// private chat reaches the group when quiet hours end; the same step on an
// urgent case, or given in the group itself (the post answers the command),
// goes at once.
func TestQuietHoursHoldGroupPosts(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	w := newWorld(t, nb.Policy{Quiet: nb.QuietHours{Start: 22 * time.Hour, End: 7 * time.Hour, Location: shanghai}})
	general := w.report("楼道灯坏了", nb.PriorityGeneral)
	urgent := w.report("电梯困人", nb.PriorityUrgent)
	inGroup := w.report("垃圾没人收", nb.PriorityGeneral)
	w.now = time.Date(2026, 11, 30, 23, 0, 0, 0, shanghai)
	w.sent()

	w.act("书记", general, nb.Command{Action: nb.ActionConfirm})
	w.act("书记", urgent, nb.Command{Action: nb.ActionConfirm})
	officer := w.people["书记"]
	officer.ChatID = w.chat.ID
	if _, err := w.svc.Act(w.ctx, officer, inGroup, nb.Command{Action: nb.ActionConfirm}); err != nil {
		t.Fatal(err)
	}
	got := w.sent()["g1"]
	if len(got) != 2 {
		t.Fatalf("at night, want the urgent case's post and the answer in the group, got %q", got)
	}
	w.now = time.Date(2026, 12, 1, 6, 59, 0, 0, shanghai)
	none(t, "before quiet hours end", w.sent())
	w.now = time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
	only(t, "when quiet hours end", w.sent(), "g1", "#1")
}
