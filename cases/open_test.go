package cases_test

import (
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
	only(t, "acknowledgement", w.sent(), "g1", "已登记 #1", "电梯·3号楼")

	// Without a text nothing is stored.
	w.update(func(tx nb.Tx) error {
		if _, err := w.svc.OpenTx(tx, &nb.Case{ChatID: w.chat.ID}); nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("no text: %v", err)
		}
		return nil
	})
	// Without a group: registered in the unit, nobody told.
	c2 := &nb.Case{Text: "路灯不亮", UnitID: w.units["二网格"], ReporterID: reporter}
	w.update(func(tx nb.Tx) (err error) { out, err = w.svc.OpenTx(tx, c2); return err })
	if out.ToldChatID != 0 || c2.ID != 2 {
		t.Fatalf("no group: %+v", out)
	}
	none(t, "no group", w.sent())
}
