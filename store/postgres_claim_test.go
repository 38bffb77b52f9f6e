package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestPostgresClaimWaitsThenSeesNewest: a claim that waits on a lease row
// (a transaction of its owner holds it: HoldChat) while another owner
// claims a free chat of the same claim, and maybe handles it, neither fails
// and runs again nor returns messages handled meanwhile. Its chats are
// claimed in key order, so it waits on chat "a" before it reaches chat "b";
// the other owner's claim of "b" (free) goes through meanwhile.
//
// At REPEATABLE READ, the claim saw the inbox and the leases as they were
// when it began: it failed (serialization failure, the claim run again) on
// the lease of "a" if the transaction holding it renewed it and committed,
// or on the lease the other owner took on "b"; or, if the other owner had
// handled "b" and let it go, took "b" and returned its message as pending
// although it was handled (a stale claim, which the engine drops at the
// cost of a rolled-back batch).
func TestPostgresClaimWaitsThenSeesNewest(t *testing.T) {
	for _, c := range []struct {
		name             string
		renewed, handled bool
	}{{"renewed", true, false}, {"claimed", false, false}, {"handled", false, true}} {
		t.Run(c.name, func(t *testing.T) { testClaimWaitsThenSeesNewest(t, c.renewed, c.handled) })
	}
}

var errRolledBack = errors.New("rolled back")

func testClaimWaitsThenSeesNewest(t *testing.T, renewed, handled bool) {
	db := openPostgresTestDB(t, time.Now)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	put := func(chat, id string) {
		t.Helper()
		err := db.Update(ctx, func(tx nb.Tx) error {
			_, err := tx.PutInbox(&nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: chat, MessageID: id, Payload: []byte("{}")})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	claim := func(ctx context.Context, owner string, runs *atomic.Int32) ([]*nb.InboxItem, error) {
		var items []*nb.InboxItem
		err := db.Update(ctx, func(tx nb.Tx) (err error) {
			if runs != nil {
				runs.Add(1)
			}
			items, err = tx.ClaimInbox(10, time.Minute, owner)
			return err
		})
		return items, err
	}
	put("a", "1")
	if items, err := claim(ctx, "B", nil); err != nil || len(items) != 1 {
		t.Fatalf("B's first claim: %v, %v", items, err)
	}
	put("b", "2")

	// B's handling transaction holds the lease row of "a" (HoldChat), and
	// commits (renewed) or fails (the row is left as it was).
	var holder int
	held, release, holderDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		holderDone <- db.Update(ctx, func(ntx nb.Tx) error {
			if ok, err := ntx.HoldChat(nb.PlatformSandbox, "a", "B", time.Minute); err != nil || !ok {
				return fmt.Errorf("hold a: %v, %v", ok, err)
			}
			if err := ntx.(*tx).queryRow(`SELECT pg_backend_pid()`).Scan(&holder); err != nil {
				return err
			}
			close(held)
			<-release
			if renewed {
				return nil
			}
			return errRolledBack
		})
	}()
	<-held
	// B's next claim waits on that row.
	var runs atomic.Int32
	var bItems []*nb.InboxItem
	claimDone := make(chan error, 1)
	go func() {
		var err error
		bItems, err = claim(ctx, "B", &runs)
		claimDone <- err
	}()
	for waiting := false; !waiting; {
		err := db.View(ctx, func(ntx nb.Tx) error {
			return ntx.(*tx).queryRow(`SELECT EXISTS (SELECT 1 FROM pg_stat_activity
				WHERE ? = ANY (pg_blocking_pids(pid)))`, holder).Scan(&waiting)
		})
		if err != nil {
			close(release)
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Meanwhile A claims "b", and maybe handles it and lets it go.
	actx, acancel := context.WithTimeout(ctx, 5*time.Second)
	aItems, err := claim(actx, "A", nil)
	acancel()
	if err != nil || len(aItems) != 1 || aItems[0].ChatKey != "b" {
		close(release)
		t.Fatalf("A's claim while B's waits: %v, %v; want b's message (B's claim must not hold b yet)", aItems, err)
	}
	if handled {
		err := db.Update(ctx, func(tx nb.Tx) error {
			if ok, err := tx.HoldChat(nb.PlatformSandbox, "b", "A", time.Minute); err != nil || !ok {
				return fmt.Errorf("A holds b: %v, %v", ok, err)
			}
			if notPending, err := tx.MarkInboxHandled([]int64{aItems[0].ID}); err != nil || len(notPending) > 0 {
				return fmt.Errorf("A handles b: %v, %v", notPending, err)
			}
			_, err := tx.ReleaseChats("A")
			return err
		})
		if err != nil {
			close(release)
			t.Fatal(err)
		}
	}
	close(release)
	if err := <-holderDone; err != nil && !errors.Is(err, errRolledBack) {
		t.Fatal(err)
	}
	if err := <-claimDone; err != nil {
		t.Fatal(err)
	}
	var chats []string
	for _, it := range bItems {
		chats = append(chats, it.ChatKey)
	}
	if slices.Contains(chats, "b") {
		t.Errorf("B's claim returned b's message (handled %v by A meanwhile): a claim must read the inbox after it holds the chats", handled)
	}
	if fmt.Sprint(chats) != "[a]" {
		t.Errorf("B's claim = %v; want a's message", chats)
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("B's claim ran %d times; a lease row written while it waited must not fail it", n)
	}
}

// TestPostgresClaimRunsFirstAtReadCommitted: the claim's transaction is
// READ COMMITTED, the others REPEATABLE READ; a claim after another
// statement of its transaction is refused, not run on an older snapshot.
func TestPostgresClaimRunsFirstAtReadCommitted(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	level := func(ntx nb.Tx) (string, error) {
		var v string
		err := ntx.(*tx).queryRow(`SHOW transaction_isolation`).Scan(&v)
		return v, err
	}
	err := db.Update(t.Context(), func(ntx nb.Tx) error {
		if _, err := ntx.ClaimInbox(10, time.Minute, "o"); err != nil {
			return err
		}
		if v, err := level(ntx); err != nil || v != "read committed" {
			return fmt.Errorf("the claim's transaction is %q, %v", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(t.Context(), func(ntx nb.Tx) error {
		if v, err := level(ntx); err != nil || v != "repeatable read" {
			return fmt.Errorf("the next transaction is %q, %v", v, err)
		}
		if _, err := ntx.CountPendingInbox(); err != nil { // its snapshot taken
			return err
		}
		_, err := ntx.ClaimInbox(10, time.Minute, "o")
		return err
	})
	if err == nil {
		t.Fatal("a claim after another statement of its transaction ran")
	}
}
