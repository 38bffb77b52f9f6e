package sandbox_test

import (
	"errors"
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

// crashingSandbox is the real sandbox whose sends fail after writing the
// line, as a crash between sending and recording would.
type crashingSandbox struct {
	*sandbox.Platform
	crash bool
}

func (c *crashingSandbox) SendTx(tx nb.Tx, m bot.OutMessage) (string, error) {
	id, err := c.Platform.SendTx(tx, m)
	if err == nil && c.crash {
		return "", errors.New("crash between send and record")
	}
	return id, err
}

// TestFaultSendAndRecordAreOneStep: a bot message is written to the chat
// in the transaction that marks it sent, so a failure between the two
// leaves neither, and the retry shows it exactly once.
func TestFaultSendAndRecordAreOneStep(t *testing.T) {
	ctx := t.Context()
	db := openStore(t)
	if _, err := sandbox.SeedDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	e := bot.NewEngine(db, func(c *bot.Context) error { return c.Reply("收到") })
	sb := sandbox.New(db, e)
	crashing := &crashingSandbox{Platform: sb, crash: true}
	e.RegisterSender(nb.PlatformSandbox, crashing)
	if _, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: "刘大爷", Text: "5号楼电梯坏了"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := e.DeliverPending(ctx); n != 0 || err == nil {
		t.Fatalf("delivered %d, %v through a crash", n, err)
	}
	if msgs, _ := sb.Messages(ctx, group1, 0); len(msgs) != 1 {
		t.Fatalf("%d lines after the failed send; want only the resident's", len(msgs))
	}
	crashing.crash = false
	if n, _ := e.DeliverPending(ctx); n != 0 {
		t.Fatal("a message handed back after a failure waits for its retry")
	}
	_ = db.Update(ctx, func(tx nb.Tx) error { return tx.ReleaseOutbox(1, tx.Now(), "test: due now") })
	for range 2 {
		_, _ = e.DeliverPending(ctx)
	}
	msgs, _ := sb.Messages(ctx, group1, 0)
	if len(msgs) != 2 || !msgs[1].FromBot || msgs[1].Text != "收到" {
		t.Fatalf("chat after the retry has %d lines; want the reply exactly once", len(msgs))
	}
}
