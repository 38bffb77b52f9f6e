package faultsql_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/neighborbot/neighborbot/internal/faultsql"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var faults = faultsql.Register("sqlite-faults-self")

func open(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open(faults.Name(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { faults.Clear(); db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (v TEXT)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func count(t *testing.T, db *sql.DB) (n int) {
	t.Helper()
	faults.Clear()
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// code returns err's SQLite code, as the real driver's errors carry it.
func code(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

func TestFaultDriverEveryAndMatch(t *testing.T) {
	db := open(t)
	faults.Set(faultsql.Fault{Ops: faultsql.Exec, Every: 2, Match: "INSERT", Codes: []int{sqlite3.SQLITE_IOERR_WRITE}})
	var failed int
	for range 6 {
		if _, err := db.Exec(`INSERT INTO t VALUES ('x')`); code(err) == sqlite3.SQLITE_IOERR_WRITE {
			failed++
		} else if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE t SET v = 'y'`); err != nil {
			t.Fatalf("a statement the fault does not match failed: %v", err)
		}
	}
	if failed != 3 || faults.Injected() != 3 || count(t, db) != 3 {
		t.Fatalf("%d of 6 inserts failed (%d injected), want every second", failed, faults.Injected())
	}
}

func TestFaultDriverCommitRolledBackOrDurable(t *testing.T) {
	db := open(t)
	for _, durable := range []bool{false, true} {
		faults.Set(faultsql.Fault{Ops: faultsql.Commit, Codes: []int{sqlite3.SQLITE_FULL}, Durable: durable})
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO t VALUES ('x')`); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); code(err) != sqlite3.SQLITE_FULL {
			t.Fatalf("Commit = %v; want SQLITE_FULL", err)
		}
		if want := map[bool]int{false: 0, true: 1}[durable]; count(t, db) != want {
			t.Fatalf("durable %v: %d rows after the failed commit; want %d", durable, count(t, db), want)
		}
	}
}

func TestFaultDriverDropConnections(t *testing.T) {
	db := open(t)
	if _, err := db.Exec(`CREATE TEMP TABLE mine (v)`); err != nil { // per connection
		t.Fatal(err)
	}
	faults.DropConnections()
	if _, err := db.Exec(`INSERT INTO mine VALUES (1)`); err == nil {
		t.Fatal("the temporary table of the dropped connection is still there")
	}
}
