package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// TestInboxLanesRunSideBySide: on PostgreSQL, the lanes of one engine
// handle different chats at the same time (chat a's first message waits
// until chat b's is being handled: one lane alone would wait for ever),
// every message once, each chat in order. (The chats have senders of their
// own: one person in both would make the second wait for the first.)
func TestInboxLanesRunSideBySide(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const perChat = 5
	bStarted := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	seen := map[string][]string{}
	handle := func(c *bot.Context) error {
		switch c.Msg.Text {
		case "a0":
			select {
			case <-bStarted:
			case <-time.After(10 * time.Second):
				t.Error("chat b was not handled while chat a's first message waited for it")
				return fmt.Errorf("chat b was not handled beside chat a")
			}
		case "b0":
			once.Do(func() { close(bStarted) })
		}
		mu.Lock()
		defer mu.Unlock()
		seen[c.Msg.ChatID] = append(seen[c.Msg.ChatID], c.Msg.Text)
		return nil
	}
	e := bot.NewEngine(db, handle, bot.WithBatch(1), bot.WithInboxLanes(4))
	for i := range perChat {
		for _, chat := range []string{"a", "b"} {
			m := bot.Message{Platform: nb.PlatformSandbox, ChatID: chat, ChatKind: nb.ChatGroup, SenderID: "r" + chat,
				ID: fmt.Sprint(chat, i), Text: fmt.Sprint(chat, i)}
			if err := e.Receive(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = e.Run(runCtx) }()
	deadline := time.Now().Add(20 * time.Second)
	for e.Backlog() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	for _, chat := range []string{"a", "b"} {
		var want []string
		for i := range perChat {
			want = append(want, fmt.Sprint(chat, i))
		}
		if !slices.Equal(seen[chat], want) {
			t.Errorf("chat %s handled %v; want %v (once each, in order)", chat, seen[chat], want)
		}
	}
}
