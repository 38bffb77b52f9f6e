package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/store"
)

// windowStore notes when each sent message's record is committed.
type windowStore struct {
	nb.Store
	mu       sync.Mutex
	recorded map[string]time.Time // external id → commit time
}

type windowTx struct {
	nb.Tx
	ids *[]string
}

func (t windowTx) MarkOutboxSent(id int64, externalID string) error {
	*t.ids = append(*t.ids, externalID)
	return t.Tx.MarkOutboxSent(id, externalID)
}

func (s *windowStore) Update(ctx context.Context, fn func(nb.Tx) error) error {
	var ids []string
	err := s.Store.Update(ctx, func(tx nb.Tx) error { ids = ids[:0]; return fn(windowTx{tx, &ids}) })
	if err == nil {
		now := time.Now()
		s.mu.Lock()
		for _, id := range ids {
			s.recorded[id] = now
		}
		s.mu.Unlock()
	}
	return err
}

// timedSender is a remote platform that notes when each send returned.
type timedSender struct {
	mu   sync.Mutex
	n    int
	sent map[string]time.Time
}

func (s *timedSender) Send(context.Context, bot.OutMessage) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	id := "tg-" + strconv.Itoa(s.n)
	s.sent[id] = time.Now()
	return id, nil
}

// TestFaultSendRecordWindow measures, for a remote platform (Telegram),
// the window between a send returning and its record being committed, in
// which a crash would send the message again at the next start: 400
// replies over 80 chats and 8 lanes. The recorder writes the outcomes as
// they come, those waiting at that moment in one transaction, so the
// window is the write in progress plus the message's own.
func TestFaultSendRecordWindow(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ws := &windowStore{Store: db, recorded: map[string]time.Time{}}
	e := bot.NewEngine(ws, echo, bot.WithBatch(100))
	s := &timedSender{sent: map[string]time.Time{}}
	e.RegisterSender(nb.PlatformSandbox, s, bot.WithLanes(8))
	for i := range 400 {
		_ = e.Receive(ctx, msg(fmt.Sprint("g", i%80), fmt.Sprint(i), "hi"))
	}
	for {
		if n, err := e.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		} else if n == 0 {
			break
		}
	}
	for {
		if n, _ := e.DeliverPending(ctx); n == 0 {
			break
		}
	}
	var windows []time.Duration
	for id, sent := range s.sent {
		rec, ok := ws.recorded[id]
		if !ok {
			t.Fatalf("%s sent but never recorded", id)
		}
		windows = append(windows, rec.Sub(sent))
	}
	if len(windows) != 400 {
		t.Fatalf("%d sends; want 400", len(windows))
	}
	slices.Sort(windows)
	p50, p99, top := windows[len(windows)/2], windows[len(windows)*99/100], windows[len(windows)-1]
	t.Logf("send→record window over %d sends: p50 %v, p99 %v, max %v", len(windows), p50, p99, top)
	if top > 2*time.Second {
		t.Errorf("a send waited %v to be recorded", top)
	}
}
