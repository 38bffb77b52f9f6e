package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

// slowStore is a real store whose write transactions each wait for a
// signal, so that posts pile up behind one in progress.
type slowStore struct {
	nb.Store
	updates atomic.Int32
	gate    chan struct{}
}

// newSlowStore opens a fresh SQLite store behind a closed gate.
func newSlowStore(t *testing.T) *slowStore {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &slowStore{Store: db, gate: make(chan struct{})}
}

func (s *slowStore) Update(ctx context.Context, fn func(nb.Tx) error) error {
	s.updates.Add(1)
	<-s.gate
	return s.Store.Update(ctx, fn)
}

// waitQueued waits until one transaction has begun (held at the gate with
// the writes that had queued when its leader took its batch: its own alone,
// or on a loaded machine more) and every other write has queued behind it:
// n of them, or, when the leader took some, as many as are left once all
// writers have entered and the queue has stopped growing. So the tests do
// not depend on when goroutines start.
func (s *slowStore) waitQueued(t *testing.T, g *GroupCommit, n int, entered *atomic.Int32, writers int32) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	last, since := -1, time.Now()
	for {
		g.mu.Lock()
		queued := len(g.queue)
		g.mu.Unlock()
		if queued != last {
			last, since = queued, time.Now()
		}
		begun := s.updates.Load()
		if begun == 1 && entered.Load() == writers && (queued == n || time.Since(since) > 300*time.Millisecond) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d transactions begun, %d writes queued, %d of %d writers entered; want 1 and %d",
				begun, queued, entered.Load(), writers, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestGroupCommitSharesTransactions: posts arriving while a transaction
// commits share the next one; one post's failure fails only that post.
func TestGroupCommitSharesTransactions(t *testing.T) {
	s := newSlowStore(t)
	g := NewGroupCommit(s)
	const posts = 40
	errs := make([]error, posts)
	var wg sync.WaitGroup
	var entered atomic.Int32
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			entered.Add(1)
			errs[i] = g.Do(context.Background(), "", func(tx nb.Tx) error {
				if i == 7 {
					return nb.Errorf(nb.EINVALID, "post %d is bad", i)
				}
				return tx.PutSetting(fmt.Sprint("k", i), "v")
			})
		}()
	}
	s.waitQueued(t, g, posts-1, &entered, posts)
	close(s.gate)
	wg.Wait()
	for i, err := range errs {
		if i == 7 && nb.ErrorCode(err) != nb.EINVALID || i != 7 && err != nil {
			t.Errorf("post %d: %v", i, err)
		}
	}
	// One for the first batch, then one for the queued posts together; the
	// bad post splits its batch into the ones before it, itself, the ones
	// after: four at most.
	if n := s.updates.Load(); n > 4 {
		t.Errorf("%d posts took %d transactions; want at most 4", posts, n)
	}
	_ = s.Store.View(t.Context(), func(tx nb.Tx) error {
		for i := range posts {
			_, err := tx.Setting(fmt.Sprint("k", i))
			if (i == 7) != (nb.ErrorCode(err) == nb.ENOTFOUND) || (i != 7 && err != nil) {
				t.Errorf("setting %d after the posts: %v", i, err)
			}
		}
		return nil
	})
}

// TestEngineReceiveSharesTransactions: messages received at once (as a
// webhook's concurrent requests) are stored together, every one of them.
func TestEngineReceiveSharesTransactions(t *testing.T) {
	s := newSlowStore(t)
	e := NewEngine(s, func(*Context) error { return nil })
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	var entered atomic.Int32
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			entered.Add(1)
			errs[i] = e.Receive(context.Background(), Message{Platform: nb.PlatformSandbox, ChatID: "g1",
				SenderID: "u1", ID: fmt.Sprint(i), Text: fmt.Sprint("消息", i)})
		}()
	}
	s.waitQueued(t, e.received, n-1, &entered, n)
	close(s.gate)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("message %d: %v", i, err)
		}
	}
	if got := s.updates.Load(); got > 2 {
		t.Errorf("%d messages took %d transactions; want at most 2 (the first batch, then the others)", n, got)
	}
	var pending int
	if err := s.Store.View(t.Context(), func(tx nb.Tx) (err error) { pending, err = tx.CountPendingInbox(); return err }); err != nil || pending != n {
		t.Fatalf("pending %d, %v; want %d", pending, err, n)
	}
	if e.Backlog() != n {
		t.Fatalf("backlog %d, want %d", e.Backlog(), n)
	}
}

// TestGroupCommitOrdersABatchByKey: the writes of one transaction run in
// the order of their keys, and of their arrival among equal keys, so that
// locks taken by key are taken in one order by every transaction.
func TestGroupCommitOrdersABatchByKey(t *testing.T) {
	s := newSlowStore(t)
	g := NewGroupCommit(s)
	var mu sync.Mutex
	var ran []string
	var wg sync.WaitGroup
	var entered atomic.Int32
	write := func(key, name string) {
		defer wg.Done()
		entered.Add(1)
		err := g.Do(context.Background(), key, func(nb.Tx) error {
			mu.Lock()
			ran = append(ran, name)
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Error(name, err)
		}
	}
	// The first write leads, alone, and waits at the gate; the others
	// queue one by one, in a known order, for the next transaction.
	wg.Add(1)
	go write("z", "first")
	s.waitQueued(t, g, 0, &entered, 1)
	for i, key := range []string{"c", "a", "b", "a", ""} {
		wg.Add(1)
		go write(key, fmt.Sprint(key, i))
		s.waitQueued(t, g, i+1, &entered, int32(i+2))
	}
	close(s.gate)
	wg.Wait()
	if got, want := fmt.Sprint(ran), "[first 4 a1 a3 b2 c0]"; got != want {
		t.Fatalf("writes ran in this order: %s; want %s", got, want)
	}
	if n := s.updates.Load(); n != 2 {
		t.Fatalf("%d transactions, want 2", n)
	}
}
