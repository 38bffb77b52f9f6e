package sandbox

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

// TestGroupCommitSharesTransactions: posts arriving while a transaction
// commits share the next one; one post's failure fails only that post.
func TestGroupCommitSharesTransactions(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &slowStore{Store: db, gate: make(chan struct{})}
	g := &groupCommit{store: s}
	const posts = 40
	errs := make([]error, posts)
	var wg sync.WaitGroup
	var entered atomic.Int32
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			entered.Add(1)
			errs[i] = g.do(context.Background(), func(tx nb.Tx) error {
				if i == 7 {
					return nb.Errorf(nb.EINVALID, "post %d is bad", i)
				}
				return tx.PutSetting(fmt.Sprint("k", i), "v")
			})
		}()
	}
	// The first leader waits at the gate with the posts that had queued
	// when it took its batch (itself alone, or on a loaded machine more);
	// hold it there until every other post has queued behind it (or, when
	// the leader took some of them, until the queue has stopped growing),
	// so that the test does not depend on when goroutines start.
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
		if begun == 1 && entered.Load() == posts && (queued == posts-1 || time.Since(since) > 300*time.Millisecond) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d transactions begun, %d of %d posts queued", begun, queued, entered.Load())
		}
		time.Sleep(time.Millisecond)
	}
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
