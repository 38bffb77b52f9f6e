package store

import (
	"strings"
	"testing"
	"time"
)

// fillPostgresHistory gives a PostgreSQL database the history of
// fillHistory (plan_test.go), spread over the 50 grids of a street, in
// PostgreSQL's SQL, and analyses it.
func fillPostgresHistory(t *testing.T, db *DB) {
	t.Helper()
	stmts := []string{
		`INSERT INTO units (id, name, kind, created_at) SELECT i, 'g' || i, 'grid', 0 FROM generate_series(1, 50) AS i`,
		`INSERT INTO chats (id, platform, external_id, kind, unit_id, created_at)
		 SELECT i, 'sandbox', 'g' || i, 'group', i, 0 FROM generate_series(1, 50) AS i`,
		`INSERT INTO cases (stage, text, category, unit_id, chat_id, created_at, updated_at)
		 SELECT CASE WHEN i % 20 = 0 THEN 'topic' ELSE 'closed' END, 'x', 'c' || (i % 3), i % 50 + 1, i % 50 + 1, i, i
		 FROM generate_series(1, 20000) AS i`,
		`INSERT INTO outbox (platform, chat_external_id, text, status, next_attempt_at, external_id, created_at, sent_at)
		 SELECT 'sandbox', 'g' || (i % 50), 'x', CASE WHEN i > 19990 THEN 'pending' ELSE 'sent' END, i, i, i, i
		 FROM generate_series(1, 20000) AS i`,
		`INSERT INTO inbox (platform, chat_key, message_id, payload, received_at, done_at)
		 SELECT 'sandbox', 'g', i, '', i, CASE WHEN i > 19990 THEN 0 ELSE i END FROM generate_series(1, 20000) AS i`,
		`ANALYZE`,
	}
	for _, s := range stmts {
		if _, err := db.writer.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestPostgresQueryPlans: on PostgreSQL too, the queries that run for every
// message walk the partial indexes of open cases, pending outbox rows and
// pending inbox rows, never the history.
func TestPostgresQueryPlans(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	fillPostgresHistory(t, db)
	cases := []struct {
		name, query string
		args        []any
		want        string
	}{
		{"candidates by unit", db.q.candidatesByUnit, []any{1, "c1", 0, 200}, "cases_open_unit_candidates"},
		{"candidates by chat", db.q.candidatesByChat, []any{1, "c1", 0, 200}, "cases_open_chat_candidates"},
		{"claim", db.q.claimOutbox, []any{0, "o", "sandbox", int64(1) << 50, 0, 32}, "outbox_pending"},
		{"in flight", db.q.outboxInFlight, []any{"sandbox", "g1", 0}, "outbox_pending_chat"},
		{"pending inbox", `SELECT id, payload FROM inbox WHERE done_at = 0 ORDER BY id LIMIT 64`, nil, "inbox_pending"},
	}
	for _, c := range cases {
		p := explain(t, db, c.query, c.args...)
		if !strings.Contains(p, c.want) {
			t.Errorf("%s: plan lacks %s:\n%s", c.name, c.want, p)
		}
		for _, table := range []string{"cases", "outbox", "inbox"} {
			if strings.Contains(p, "Seq Scan on "+table) {
				t.Errorf("%s: plan scans %s:\n%s", c.name, table, p)
			}
		}
	}
}

// explain returns PostgreSQL's plan of query, run inside a transaction
// that is rolled back (the claim is an UPDATE).
func explain(t *testing.T, db *DB, query string, args ...any) string {
	t.Helper()
	tx, err := db.writer.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.Query(`EXPLAIN `+db.d.rebind(query), args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
