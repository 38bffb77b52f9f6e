package store

import (
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// claimChatsQuery leases to one owner the chats of the oldest pending
// messages that no other owner holds (a lease of its own is renewed). It is
// one statement, so that on a database with concurrent writers
// (PostgreSQL) the conflict clause decides who gets a chat: a lease another
// owner holds and that has not expired is left alone. It takes the chats in
// the order of their keys, bytewise (byteOrder; the engine's handling
// transaction renews its chats' leases in that order too), so that two
// transactions that want the same chats wait for one another rather than
// each hold a chat the other waits for.
func claimChatsQuery(byteOrder func(string) string) string {
	return `INSERT INTO chat_leases (platform, chat_key, owner, expires_at)
	SELECT p.platform, p.chat_key, CAST(? AS TEXT), CAST(? AS BIGINT) FROM (SELECT i.platform, i.chat_key FROM inbox AS i
		WHERE i.done_at = 0 AND NOT EXISTS (SELECT 1 FROM chat_leases AS l
			WHERE l.platform = i.platform AND l.chat_key = i.chat_key AND l.owner <> ? AND l.expires_at > ?)
		ORDER BY i.id LIMIT ?) AS p WHERE true GROUP BY p.platform, p.chat_key
		ORDER BY ` + byteOrder("p.platform") + `, ` + byteOrder("p.chat_key") + `
	ON CONFLICT (platform, chat_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
	WHERE chat_leases.owner = excluded.owner OR chat_leases.expires_at <= ?`
}

// leasedInboxQuery returns the pending messages of the chats one owner holds.
const leasedInboxQuery = `SELECT ` + inboxColumns + ` FROM inbox
	WHERE done_at = 0 AND EXISTS (SELECT 1 FROM chat_leases AS l
		WHERE l.platform = inbox.platform AND l.chat_key = inbox.chat_key AND l.owner = ? AND l.expires_at > ?)
	ORDER BY id LIMIT ?`

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
func (tx *tx) ClaimInbox(limit int, lease time.Duration, owner string) ([]*nb.InboxItem, error) {
	if limit <= 0 {
		limit = defaultInboxLimit
	}
	now := toMillis(tx.Now())
	until := toMillis(tx.Now().Add(lease))
	for _, q := range []string{tx.db.d.freshReads(), tx.db.d.queueScans()} {
		if q == "" {
			continue
		}
		if _, err := tx.exec(q); err != nil {
			return nil, fmt.Errorf("claim inbox: %w", err)
		}
	}
	if _, err := tx.exec(tx.db.q.claimChats, owner, until, owner, now, limit, now); err != nil {
		return nil, fmt.Errorf("claim inbox chats: %w", err)
	}
	list, err := queryList(tx, scanInbox, leasedInboxQuery, owner, now, limit)
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
