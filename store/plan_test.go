// SQLite only: the query plans SQLite chooses (EXPLAIN QUERY PLAN, INDEXED BY).

package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// fillHistory gives the database a history: many closed cases, sent
// outbox rows and handled inbox rows, and a few open and pending ones.
func fillHistory(t *testing.T, db *DB) {
	t.Helper()
	stmts := []string{
		`INSERT INTO units (id, name, kind, created_at) VALUES (1, 'g', 'grid', 0)`,
		`INSERT INTO chats (id, platform, external_id, kind, unit_id, created_at) VALUES (1, 'sandbox', 'g', 'group', 1, 0)`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
		 INSERT INTO cases (stage, text, category, unit_id, chat_id, created_at, updated_at)
		 SELECT CASE WHEN i % 100 = 0 THEN 'topic' ELSE 'closed' END, 'x', 'c' || (i % 3), 1, 1, i, i FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
		 INSERT INTO outbox (platform, chat_external_id, text, status, next_attempt_at, external_id, created_at, sent_at)
		 SELECT 'sandbox', 'g' || (i % 50), 'x', CASE WHEN i > 4990 THEN 'pending' ELSE 'sent' END, i, i, i, i FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
		 INSERT INTO inbox (platform, chat_key, message_id, payload, received_at, done_at)
		 SELECT 'sandbox', 'g', i, x'', i, CASE WHEN i > 4990 THEN 0 ELSE i END FROM n`,
	}
	for _, s := range stmts {
		if _, err := db.writer.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// plan returns the lines of EXPLAIN QUERY PLAN for query.
func plan(t *testing.T, db *DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.writer.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

// TestQueryPlans pins the plans of the queries that run for every message,
// with and without the planner's statistics, so that no later change brings
// back a scan of the history or a sort of it.
func TestQueryPlans(t *testing.T) {
	db := openTestDB(t, time.Now)
	fillHistory(t, db)
	cases := []struct {
		name, query string
		args        []any
		want        []string // each must appear in the plan
	}{
		{"candidates by unit", db.q.candidatesByUnit, []any{1, "c1", 0, 200},
			[]string{"USING INDEX cases_open_unit_candidates (unit_id=? AND category=? AND created_at>?)"}},
		{"candidates by chat", db.q.candidatesByChat, []any{1, "c1", 0, 200},
			[]string{"USING INDEX cases_open_chat_candidates (chat_id=? AND category=? AND created_at>?)"}},
		{"claim", db.q.claimOutbox, []any{0, "o", "sandbox", 1 << 50, 0, 32},
			[]string{"USING INDEX outbox_pending (platform=?)", "USING INDEX outbox_pending_chat (platform=? AND chat_external_id=? AND id<?)"}},
		{"pending inbox", `SELECT id, payload FROM inbox WHERE done_at = 0 ORDER BY id LIMIT 64`, nil,
			[]string{"INDEX inbox_pending"}},
		{"claim inbox chats", db.q.claimChats, []any{"o", 1 << 50, "o", 0, 256, 0},
			[]string{"INDEX inbox_pending", "chat_leases"}},
		{"leased inbox", leasedInboxQuery, []any{"o", 0, 256}, []string{"INDEX inbox_pending"}},
		{"release chats", `DELETE FROM chat_leases WHERE owner = ? AND NOT EXISTS (SELECT 1 FROM inbox AS i
			WHERE i.done_at = 0 AND i.platform = chat_leases.platform AND i.chat_key = chat_leases.chat_key)`,
			[]any{"o"}, []string{"INDEX chat_leases_owner", "INDEX inbox_pending_chat"}},
		{"reply to a bot message", `SELECT 1 FROM outbox WHERE platform = ? AND chat_external_id = ? AND external_id = ?`,
			[]any{"sandbox", "g1", "5"}, []string{"INDEX outbox_sent_message"}},
	}
	for _, analysed := range []bool{false, true} {
		if analysed {
			if _, err := db.writer.ExecContext(context.Background(), `ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range cases {
			p := plan(t, db, c.query, c.args...)
			for _, w := range c.want {
				if !strings.Contains(p, w) {
					t.Errorf("%s (analysed %v): plan lacks %q:\n%s", c.name, analysed, w, p)
				}
			}
			if c.name == "claim inbox chats" { // its GROUP BY and ORDER BY sort at most LIMIT rows, never the history
				for _, sort := range []string{"DISTINCT", "GROUP BY", "ORDER BY"} {
					p = strings.ReplaceAll(p, "USE TEMP B-TREE FOR "+sort, "")
				}
			}
			if strings.Contains(p, "TEMP B-TREE") || strings.Contains(p, "SCAN cases\n") || strings.HasSuffix(p, "SCAN cases") {
				t.Errorf("%s (analysed %v): plan sorts or scans the history:\n%s", c.name, analysed, p)
			}
		}
	}
}
