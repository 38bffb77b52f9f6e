package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestFaultReadOnlyWhileOpen: a database made read-only under a running
// process is noticed (Writable names the file); the open connection still
// writes; once a new connection must be opened, writes fail as the store
// being unavailable (kept and retried), not as the work's failure; a chmod
// back mends it. Run as a user other than root (.ci/run runs it as nobody).
func TestFaultReadOnlyWhileOpen(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write a read-only file; run as another user (see .ci/run)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	db, err := Open(ctx, path, WithDriverName(ioFaults.Name()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Writable(); err != nil {
		t.Fatalf("Writable on a fresh file: %v", err)
	}
	setMode(t, dir, path, 0o400, 0o500)
	t.Cleanup(func() { setMode(t, dir, path, 0o600, 0o700) })
	if err := db.Writable(); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Writable after chmod = %v; want an error naming %s", err, path)
	}
	put := func(v string) error { return db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", v) }) }
	if err := put("open"); err != nil {
		t.Fatalf("the open connection must still write: %v", err)
	}
	ioFaults.DropConnections()
	err = put("new")
	if !errors.Is(err, nb.ErrUnavailable) || sqliteCode(err)&0xff != sqlite3.SQLITE_READONLY {
		t.Fatalf("write through a new connection = %v; want ErrUnavailable (SQLITE_READONLY)", err)
	}
	setMode(t, dir, path, 0o600, 0o700)
	if err := db.Writable(); err != nil {
		t.Fatalf("Writable after chmod back: %v", err)
	}
	ioFaults.DropConnections() // a read-only connection stays read-only: the next one may write
	if err := put("again"); err != nil {
		t.Fatalf("after chmod back: %v", err)
	}
}

// setMode sets the mode of the database files and of their folder.
func setMode(t *testing.T, dir, path string, file, folder os.FileMode) {
	t.Helper()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, file); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, folder); err != nil {
		t.Fatal(err)
	}
}
