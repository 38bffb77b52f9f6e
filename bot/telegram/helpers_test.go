package telegram

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
	"github.com/neighborbot/neighborbot/store"
)

var (
	supergroup = models.Chat{ID: -1001234567890, Type: models.ChatTypeSupergroup, Title: "幸福社区一网格", IsForum: true}
	resident   = models.User{ID: 2001, FirstName: "刘", LastName: "大爷"}
	neighbour  = models.User{ID: 2002, FirstName: "陈女士"} // no @username
	officer    = models.User{ID: 1001, FirstName: "王书记", Username: "wang"}
)

func privateChat(u models.User) models.Chat {
	return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName}
}

// recorder is a bot.Receiver that keeps what it is given; fail makes the
// next calls fail, block holds each call until released.
type recorder struct {
	mu    sync.Mutex
	msgs  []bot.Message
	fail  int
	got   chan bot.Message
	block chan struct{}
}

func newRecorder() *recorder { return &recorder{got: make(chan bot.Message, 100)} }

func (r *recorder) Receive(_ context.Context, m bot.Message) error {
	if r.block != nil {
		<-r.block
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail > 0 {
		r.fail--
		return errors.New("disk full")
	}
	r.msgs = append(r.msgs, m)
	r.got <- m
	return nil
}

func (r *recorder) next(t *testing.T) bot.Message {
	t.Helper()
	select {
	case m := <-r.got:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no message received")
		return bot.Message{}
	}
}

// fixture is a fake Bot API, a real store and an adapter on both.
type fixture struct {
	api *telegramtest.Server
	db  *store.DB
	a   *Adapter
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	api := telegramtest.New(t)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a, err := New(context.Background(), db, Options{Token: telegramtest.Token, ServerURL: api.URL,
		PollTimeout: 5 * time.Second, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{api: api, db: db, a: a}
}

// run polls into recv until the test ends.
func (f *fixture) run(t *testing.T, recv bot.Receiver) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = f.a.Run(ctx, recv) }()
	t.Cleanup(func() { cancel(); <-done })
}

func (f *fixture) chat(t *testing.T, id string) *nb.Chat {
	t.Helper()
	var c *nb.Chat
	err := f.db.View(context.Background(), func(tx nb.Tx) (err error) {
		c, err = tx.FindChat(nb.PlatformTelegram, id)
		return err
	})
	if err != nil {
		t.Fatalf("chat %s: %v", id, err)
	}
	return c
}
