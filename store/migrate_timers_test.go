// SQLite only: a backfill of migrations/0006 on rows written at 0005.

package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTimersMigrationBackfillsFirstResponse: cases that existed before the
// timers migration get their first answer from their event log, so the
// response rate covers them.
func TestTimersMigrationBackfillsFirstResponse(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "nb.db"), WithoutMigrate())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	timers := -1
	for i, m := range list {
		if strings.HasSuffix(m.name, "_timers.sql") {
			timers = i
		}
	}
	if timers < 0 {
		t.Fatal("no timers migration")
	}
	if _, err := db.writer.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range list[:timers] {
		if err := db.apply(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO persons (id, name, created_at) VALUES (1, '书记', 0)`,
		`INSERT INTO cases (id, stage, created_at, updated_at) VALUES (1, 'issue', 1000, 1000), (2, 'topic', 1000, 1000)`,
		`INSERT INTO events (case_id, kind, actor_id, created_at) VALUES (1, 'reported', 1, 1000), (1, 'confirm', NULL, 2000),
			(1, 'confirm', 1, 5000), (1, 'progress', 1, 9000), (2, 'followed', 1, 3000)`,
	} {
		if _, err := db.writer.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var first1, first2 int64
	if err := db.writer.QueryRow(`SELECT (SELECT first_response_at FROM cases WHERE id = 1),
		(SELECT first_response_at FROM cases WHERE id = 2)`).Scan(&first1, &first2); err != nil {
		t.Fatal(err)
	}
	if first1 != 5000 || first2 != 0 {
		t.Fatalf("first responses %d, %d; want 5000 (the officer's confirm), 0", first1, first2)
	}
}
