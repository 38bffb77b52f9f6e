// SQLite only: a backfill of migrations/0006 on rows written at 0005.

package store

import (
	"testing"
)

// TestTimersMigrationBackfillsFirstResponse: cases that existed before the
// timers migration get their first answer from their event log, so the
// response rate covers them.
func TestTimersMigrationBackfillsFirstResponse(t *testing.T) {
	db := migratedOver(t, "_timers.sql",
		`INSERT INTO persons (id, name, created_at) VALUES (1, '书记', 0)`,
		`INSERT INTO cases (id, stage, created_at, updated_at) VALUES (1, 'issue', 1000, 1000), (2, 'topic', 1000, 1000)`,
		`INSERT INTO events (case_id, kind, actor_id, created_at) VALUES (1, 'reported', 1, 1000), (1, 'confirm', NULL, 2000),
			(1, 'confirm', 1, 5000), (1, 'progress', 1, 9000), (2, 'followed', 1, 3000)`,
	)
	var first1, first2 int64
	if err := db.writer.QueryRow(`SELECT (SELECT first_response_at FROM cases WHERE id = 1),
		(SELECT first_response_at FROM cases WHERE id = 2)`).Scan(&first1, &first2); err != nil {
		t.Fatal(err)
	}
	if first1 != 5000 || first2 != 0 {
		t.Fatalf("first responses %d, %d; want 5000 (the officer's confirm), 0", first1, first2)
	}
}
