package store

import (
	"fmt"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// claimChatsQuery leases to one owner the chats of the oldest pending
// messages after a given id that no other owner holds (a lease of its own
// is renewed). It is one statement, so that on a database with concurrent
// writers (PostgreSQL) the conflict clause decides who gets a chat: a lease
// another owner holds and that has not expired is left alone. It takes the
// chats in the order of their keys, bytewise (byteOrder; the engine's
// handling transaction renews its chats' leases in that order too), so
// that two transactions that want the same chats wait for one another
// rather than each hold a chat the other waits for.
//
// Where the database runs a data-modifying statement in WITH (PostgreSQL,
// walkEnd), the statement also returns how many messages it took and the
// id of the last: where the next claim may start (claimStart).
func claimChatsQuery(byteOrder func(string) string, walkEnd bool) string {
	walk := `SELECT i.id, i.platform, i.chat_key FROM inbox AS i
		WHERE i.done_at = 0 AND i.id > ? AND NOT EXISTS (SELECT 1 FROM chat_leases AS l
			WHERE l.platform = i.platform AND l.chat_key = i.chat_key AND l.owner <> ? AND l.expires_at > ?)
		ORDER BY i.id LIMIT %s`
	insert := `INSERT INTO chat_leases (platform, chat_key, owner, expires_at)
	SELECT p.platform, p.chat_key, CAST(? AS TEXT), CAST(? AS BIGINT) FROM %s AS p WHERE true GROUP BY p.platform, p.chat_key
		ORDER BY ` + byteOrder("p.platform") + `, ` + byteOrder("p.chat_key") + `
	ON CONFLICT (platform, chat_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
	WHERE chat_leases.owner = excluded.owner OR chat_leases.expires_at <= ?`
	if !walkEnd {
		return fmt.Sprintf(insert, "("+fmt.Sprintf(walk, "?")+")")
	}
	// MATERIALIZED: the walk runs once, for the insert and the count; the
	// insert runs to completion though nothing reads it.
	return `WITH p AS MATERIALIZED (` + fmt.Sprintf(walk, "?") + `), leased AS (` + fmt.Sprintf(insert, "p") + `)
	SELECT count(*), coalesce(max(p.id), 0) FROM p`
}

// ownPendingQuery counts the pending messages of the chats one owner holds,
// up to a limit. A walk from the oldest met them first and counted them in
// its limit, so an owner with a batch's worth waiting took no new chats; a
// walk that starts further on (claimStart) does not meet them, so they are
// counted first and the walk takes the rest. Otherwise a lane under a
// backlog took new chats at every claim and let the leases of those it had
// not reached run out (another lane then took them over). Its own
// statement, so that the walk's LIMIT is a parameter the planner sees (a
// subquery there made it read every lease a claim).
func ownPendingQuery(inboxOrder func(string) string) string {
	return `SELECT count(*) FROM (SELECT 1 FROM chat_leases AS l CROSS JOIN LATERAL (SELECT 1 FROM inbox
		WHERE inbox.platform = ` + inboxOrder("l.platform") + ` AND inbox.chat_key = ` + inboxOrder("l.chat_key") + `
			AND inbox.done_at = 0 OFFSET 0) AS i
		WHERE l.owner = ? AND l.expires_at > ? LIMIT ?) AS o`
}

// claimChatsArgs are the arguments of claimChatsQuery in the order of its
// placeholders, which differs with walkEnd (the walk comes first in WITH).
func claimChatsArgs(walkEnd bool, after, now, until int64, owner string, limit int) []any {
	walk := []any{after, owner, now, limit}
	insert := []any{owner, until}
	if walkEnd {
		return append(append(walk, insert...), now)
	}
	return append(append(insert, walk...), now)
}

// leasedInboxQuery returns the pending messages of the chats one owner
// holds, oldest first. Where the database has LATERAL (PostgreSQL) it goes
// from the owner's lease rows to each chat's pending messages
// (inbox_pending_chat) and sorts those, rather than walk the pending
// messages of every chat from the oldest until it has enough of its own:
// past the messages of the chats every other owner holds, as many rows
// again as the claim's walk. LATERAL with OFFSET 0 (which keeps the
// planner from merging the subquery into a join) holds it to that even
// where it thinks few messages pending (a table not analysed yet), and
// the lease's keys are compared in the inbox's collation (inboxOrder;
// equal strings are equal in both), which the index needs. SQLite walks.
func leasedInboxQuery(lateral bool, inboxOrder func(string) string) string {
	if !lateral {
		return `SELECT ` + inboxColumns + ` FROM inbox
	WHERE done_at = 0 AND EXISTS (SELECT 1 FROM chat_leases AS l
		WHERE l.platform = inbox.platform AND l.chat_key = inbox.chat_key AND l.owner = ? AND l.expires_at > ?)
	ORDER BY id LIMIT ?`
	}
	return `SELECT ` + leasedInboxColumns + ` FROM chat_leases AS l
	CROSS JOIN LATERAL (SELECT ` + inboxColumns + ` FROM inbox
		WHERE inbox.platform = ` + inboxOrder("l.platform") + ` AND inbox.chat_key = ` + inboxOrder("l.chat_key") + `
			AND inbox.done_at = 0 OFFSET 0) AS i
	WHERE l.owner = ? AND l.expires_at > ?
	ORDER BY i.id LIMIT ?`
}

const leasedInboxColumns = `i.id, i.platform, i.chat_key, i.message_id, i.payload, i.received_at, i.done_at, i.error`

// claimStartMaxAge is how long a claim may start after the messages an
// earlier claim walked past: rows there come free only when a lease runs
// out (its owner died, or stalled longer than its lease) or when a message
// commits after a later one was claimed, so at least once this often a
// claim walks from the oldest pending message again.
const claimStartMaxAge = time.Second

// claimStart is where the inbox claims of this DB (one process: its lanes
// claim through it) start walking the pending messages. A claim takes the
// chats of the first pending messages no other owner holds, oldest first,
// and under a backlog the oldest pending messages are those of the chats
// the other lanes and processes hold: every claim that started at the
// oldest walked past all of them, more the more lanes claim (25 inbox
// rows read a message handled with one process, 60–100 with two or three).
// When a claim took as many messages as it asked for, every pending
// message up to the last it took was then held (by another owner, or now
// by the claimer), and stays so until its chat is handled: the next claim
// starts after it. A claim that took fewer has walked to the newest
// message, and the next starts from the oldest again, as does the first
// after claimStartMaxAge (leases that ran out meanwhile, or that another
// process ended, ReleaseLeases: a takeover waits that much longer at
// most; this DB's own ReleaseLeases restarts the walk at once). Which
// chats a claim takes changes, never whether: the conflict clause still
// decides who holds a chat.
type claimStart struct {
	mu     sync.Mutex
	after  int64     // claims start after this inbox id (0: at the oldest)
	fullAt time.Time // when a claim last walked from the oldest
	gen    int       // counts restarts: a walk from before one is not kept
}

// from returns the walk of a claim at now, limit messages at most: where
// it starts.
func (c *claimStart) from(now time.Time, limit int) claimWalk {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.after > 0 && now.Sub(c.fullAt) >= claimStartMaxAge {
		c.after = 0
	}
	return claimWalk{at: now, after: c.after, limit: limit, gen: c.gen}
}

// claimWalk is what a committed claim walked: from after, taking n
// messages of the limit asked, the last one's id last.
type claimWalk struct {
	at          time.Time
	after, last int64
	n, limit    int
	gen         int
}

// restart makes the next claim start at the oldest pending message (chat
// leases of pending messages were ended, not run out).
func (c *claimStart) restart() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.after = 0
	c.gen++
}

// keep moves the start after a committed claim w. Its messages up to
// w.last were held at its commit, and those up to c.after when c.after was
// set: the start moves on only where the two join (another claim of the
// DB may have moved it meanwhile).
func (c *claimStart) keep(w claimWalk) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if w.gen != c.gen {
		return
	}
	if w.after == 0 {
		c.fullAt = w.at
	}
	switch {
	case w.n < w.limit:
		c.after = 0 // walked to the newest: the next from the oldest
	case w.after <= c.after:
		c.after = max(c.after, w.last)
	}
}

// ClaimInbox leases to owner, until now+lease, the chats of the oldest
// pending messages that no other owner holds, and returns up to limit
// pending messages of the chats owner holds, oldest first; run it alone in
// its transaction, first (see freshReads and queueScans). A chat is thus
// handled by one owner at a time, in order; the lease of an owner that dies
// expires and another takes the chat over.
//
// On PostgreSQL the claim runs at READ COMMITTED (freshReads), the rest of
// the store at REPEATABLE READ. Why that keeps a chat to one owner:
//   - The lease is taken by the conflict clause, which at READ COMMITTED
//     waits for a transaction that holds the lease row (a claim, or a
//     handling transaction's HoldChat) and then judges the row's newest
//     committed version: it takes the chat only if that version is the
//     owner's own or expired, or if the row is gone (released: a fresh
//     row is inserted; two inserting it at once are ordered by the unique
//     index, the second judging the first's row). The lease is the
//     owner's from then until it expires, whatever the claim's reads saw.
//   - The messages are read by a second statement, so from a snapshot
//     taken after the owner holds the chats: any transaction that handled
//     a message of those chats under an earlier lease committed before
//     (a handling transaction keeps the lease row locked from its
//     HoldChat to its commit, and its ReleaseChats deletes the row in the
//     same commit), so a message handled is never read as pending. At
//     REPEATABLE READ the snapshot was the claim's first statement's: a
//     claim that waited on one chat's lease row returned messages of
//     another chat that its previous owner had handled and let go
//     meanwhile (stale claims, which MarkInboxHandled refuses and the
//     engine drops), and failed with a serialization failure, to be run
//     again, whenever a lease row of its chats was written meanwhile.
//   - A lease that expires while its owner handles a batch is guarded by
//     the handling transaction, which stays REPEATABLE READ: its HoldChat
//     renews the lease only if the owner still holds it (a takeover that
//     committed since its snapshot fails it, and it runs again and finds
//     the chat lost), and MarkInboxHandled marks only messages still
//     pending. Nothing else of the claim's transaction is read or written,
//     so READ COMMITTED weakens nothing else.
//
// SQLite has one writer at a time: its claim sees every commit anyway.
//
// On PostgreSQL a claim starts its walk of the pending messages after those
// an earlier claim of this DB found held (claimStart), rather than at the
// oldest every time.
func (tx *tx) ClaimInbox(limit int, lease time.Duration, owner string) ([]*nb.InboxItem, error) {
	if limit <= 0 {
		limit = defaultInboxLimit
	}
	at := tx.Now()
	now, until := toMillis(at), toMillis(at.Add(lease))
	for _, q := range []string{tx.db.d.freshReads(), tx.db.d.queueScans()} {
		if q == "" {
			continue
		}
		if _, err := tx.exec(q); err != nil {
			return nil, fmt.Errorf("claim inbox: %w", err)
		}
	}
	walkEnd := tx.db.d.writableWith()
	w := claimWalk{limit: limit} // from the oldest
	if walkEnd {
		w = tx.db.claims.from(at, limit)
	}
	if !walkEnd {
		args := claimChatsArgs(walkEnd, w.after, now, until, owner, limit)
		if _, err := tx.exec(tx.db.q.claimChats, args...); err != nil {
			return nil, fmt.Errorf("claim inbox chats: %w", err)
		}
	} else {
		var own int
		if err := tx.queryRow(tx.db.q.ownPending, owner, now, limit).Scan(&own); err != nil {
			return nil, fmt.Errorf("claim inbox: own pending: %w", err)
		}
		if w.limit = limit - own; w.limit > 0 {
			args := claimChatsArgs(walkEnd, w.after, now, until, owner, w.limit)
			if err := tx.queryRow(tx.db.q.claimChats, args...).Scan(&w.n, &w.last); err != nil {
				return nil, fmt.Errorf("claim inbox chats: %w", err)
			}
			tx.claimed = &w // kept once committed
		}
	}
	list, err := queryList(tx, scanInbox, tx.db.q.leasedInbox, owner, now, limit)
	if err != nil {
		return nil, fmt.Errorf("claim inbox: %w", err)
	}
	return list, nil
}

// HoldChat renews owner's lease on a chat until now+lease, and reports
// whether owner still held it. The engine calls it in the transaction that
// handles the chat's messages: a process whose lease ran out and was taken
// over handles nothing more of the chat.
func (tx *tx) HoldChat(p nb.Platform, chatKey, owner string, lease time.Duration) (bool, error) {
	res, err := tx.exec(`UPDATE chat_leases SET expires_at = ? WHERE platform = ? AND chat_key = ? AND owner = ?`,
		toMillis(tx.Now().Add(lease)), p, chatKey, owner)
	if err != nil {
		return false, fmt.Errorf("hold chat: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseChats ends owner's leases on the chats with no pending message
// left, and returns how many.
func (tx *tx) ReleaseChats(owner string) (int64, error) {
	res, err := tx.exec(`DELETE FROM chat_leases WHERE owner = ? AND NOT EXISTS (SELECT 1 FROM inbox AS i
		WHERE i.done_at = 0 AND i.platform = chat_leases.platform AND i.chat_key = chat_leases.chat_key)`, owner)
	if err != nil {
		return 0, fmt.Errorf("release chats: %w", err)
	}
	return res.RowsAffected()
}
