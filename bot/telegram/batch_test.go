package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// batchRecorder is a bot.BatchReceiver that logs each call in order:
// "batch:a,b" for a batch, "one:a" for a message received alone.
// failBatches fails that many batches; failText fails the message with
// that text when received alone (the store cannot take it).
type batchRecorder struct {
	calls       []string
	failBatches int
	failText    string
	refuseText  string // received alone: refused as not valid
}

func (r *batchRecorder) Receive(_ context.Context, m bot.Message) error {
	switch m.Text {
	case r.failText:
		return errors.New("disk full")
	case r.refuseText:
		return nb.Errorf(nb.EINVALID, "refused")
	}
	r.calls = append(r.calls, "one:"+m.Text)
	return nil
}

func (r *batchRecorder) ReceiveBatch(_ context.Context, ms []bot.Message) error {
	if r.failBatches > 0 {
		r.failBatches--
		return errors.New("disk full")
	}
	var texts []string
	for _, m := range ms {
		texts = append(texts, m.Text)
	}
	r.calls = append(r.calls, "batch:"+strings.Join(texts, ","))
	return nil
}

// updates numbers messages and a button press as one getUpdates answer.
func (f *fixture) updates(t *testing.T, texts ...string) []models.Update {
	t.Helper()
	var out []models.Update
	for i, text := range texts {
		u := models.Update{ID: int64(1001 + i)}
		switch {
		case text == "press":
			notice := f.api.NewMessage(privateChat(officer), f.api.Bot, "notice")
			u.CallbackQuery = &models.CallbackQuery{ID: fmt.Sprint("cq", i), From: officer, Data: "ack:3",
				Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: notice}}
		case strings.HasPrefix(text, "edit:"):
			m := f.api.NewMessage(supergroup, resident, strings.TrimPrefix(text, "edit:"))
			m.EditDate = 1700000000
			u.EditedMessage = m
		default:
			u.Message = f.api.NewMessage(supergroup, resident, text)
		}
		out = append(out, u)
	}
	return out
}

// TestPollReceivesMessagesInBatches: the messages of one getUpdates answer
// are received together, split only by an update that is not a message
// (a button press here), which is received alone and in its place; the
// offset returned confirms them all.
func TestPollReceivesMessagesInBatches(t *testing.T) {
	f := newFixture(t)
	rec := &batchRecorder{}
	ups := f.updates(t, "一", "二", "edit:三", "press", "四", "五")
	offset, err := f.a.handleUpdates(context.Background(), rec, ups, 1001)
	if err != nil || offset != 1007 {
		t.Fatalf("handleUpdates = %d, %v; want 1007", offset, err)
	}
	want := []string{"batch:一,二,三", "one:#报到 3", "batch:四,五"}
	if fmt.Sprint(rec.calls) != fmt.Sprint(want) {
		t.Fatalf("calls %q, want %q", rec.calls, want)
	}
}

// TestPollBatchFailureFallsBackToOneByOne: when a batch fails, its
// messages are received one by one as without batches: a refused one is
// dropped, and a store failure stops at that message, whose update and
// the ones after it are not confirmed (fetched again).
func TestPollBatchFailureFallsBackToOneByOne(t *testing.T) {
	f := newFixture(t)
	rec := &batchRecorder{failBatches: 1, failText: "三", refuseText: "一"}
	ups := f.updates(t, "一", "二", "三", "四")
	offset, err := f.a.handleUpdates(context.Background(), rec, ups, 1001)
	if err == nil || offset != 1003 {
		t.Fatalf("handleUpdates = %d, %v; want 1003 and the store's error", offset, err)
	}
	if want := []string{"one:二"}; fmt.Sprint(rec.calls) != fmt.Sprint(want) {
		t.Fatalf("calls %q, want %q", rec.calls, want)
	}
	rec.failText = ""
	offset, err = f.a.handleUpdates(context.Background(), rec, ups[2:], offset)
	if err != nil || offset != 1005 {
		t.Fatalf("again: handleUpdates = %d, %v; want 1005", offset, err)
	}
	if want := []string{"one:二", "batch:三,四"}; fmt.Sprint(rec.calls) != fmt.Sprint(want) {
		t.Fatalf("calls %q, want %q", rec.calls, want)
	}
}

// TestPollBatchesIntoTheEngine: through the real poller and engine, a
// burst of messages queued at Telegram is stored, confirmed and handled
// in order.
func TestPollBatchesIntoTheEngine(t *testing.T) {
	f := newFixture(t)
	var texts []string
	e := bot.NewEngine(f.db, func(c *bot.Context) error { texts = append(texts, c.Msg.Text); return nil })
	for i := range 30 {
		f.api.Say(supergroup, resident, fmt.Sprint("消息", i))
	}
	f.run(t, e)
	f.api.WaitOffset(t, 1031, 10*time.Second)
	if n, err := e.ProcessPending(context.Background()); err != nil || n != 30 {
		t.Fatalf("handled %d, %v", n, err)
	}
	for i, text := range texts {
		if text != fmt.Sprint("消息", i) {
			t.Fatalf("handled %q at %d", text, i)
		}
	}
}
