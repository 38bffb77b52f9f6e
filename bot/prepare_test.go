package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// TestPrepareReadsAheadOutsideTheTransaction: each message is read by the
// PrepareFunc before its transaction, across several batches, and the
// handler finds that reading in its Context; a message whose reading
// panics is still handled (it reads itself), and the chat's order holds.
func TestPrepareReadsAheadOutsideTheTransaction(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var prepared atomic.Int32
	prepare := func(m bot.Message) any {
		prepared.Add(1)
		if strings.HasPrefix(m.Text, "panic") {
			panic("a bad reading")
		}
		return "read:" + m.Text
	}
	var got []string
	handler := func(c *bot.Context) error {
		got = append(got, fmt.Sprint(c.Msg.Text, "=", c.Prepared))
		// Its whole batch (of four) was read before the batch's transaction.
		if i := len(got) - 1; int(prepared.Load()) < min(i/4*4+4, 11) {
			t.Errorf("message %d handled when only %d were read", i, prepared.Load())
		}
		return nil
	}
	e := bot.NewEngine(db, handler, bot.WithBatch(4), bot.WithPrepare(prepare))
	var want []string
	for i := range 11 { // three batches of four
		text := fmt.Sprint("m", i)
		if i == 5 {
			text = "panic 5"
		}
		if err := e.Receive(ctx, msg("g1", fmt.Sprint(i), text)); err != nil {
			t.Fatal(err)
		}
		if i == 5 {
			want = append(want, text+"=<nil>")
		} else {
			want = append(want, text+"=read:"+text)
		}
	}
	if n, err := e.ProcessPending(ctx); err != nil || n != 11 {
		t.Fatalf("processed %d, %v", n, err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("handled %q, want %q", got, want)
	}
}
