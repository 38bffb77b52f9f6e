package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// TestLanesBacklogCountsTheStore: with several lanes the backlog is the
// store's count of pending messages, whichever process received or handled
// them: here messages received by another process and handled by this one
// would otherwise leave it below zero, and its own five waiting messages
// unseen.
func TestLanesBacklogCountsTheStore(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	release := make(chan struct{})
	handle := func(c *bot.Context) error {
		if strings.HasPrefix(c.Msg.Text, "hold") {
			<-release
		}
		return nil
	}
	msg := func(chat, text string) bot.Message {
		return bot.Message{Platform: nb.PlatformSandbox, ChatID: chat, ChatKind: nb.ChatGroup, SenderID: "r" + chat, ID: text, Text: text}
	}
	other := bot.NewEngine(db, handle) // another process: it receives, never runs
	e := bot.NewEngine(db, handle, bot.WithInboxLanes(2))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = e.Run(runCtx) }()
	defer func() { close(release); cancel(); <-done }()
	for i := range 10 {
		if err := other.Receive(ctx, msg(fmt.Sprint("o", i), fmt.Sprint("other", i))); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the other process's messages to be handled here", func() bool {
		var n int
		_ = db.View(ctx, func(tx nb.Tx) (err error) { n, err = tx.CountPendingInbox(); return err })
		return n == 0
	})
	for i := range 5 {
		if err := e.Receive(ctx, msg(fmt.Sprint("h", i), fmt.Sprint("hold", i))); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "a backlog of the 5 messages waiting", func() bool { return e.Backlog() == 5 })
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s, still waiting for %s", what)
		}
	}
}
