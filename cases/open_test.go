package cases_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// A report from outside the chats opens a topic in the group's unit, with
// its reporter following and a "reported" event, and the group gets the
// acknowledgement a chat report gets.
func TestOpenTx(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	reporter := w.people["居民乙"].PersonID
	c := &nb.Case{Text: "3号楼电梯坏了 电话13812345678", Category: "电梯", Location: "3号楼",
		ChatID: w.chat.ID, ReporterID: reporter}
	var out *nb.Outcome
	w.update(func(tx nb.Tx) (err error) { out, err = w.svc.OpenTx(tx, c); return err })
	if c.ID == 0 || c.Stage != nb.StageTopic || c.UnitID != w.units["一网格"] || c.Priority != nb.PriorityGeneral {
		t.Fatalf("case: %+v", c)
	}
	if ev := w.events(c.ID); len(ev) != 1 || ev[0].Kind != nb.EventReported || ev[0].ActorID != reporter {
		t.Fatalf("events: %+v", ev)
	}
	if out.ToldChatID != w.chat.ID {
		t.Fatalf("the group was not told: %+v", out)
	}
	sent := w.sent()
	if len(sent["g1"]) != 1 || !strings.Contains(sent["g1"][0], "已登记 #1 电梯·3号楼") {
		t.Fatalf("the group's acknowledgement: %v", sent)
	}
	// The grid workers and officers over the unit, as for a chat report.
	for _, who := range []string{"网格员", "书记", "街道主任"} {
		if m := sent["private:"+who]; len(m) != 1 || !strings.Contains(m[0], "【新诉求】#1") || strings.Contains(m[0], "13812345678") {
			t.Errorf("%s was told %v", who, m)
		}
	}
	if len(sent) != 4 {
		t.Errorf("told: %v", sent)
	}

	// Without a text nothing is stored.
	w.update(func(tx nb.Tx) error {
		if _, err := w.svc.OpenTx(tx, &nb.Case{ChatID: w.chat.ID}); nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("no text: %v", err)
		}
		return nil
	})
	// Without a group: registered in the unit, no group told; an urgent
	// case is told to the staff over the unit as urgent.
	c2 := &nb.Case{Text: "楼道里有煤气味", UnitID: w.units["二网格"], ReporterID: reporter, Priority: nb.PriorityUrgent}
	w.update(func(tx nb.Tx) (err error) { out, err = w.svc.OpenTx(tx, c2); return err })
	if out.ToldChatID != 0 || c2.ID != 2 {
		t.Fatalf("no group: %+v", out)
	}
	sent = w.sent()
	if m := sent["private:网格员2"]; len(m) != 1 || !strings.HasPrefix(m[0], "【紧急】#2") || len(sent) != 3 {
		t.Fatalf("urgent, no group: %v", sent)
	}
}
