package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// inboxRowsReadQuery is how many inbox rows the database read so far:
// PostgreSQL's counters, those its backends flushed and the pending ones
// of this backend (with one connection, the whole is every row read).
const inboxRowsReadQuery = `SELECT (SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
		FROM pg_stat_user_tables WHERE relid = 'inbox'::regclass) + (SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
		FROM pg_stat_xact_user_tables WHERE relid = 'inbox'::regclass)`

// claimRowsRead claims for owner and returns the messages and how many
// inbox rows were read since read (its last total), and the total now;
// db must have one connection.
func claimRowsRead(t *testing.T, db *DB, owner string, limit int, read *int64) ([]*nb.InboxItem, int64) {
	t.Helper()
	var items []*nb.InboxItem
	before := *read
	err := db.Update(t.Context(), func(ntx nb.Tx) (err error) {
		if items, err = ntx.ClaimInbox(limit, time.Minute, owner); err != nil {
			return err
		}
		return ntx.(*tx).queryRow(inboxRowsReadQuery).Scan(read)
	})
	if err != nil {
		t.Fatal(err)
	}
	return items, *read - before
}

// TestPostgresClaimStartsAfterHeld: under a backlog, each claim takes the
// chats of the oldest messages no other owner holds, and reads about as
// many inbox rows as it takes, however many owners hold the older ones.
// Before, every claim walked the pending messages from the oldest, past
// those of the chats the other owners held, and the read of its own
// messages walked them again: the eighth of eight owners read 7 × 64 rows
// more than the first, twice.
// A message below where claims start that was skipped (it committed late)
// is taken once claimStartMaxAge has passed; a chat whose lease ran out is
// taken over; an owner with a batch's worth of its own pending takes no more.
func TestPostgresClaimStartsAfterHeld(t *testing.T) {
	clock := &testClock{now: t0}
	db := openPostgresTestDB(t, clock.Now)
	// 1,000 messages of 1,000 chats, ids 1001–2000, pending.
	if _, err := db.writer.Exec(`INSERT INTO inbox (id, platform, chat_key, message_id, payload, received_at, done_at)
		SELECT 1000 + i, 'sandbox', 'g' || i, i, '{}', 1, 0 FROM generate_series(1, 1000) AS i`); err != nil {
		t.Fatal(err)
	}
	db.writer.SetMaxOpenConns(1) // the rows read counted on one backend
	var total int64
	if err := db.writer.QueryRow(inboxRowsReadQuery).Scan(&total); err != nil {
		t.Fatal(err)
	}
	const limit = 64
	seen := map[string]string{} // chat → owner
	var lastID int64
	for k := range 8 {
		owner := fmt.Sprintf("o%d", k)
		items, read := claimRowsRead(t, db, owner, limit, &total)
		if len(items) != limit {
			t.Fatalf("%s's claim took %d messages; want %d", owner, len(items), limit)
		}
		for _, it := range items {
			if prev, ok := seen[it.ChatKey]; ok {
				t.Fatalf("chat %s claimed by %s and %s", it.ChatKey, prev, owner)
			}
			seen[it.ChatKey] = owner
			if it.ID <= lastID {
				t.Fatalf("%s took message %d, older than the last claim's newest %d: not the oldest free ones", owner, it.ID, lastID)
			}
		}
		lastID = items[len(items)-1].ID
		if read > 3*limit {
			t.Errorf("%s's claim (the %d.) read %d inbox rows for its %d messages; want at most %d", owner, k+1, read, limit, 3*limit)
		}
	}

	// An owner with a batch's worth pending takes no more chats (a walk
	// from the oldest met its own messages first and counted them).
	items, _ := claimRowsRead(t, db, "o0", limit, &total)
	for _, it := range items {
		if seen[it.ChatKey] != "o0" {
			t.Fatalf("o0, holding %d messages, took chat %s (%s's before)", limit, it.ChatKey, seen[it.ChatKey])
		}
	}
	var held int
	if err := db.writer.QueryRow(`SELECT count(*) FROM chat_leases WHERE owner = 'o0'`).Scan(&held); err != nil || held != limit {
		t.Fatalf("o0 holds %d chats, %v; want its %d", held, err, limit)
	}

	// A message of a new chat that commits with an id below where claims
	// start now (as a message whose transaction began earlier would).
	if _, err := db.writer.Exec(`INSERT INTO inbox (id, platform, chat_key, message_id, payload, received_at, done_at)
		VALUES (500, 'sandbox', 'late', 'late', '{}', 1, 0)`); err != nil {
		t.Fatal(err)
	}
	items, _ = claimRowsRead(t, db, "o8", limit, &total)
	if len(items) != limit || items[0].ChatKey == "late" {
		t.Fatalf("claim right after: %d messages from %s; want %d after the held ones", len(items), items[0].ChatKey, limit)
	}
	clock.Add(claimStartMaxAge)
	items, _ = claimRowsRead(t, db, "o9", limit, &total)
	if len(items) != limit || items[0].ChatKey != "late" {
		t.Fatalf("claim %s later: %d messages from %s; want the late one first", claimStartMaxAge, len(items), items[0].ChatKey)
	}

	// Every lease runs out: the next claim takes over the oldest chats.
	clock.Add(2 * time.Minute)
	items, _ = claimRowsRead(t, db, "p", limit, &total)
	if len(items) != limit || items[0].ID != 500 || items[1].ID != 1001 {
		t.Fatalf("claim after the leases ran out: %d messages, first %v; want 500, 1001, …", len(items), inboxIDs(items[:min(len(items), 2)]))
	}
}

// TestPostgresLeasedInboxFromLeases: the claim reads its owner's messages
// from its lease rows (inbox_pending_chat), not by walking every pending
// message from the oldest.
func TestPostgresLeasedInboxFromLeases(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	for _, s := range []string{
		`INSERT INTO inbox (platform, chat_key, message_id, payload, received_at, done_at)
		 SELECT 'sandbox', 'g' || (i % 500), i, '', i, 0 FROM generate_series(1, 6000) AS i`,
		`INSERT INTO chat_leases (platform, chat_key, owner, expires_at)
		 SELECT 'sandbox', 'g' || i, CASE WHEN i < 10 THEN 'o' ELSE 'x' END, 1 << 50 FROM generate_series(0, 499) AS i`,
		`ANALYZE inbox`, `ANALYZE chat_leases`,
	} {
		if _, err := db.writer.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	p := explainAfter(t, db, db.d.queueScans(), db.q.leasedInbox, "o", 0, 256)
	if !strings.Contains(p, "chat_leases_owner") || !strings.Contains(p, "inbox_pending_chat") {
		t.Errorf("leased inbox: plan does not go from the owner's leases to their chats' messages:\n%s", p)
	}
}

func inboxIDs(items []*nb.InboxItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}
