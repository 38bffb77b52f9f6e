package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// interleave runs first and second as two write transactions on db that
// overlap: second takes its snapshot (its first statement, pin), then first
// commits, then second goes on with its writes (rest). The synchronisation
// happens in the first run of each only; a run again after a conflict goes
// straight through. It returns how often second ran.
func interleave(t *testing.T, db *DB, first func(nb.Tx) error, pin, rest func(nb.Tx) error) int32 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	pinned, committed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	var runs atomic.Int32
	errs := make(chan error, 2)
	go func() {
		errs <- db.Update(ctx, func(tx nb.Tx) error {
			if err := first(tx); err != nil {
				return err
			}
			<-pinned // second has its snapshot: commit under it
			return nil
		})
		close(committed)
	}()
	go func() {
		errs <- db.Update(ctx, func(tx nb.Tx) error {
			runs.Add(1)
			if err := pin(tx); err != nil {
				return err
			}
			firstRun := false
			once.Do(func() { firstRun = true })
			if firstRun {
				close(pinned)
				<-committed
			}
			return rest(tx)
		})
	}()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	return runs.Load()
}

// TestPostgresConcurrentNewSender: the same new sender in two chats handled
// at once by two processes is one person; the later transaction runs again
// rather than failing its message with a unique violation.
func TestPostgresConcurrentNewSender(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	var a, b *nb.Person
	runs := interleave(t, db,
		func(tx nb.Tx) (err error) {
			a, err = tx.EnsurePerson(nb.PlatformTelegram, "777", "王阿姨")
			return err
		},
		func(tx nb.Tx) error { _, err := tx.CountPendingInbox(); return err },
		func(tx nb.Tx) (err error) {
			b, err = tx.EnsurePerson(nb.PlatformTelegram, "777", "王阿姨")
			return err
		})
	if a.ID != b.ID {
		t.Fatalf("one sender became two persons: %d and %d", a.ID, b.ID)
	}
	if runs < 2 {
		t.Fatalf("the second transaction ran %d time(s); it wrote over a row it could not see and must have run again", runs)
	}
}

// TestPostgresConcurrentMarkDone: two processes finishing one message (a
// lease taken over while its holder still worked) cannot both finish it:
// the later one runs again and sees it done.
func TestPostgresConcurrentMarkDone(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	item := &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: "chat-1", MessageID: "m1", Payload: []byte(`{}`)}
	if err := db.Update(context.Background(), func(tx nb.Tx) error {
		_, err := tx.PutInbox(item)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	id := item.ID
	var secondSawPending []bool
	secondFoundDone := false
	runs := interleave(t, db,
		func(tx nb.Tx) error { return tx.MarkInboxDone(id, "") },
		func(tx nb.Tx) error {
			items, err := tx.PendingInbox(10)
			secondSawPending = append(secondSawPending, len(items) == 1)
			return err
		},
		func(tx nb.Tx) error {
			err := tx.MarkInboxDone(id, "second")
			if nb.ErrorCode(err) == nb.ENOTFOUND {
				secondFoundDone = true
				return nil
			}
			return err
		})
	if runs < 2 || secondSawPending[len(secondSawPending)-1] || !secondFoundDone {
		t.Fatalf("second finisher ran %d time(s), saw the message pending each time: %v", runs, secondSawPending)
	}
	var errText string
	if err := db.View(context.Background(), func(t nb.Tx) error {
		return t.(*tx).queryRow(`SELECT error FROM inbox WHERE id = ?`, id).Scan(&errText)
	}); err != nil {
		t.Fatal(err)
	}
	if errText != "" {
		t.Fatalf("the message was finished twice (error %q written over the first outcome)", errText)
	}
}

// TestPostgresSandboxLinesReadInOrder: a reader that follows a chat by the
// last id it read sees every line, though several transactions write the
// chat at once and hold their lines a while before committing (as the
// receiving and the sending of the bot do). Without the chat's writers
// taking turns, a line committed after a later one is skipped.
func TestPostgresSandboxLinesReadInOrder(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	ctx := context.Background()
	const writers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.Update(ctx, func(tx nb.Tx) error {
					m := &nb.SandboxMessage{ChatKey: "g1", From: "w", Text: "line"}
					if err := tx.AppendSandboxMessage(m); err != nil {
						return err
					}
					time.Sleep(time.Duration((w*7+i*3)%5) * time.Millisecond) // hold the id uncommitted
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	seen := map[int64]bool{}
	var cursor int64
	read := func() {
		err := db.View(ctx, func(tx nb.Tx) error {
			list, err := tx.ListSandboxMessages("g1", cursor, 1000)
			for _, m := range list {
				seen[m.ID] = true
				cursor = max(cursor, m.ID)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for reading := true; reading; {
		select {
		case <-done:
			reading = false
		default:
			read()
		}
	}
	read()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(seen) != writers*each {
		t.Fatalf("the reader saw %d of the %d lines: lines committed after a later line were skipped", len(seen), writers*each)
	}
}
