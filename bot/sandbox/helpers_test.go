package sandbox_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// openStore opens a real SQLite store on a file in a temporary directory
// (or PostgreSQL, see pgtest.Database).
func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), pgtest.Database(t, filepath.Join(t.TempDir(), "neighborbot.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// recorder is a bot.Receiver that remembers what it receives.
type recorder struct {
	got chan bot.Message
}

func newRecorder() *recorder { return &recorder{got: make(chan bot.Message, 16)} }

func (r *recorder) Receive(ctx context.Context, m bot.Message) error {
	r.got <- m
	return nil
}

// next returns the next received message.
func (r *recorder) next(t *testing.T) bot.Message {
	t.Helper()
	select {
	case m := <-r.got:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no message received")
		return bot.Message{}
	}
}

// seeded returns a platform over a store with the demo data.
func seeded(t *testing.T, opts ...sandbox.Option) (*sandbox.Platform, *store.DB, *recorder) {
	t.Helper()
	db := openStore(t)
	if ok, err := sandbox.SeedDemo(t.Context(), db); err != nil || !ok {
		t.Fatalf("SeedDemo = %v, %v", ok, err)
	}
	rec := newRecorder()
	return sandbox.New(db, rec, opts...), db, rec
}

// wantCode fails unless err carries the domain error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := nb.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

const (
	group1 = "幸福社区一网格群(演示)"
	group2 = "幸福社区二网格群(演示)"
)
