package sandbox_test

import (
	"strconv"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

// TestPostWritesChatAndInboxTogether: with the real engine, a posted
// message is in the chat and in the engine's inbox after one commit, so a
// crash or a client hanging up cannot leave it shown but never handled.
func TestPostWritesChatAndInboxTogether(t *testing.T) {
	db := openStore(t)
	if _, err := sandbox.SeedDemo(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	e := bot.NewEngine(db, func(*bot.Context) error { return nil })
	sb := sandbox.New(db, e)
	id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: "刘大爷", Text: "5号楼电梯坏了"})
	if err != nil {
		t.Fatal(err)
	}
	var pending []*nb.InboxItem
	_ = db.View(t.Context(), func(tx nb.Tx) (err error) { pending, err = tx.PendingInbox(10); return err })
	if len(pending) != 1 || pending[0].MessageID != strconv.FormatInt(id, 10) || pending[0].ChatKey != group1 {
		t.Fatalf("inbox after post: %+v", pending)
	}

	// A failing post (unknown group) writes neither.
	if _, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: "无此群", From: "刘大爷", Text: "x"}); err == nil {
		t.Fatal("want an error for an unknown group")
	}
	_ = db.View(t.Context(), func(tx nb.Tx) (err error) { pending, err = tx.PendingInbox(10); return err })
	if len(pending) != 1 {
		t.Fatalf("a failed post reached the inbox: %+v", pending)
	}
}
