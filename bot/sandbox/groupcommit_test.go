package sandbox

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

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
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.do(context.Background(), func(tx nb.Tx) error {
				if i == 7 {
					return nb.Errorf(nb.EINVALID, "post %d is bad", i)
				}
				return tx.PutSetting(fmt.Sprint("k", i), "v")
			})
		}()
	}
	for s.updates.Load() == 0 { // the first leader waits at the gate; the others queue
	}
	for range 200 {
		select {
		case s.gate <- struct{}{}:
		default:
		}
		g.mu.Lock()
		idle := !g.busy && len(g.queue) == 0
		g.mu.Unlock()
		if idle {
			break
		}
	}
	close(s.gate)
	wg.Wait()
	for i, err := range errs {
		if i == 7 && nb.ErrorCode(err) != nb.EINVALID || i != 7 && err != nil {
			t.Errorf("post %d: %v", i, err)
		}
	}
	if n := s.updates.Load(); n >= posts {
		t.Errorf("%d posts took %d transactions; want them shared", posts, n)
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
