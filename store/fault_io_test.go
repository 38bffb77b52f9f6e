package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/faultsql"
	sqlite3 "modernc.org/sqlite/lib"
)

// ioFaults fails the calls of the stores opened through it on command.
var ioFaults = faultsql.Register("sqlite-faults-store")

// TestFaultIOErrorsAreTransient: every I/O error code a failing disk gives,
// at a statement or at commit, is reported as the store being unavailable
// (to keep the work and retry), keeps nothing of the failed transaction,
// and the store writes again once the disk does.
func TestFaultIOErrorsAreTransient(t *testing.T) {
	ctx := context.Background()
	db := openFaulty(t, filepath.Join(t.TempDir(), "nb.db"))
	for _, op := range []faultsql.Op{faultsql.Exec, faultsql.Commit} {
		for _, code := range faultsql.IOCodes {
			ioFaults.Set(faultsql.Fault{Ops: op, Codes: []int{code}})
			err := db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "lost") })
			if !errors.Is(err, nb.ErrUnavailable) || sqliteCode(err) != code {
				t.Errorf("%s failing with %d: Update = %v; want ErrUnavailable with that code", op, code, err)
			}
		}
	}
	ioFaults.Set(faultsql.Fault{Ops: faultsql.Query, Codes: []int{sqlite3.SQLITE_IOERR_READ}})
	if err := db.View(ctx, func(tx nb.Tx) error { _, err := tx.Setting("k"); return err }); !errors.Is(err, nb.ErrUnavailable) {
		t.Errorf("a failed read = %v; want ErrUnavailable", err)
	}
	ioFaults.Clear()
	if v, err := settingOf(ctx, db, "k"); nb.ErrorCode(err) != nb.ENOTFOUND {
		t.Fatalf("a failed transaction kept %q, %v", v, err)
	}
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "kept") }); err != nil {
		t.Fatalf("after the disk came back: %v", err)
	}
	if db.Broken() != nil {
		t.Fatalf("I/O errors must not mark the store broken: %v", db.Broken())
	}
}

// TestFaultCommitErrorAfterWrite: a commit that reached the file but
// reported an error (an fsync failing late) is still ErrUnavailable; the
// work is there, so a retry must find it done rather than do it twice.
func TestFaultCommitErrorAfterWrite(t *testing.T) {
	ctx := context.Background()
	db := openFaulty(t, filepath.Join(t.TempDir(), "nb.db"))
	ioFaults.Set(faultsql.Fault{Ops: faultsql.Commit, Codes: []int{sqlite3.SQLITE_IOERR_FSYNC}, Durable: true})
	err := db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "kept") })
	ioFaults.Clear()
	if !errors.Is(err, nb.ErrUnavailable) {
		t.Fatalf("Update = %v; want ErrUnavailable", err)
	}
	if v, err := settingOf(ctx, db, "k"); err != nil || v != "kept" {
		t.Fatalf("setting = %q, %v; want the committed value", v, err)
	}
}

// openFaulty opens a store at path through ioFaults, and clears the
// faults after the test.
func openFaulty(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, WithDriverName(ioFaults.Name()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ioFaults.Clear(); db.Close() })
	return db
}

func settingOf(ctx context.Context, db *DB, key string) (v string, err error) {
	err = db.View(ctx, func(tx nb.Tx) error { v, err = tx.Setting(key); return err })
	return v, err
}

// TestOpenUnknownDriver: a driver name nobody registered is a clear error.
func TestOpenUnknownDriver(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), WithDriverName("no-such-driver"))
	if err == nil || err.Error() != `store: no database driver "no-such-driver"` {
		t.Fatalf("Open = %v", err)
	}
}
