package wechat

import (
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
)

// TestRecalledQuietReportLeavesReview: a report the detector is unsure of
// goes silently to the officers' review list; recalled (撤回) by its
// writer, it is withdrawn, marked with the recall, and leaves the list.
func TestRecalledQuietReportLeavesReview(t *testing.T) {
	unsure, err := intake.Default(intake.WithAckThreshold(0.99)) // every detection is unsure
	if err != nil {
		t.Fatal(err)
	}
	h := handlers.New(unsure, handlers.Config{BotUsername: "neighborbot"})
	w := newWorld(t, bot.Chain(h.Router().Handle, bot.Recover), nil)
	w.waitState(StateOnline)
	review := func() []*nb.Case {
		t.Helper()
		var list []*nb.Case
		if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) {
			list, err = tx.ListCases(nb.CaseFilter{OpenOnly: true, QuietOnly: true, Limit: 10})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return list
	}
	id := w.f.Say(group1, "刘大爷", "垃圾桶好像满了")
	w.exchange(group1, "刘大爷", "#帮助") // handled after the report: a barrier
	if n := len(review()); n != 1 {
		t.Fatalf("review list = %d cases, want the unsure report", n)
	}
	w.f.Recall(group1, "刘大爷", id)
	// the help is answered after anything the recall queued in this chat:
	// once it is sent, every earlier answer is in the sends
	w.exchange(group1, "刘大爷", "#帮助", "#进度")
	w.waitRecorded(chatPrefix + group1)
	if list := review(); len(list) != 0 {
		t.Errorf("after the recall the review list still has %+v", list[0])
	}
	var events []*nb.Event
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { events, err = tx.ListEvents(1); return err }); err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if last.ToStage != nb.StageDismissed || last.Note != RecallText {
		t.Errorf("last event of #1 = %+v, want withdrawn with the note %q", *last, RecallText)
	}
	if sends := w.f.Sends(); len(sends) != 2 {
		t.Errorf("sends = %+v, want only the two help answers (the group never heard of the report)", sends)
	}
}
