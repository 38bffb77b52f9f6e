// SQLite only: faults of the database file (removed, replaced, corrupt,
// read-only, disk full); PostgreSQL guards its own files.

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestFaultDatabaseRemoved: once the file is removed under a running
// process, no write is reported as done (it would go to an unlinked file),
// and a connection opened after the removal (a new reader, the
// checkpointer's) fails instead of creating an empty database at the path,
// which the guard would take for a replaced file.
func TestFaultDatabaseRemoved(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Created {
		t.Fatal("a new file must be reported as created")
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	late := openPool("", path, "_pragma=query_only(1)", 1)
	defer late.Close()
	if err := late.PingContext(ctx); err == nil {
		t.Error("a connection opened after the removal succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the removed file came back: %v", err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "v") })
	var broken *BrokenError
	if !errors.Is(err, nb.ErrBroken) || !errors.As(err, &broken) || !broken.Gone || !strings.Contains(err.Error(), path) ||
		!strings.Contains(err.Error(), "was removed") {
		t.Fatalf("write after removal = %v; want ErrBroken saying %s was removed", err, path)
	}
}

// TestFaultDatabaseReplaced: a file put in the place of the open one is
// noticed too.
func TestFaultDatabaseReplaced(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, filepath.Join(dir, "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	if err := os.Rename(filepath.Join(dir, "other.db"), path); err != nil {
		t.Fatal(err)
	}
	if err := db.Broken(); !errors.Is(err, nb.ErrBroken) || !strings.Contains(err.Error(), "replaced") {
		t.Fatalf("Broken after replacement = %v", err)
	}
}

// TestFaultCorruptDatabaseRefused: a file with pages overwritten in the
// middle is refused at open with a sentence saying what to do, and a
// reopened existing file is not reported as created.
func TestFaultCorruptDatabaseRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := Open(ctx, path, WithClock(time.Now))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error {
		for i := range 3000 {
			if err := tx.AppendSandboxMessage(&nb.SandboxMessage{ChatKey: "g", From: "A", Text: strings.Repeat("报事", 20) + string(rune('a'+i%26))}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	again, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("a sound file must open: %v", err)
	}
	if again.Created {
		t.Fatal("an existing file is not created")
	}
	again.Close()

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", 4096*4/4))
	if _, err := f.WriteAt(garbage, fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, nb.ErrBroken) || !strings.Contains(err.Error(), "restore a backup") {
		t.Fatalf("open of a damaged file = %v; want ErrBroken saying to restore a backup", err)
	}
	if db, err := Open(ctx, path, WithoutCheck(), WithoutMigrate()); err != nil {
		t.Fatalf("WithoutCheck must skip the check: %v", err)
	} else {
		if err := db.QuickCheck(ctx, true); !errors.Is(err, nb.ErrBroken) {
			t.Fatalf("the full check = %v; want ErrBroken", err)
		}
		db.Close()
	}
}

// TestFaultMissingDatabaseNotCreated: MustExist refuses a path with no
// database, naming it, and creates nothing.
func TestFaultMissingDatabaseNotCreated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.db")
	if _, err := Open(context.Background(), path, MustExist()); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(MustExist) = %v; want an error naming %s", err, path)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file was created: %v", err)
	}
}

// TestFaultReadOnlyDatabase: a file the bot cannot write is refused at
// open with a sentence naming it and its folder.
func TestFaultReadOnlyDatabase(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write a read-only file; run as another user")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		_ = os.Chmod(p, 0o400)
	}
	_ = os.Chmod(dir, 0o500)
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	_, err = Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "cannot be written") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("open of a read-only database = %v", err)
	}
}

// TestFaultFullDiskIsTransient: a real SQLITE_FULL is marked as the store
// being unavailable, not as a failure of the work.
func TestFaultFullDiskIsTransient(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t, time.Now)
	n, _ := db.PageCount(ctx)
	if err := db.SetMaxPages(ctx, n); err != nil {
		t.Fatal(err)
	}
	err := db.Update(ctx, func(tx nb.Tx) error {
		return tx.AppendSandboxMessage(&nb.SandboxMessage{ChatKey: "g", From: "A", Text: strings.Repeat("满", 20000)})
	})
	if !errors.Is(err, nb.ErrUnavailable) {
		t.Fatalf("write to a full database = %v; want ErrUnavailable", err)
	}
	_ = db.SetMaxPages(ctx, 0)
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "v") }); err != nil {
		t.Fatalf("after space came back: %v", err)
	}
}

// TestOddPathOpensTheNamedFile: the URI form of the data source name keeps
// a path with a space and a percent sign naming that very file.
func TestOddPathOpensTheNamedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "社区 100%20 nb.db")
	for i := range 2 {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			err = db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "v") })
		} else {
			err = db.View(ctx, func(tx nb.Tx) error {
				if v, err := tx.Setting("k"); err != nil || v != "v" {
					t.Errorf("setting after reopening = %q, %v", v, err)
				}
				return nil
			})
		}
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), filepath.Base(path)) {
			t.Errorf("a file at another name: %s", e.Name())
		}
	}
}
