package redis_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/redis"
	"github.com/neighborbot/neighborbot/store"
)

// TestSandboxReaderSeesAnotherProcessesLine: a reader waiting on one
// process, already up to date, sees at once the bot's answer another
// process delivered to the chat.
func TestSandboxReaderSeesAnotherProcessesLine(t *testing.T) {
	prefix := newPrefix(t)
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(t.TempDir(), "nb.db")
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	platform := func() (*sandbox.Platform, *store.DB) {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		p := sandbox.New(db, nil, sandbox.WithNotifier(redis.NewNotifier(newClient(t, prefix))))
		wg.Add(1)
		go func() { defer wg.Done(); p.Run(ctx) }()
		return p, db
	}
	a, _ := platform()
	heard := make(chan string, 4) // the web server's parked polls listen so
	a.OnMessage(func(chat string) { heard <- chat })
	b, bdb := platform()
	waitSubscribers(t, prefix+"wake", 2)
	msgs, w, err := a.Await(ctx, "group 1", 0) // nothing yet: a waits, and remembers that
	if err != nil || w == nil {
		t.Fatalf("Await = %v, %v, %v", msgs, w, err)
	}
	defer w.Stop()
	out := bot.OutMessage{Platform: nb.PlatformSandbox, ChatID: "group 1", Text: "收到"}
	var id string
	if err := bdb.Update(ctx, func(tx nb.Tx) (err error) { id, err = b.SendTx(tx, out); return err }); err != nil {
		t.Fatal(err)
	}
	b.Delivered(out, id)
	select {
	case <-w.Woken():
	case <-time.After(10 * time.Second):
		t.Fatal("a's reader was never woken by the line b delivered")
	}
	select {
	case chat := <-heard:
		if chat != "group 1" {
			t.Fatalf("a's listener heard of %q", chat)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a's listeners never heard of the line b delivered")
	}
	msgs, w2, err := a.Await(ctx, "group 1", 0)
	if w2 != nil {
		w2.Stop()
	}
	if err != nil || len(msgs) != 1 || msgs[0].Text != "收到" {
		t.Fatalf("a's reader, woken, got %+v, %v", msgs, err)
	}
}
