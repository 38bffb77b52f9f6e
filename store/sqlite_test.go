// The store suite on SQLite, and what only SQLite has (pragmas, files).

package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/benchcpu"
)

// openTestDB opens a fresh SQLite store in a temporary directory.
func openTestDB(t testing.TB, clock func() time.Time) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSQLite(t *testing.T) {
	runStoreSuite(t, func(t *testing.T, clock func() time.Time) nb.Store { return openTestDB(t, clock) })
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := Open(ctx, path, WithoutMigrate())
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != 0 {
		t.Fatalf("fresh SchemaVersion = %d, %v", v, err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != LatestVersion() || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, LatestVersion())
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.CreateUnit(&nb.Unit{Name: "网格1", Kind: nb.UnitGrid}) }); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Reopening keeps the data.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.View(ctx, func(tx nb.Tx) error { _, err := tx.FindUnitByName("网格1"); return err }); err != nil {
		t.Fatalf("after reopening: %v", err)
	}
	// A newer binary migrated this file: this one refuses it.
	if _, err := db.writer.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)`, LatestVersion()+6); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, path)
	want := "newer than this binary supports"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "upgrade neighborbot") {
		t.Fatalf("Open of a newer schema = %v, want %q", err, want)
	}
	t.Log(err)
}

func TestMigrationFiles(t *testing.T) {
	list, err := migrations()
	if err != nil || len(list) != LatestVersion() {
		t.Fatalf("migrations = %d, %v; LatestVersion = %d", len(list), err, LatestVersion())
	}
}

func TestOpenMissingDirectory(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "missing", "nb.db"))
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("Open = %v, want an error naming the directory", err)
	}
}

func TestOpenPragmas(t *testing.T) {
	db := openTestDB(t, time.Now)
	for pool, conn := range map[string]*sql.DB{"writer": db.writer, "reader": db.reader} {
		var mode string
		var fk, busy, sync int
		row := conn.QueryRow(`SELECT * FROM pragma_journal_mode, pragma_foreign_keys, pragma_busy_timeout, pragma_synchronous`)
		if err := row.Scan(&mode, &fk, &busy, &sync); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || busy != 5000 || sync != 1 {
			t.Errorf("%s: journal_mode=%s foreign_keys=%d busy_timeout=%d synchronous=%d", pool, mode, fk, busy, sync)
		}
	}
	// The writer keeps its statement journals in memory (writerDSN).
	var temp int
	if err := db.writer.QueryRow(`PRAGMA temp_store`).Scan(&temp); err != nil || temp != 2 {
		t.Errorf("writer: temp_store=%d, %v; want 2 (memory)", temp, err)
	}
}

func TestViewIsReadOnly(t *testing.T) {
	db := openTestDB(t, time.Now)
	err := db.View(context.Background(), func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: "网格1", Kind: nb.UnitGrid})
	})
	if err == nil {
		t.Fatal("a write in View succeeded")
	}
}

func BenchmarkRawInsert(b *testing.B) {
	db, err := sql.Open("sqlite", dsn(filepath.Join(b.TempDir(), "raw.db"), "_txlock=immediate"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	defer benchcpu.Start(b)()
	for b.Loop() {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO t (v) VALUES (?)`, "44号楼前垃圾堆了三天没人管"); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateCase(b *testing.B) { benchmarkCreateCase(b, openTestDB(b, time.Now)) }

// benchmarkCreateCase stores one case per transaction.
func benchmarkCreateCase(b *testing.B, db *DB) {
	ctx := context.Background()
	for b.Loop() {
		err := db.Update(ctx, func(tx nb.Tx) error {
			return tx.CreateCase(&nb.Case{Text: "44号楼前垃圾堆了三天没人管", Category: "环境卫生", Location: "44号楼",
				Priority: nb.PriorityGeneral, ReportMsg: "m1"})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
