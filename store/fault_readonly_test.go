package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/faultsql"
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
	path := filepath.Join(t.TempDir(), "nb.db")
	db := openFaulty(t, path)
	if err := db.Writable(); err != nil {
		t.Fatalf("Writable on a fresh file: %v", err)
	}
	chmod(t, path, 0o400, 0o500)
	t.Cleanup(func() { chmod(t, path, 0o600, 0o700) })
	if err := db.Writable(); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Writable after chmod = %v; want an error naming %s", err, path)
	}
	put := func(v string) error { return db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", v) }) }
	if err := put("open"); err != nil {
		t.Fatalf("the open connection must still write: %v", err)
	}
	ioFaults.DropConnections()
	err := put("new")
	if !errors.Is(err, nb.ErrUnavailable) || sqliteCode(err)&0xff != sqlite3.SQLITE_READONLY {
		t.Fatalf("write through a new connection = %v; want ErrUnavailable (SQLITE_READONLY)", err)
	}
	chmod(t, path, 0o600, 0o700)
	if err := db.Writable(); err != nil {
		t.Fatalf("Writable after chmod back: %v", err)
	}
	ioFaults.DropConnections() // a read-only connection stays read-only: the next one may write
	if err := put("again"); err != nil {
		t.Fatalf("after chmod back: %v", err)
	}
}

// chmod sets the mode of the database files and of their folder.
func chmod(t *testing.T, path string, file, folder os.FileMode) {
	t.Helper()
	if err := faultsql.ChmodDatabase(path, file, folder); err != nil {
		t.Fatal(err)
	}
}
