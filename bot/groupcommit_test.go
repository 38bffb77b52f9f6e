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

func (s *slowStore) Update(ctx context.Context, fn func(nb.Tx) error) error {
	s.updates.Add(1)
	<-s.gate
	return s.Store.Update(ctx, fn)
}

// waitQueued waits until one transaction has begun (held at the gate) and
// n writes have queued behind it.
func (s *slowStore) waitQueued(t *testing.T, g *GroupCommit, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		g.mu.Lock()
		queued := len(g.queue)
		g.mu.Unlock()
		if s.updates.Load() == 1 && queued == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d transactions begun, %d writes queued; want 1 and %d", s.updates.Load(), queued, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestGroupCommitSharesTransactions: posts arriving while a transaction
// commits share the next one; one post's failure fails only that post.
func TestGroupCommitSharesTransactions(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &slowStore{Store: db, gate: make(chan struct{})}
	g := NewGroupCommit(s)
	const posts = 40
	errs := make([]error, posts)
	var wg sync.WaitGroup
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.Do(context.Background(), func(tx nb.Tx) error {
				if i == 7 {
					return nb.Errorf(nb.EINVALID, "post %d is bad", i)
				}
				return tx.PutSetting(fmt.Sprint("k", i), "v")
			})
		}()
	}
	// The first leader waits at the gate with its own batch; hold it there
	// until every other post has queued behind it, so that the test does not
	// depend on how the scheduler starts goroutines (on a loaded machine the
	// others may start only after an early release).
	s.waitQueued(t, g, posts-1)
	close(s.gate)
	wg.Wait()
	for i, err := range errs {
		if i == 7 && nb.ErrorCode(err) != nb.EINVALID || i != 7 && err != nil {
			t.Errorf("post %d: %v", i, err)
		}
	}
	// One for the first post alone, then the 39 queued ones together: the
	// bad post splits theirs into the ones before it, itself, the ones after.
	if n := s.updates.Load(); n > 4 {
		t.Errorf("%d posts took %d transactions; want at most 4", posts, n)
	}
	_ = db.View(t.Context(), func(tx nb.Tx) error {
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
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &slowStore{Store: db, gate: make(chan struct{})}
	e := NewEngine(s, func(*Context) error { return nil })
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = e.Receive(context.Background(), Message{Platform: nb.PlatformSandbox, ChatID: "g1",
				SenderID: "u1", ID: fmt.Sprint(i), Text: fmt.Sprint("消息", i)})
		}()
	}
	s.waitQueued(t, e.received, n-1)
	close(s.gate)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("message %d: %v", i, err)
		}
	}
	if got := s.updates.Load(); got != 2 {
		t.Errorf("%d messages took %d transactions; want 2 (the first alone, then the others)", n, got)
	}
	var pending int
	if err := db.View(t.Context(), func(tx nb.Tx) (err error) { pending, err = tx.CountPendingInbox(); return err }); err != nil || pending != n {
		t.Fatalf("pending %d, %v; want %d", pending, err, n)
	}
	if e.Backlog() != n {
		t.Fatalf("backlog %d, want %d", e.Backlog(), n)
	}
}
