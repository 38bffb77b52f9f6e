package store

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

const outboxColumns = `id, platform, chat_external_id, text, reply_to, mentions, COALESCE(case_id, 0), status,
	attempts, next_attempt_at, external_id, last_error, created_at, sent_at, attachments`

func scanOutbox(row scanner) (*nb.OutboxMessage, error) {
	var m nb.OutboxMessage
	err := row.Scan(&m.ID, &m.Platform, &m.ChatExternalID, &m.Text, &m.ReplyTo, scanList(&m.Mentions), &m.CaseID,
		&m.Status, &m.Attempts, scanTime(&m.NextAttemptAt), &m.ExternalID, &m.LastError,
		scanTime(&m.CreatedAt), scanTime(&m.SentAt), scanAttachments(&m.Attachments))
	return &m, err
}

// EnqueueOutbox queues m for sending, setting its ID, Status (pending),
// CreatedAt, and NextAttemptAt (now) if zero.
func (tx *tx) EnqueueOutbox(m *nb.OutboxMessage) error {
	m.Status, m.Attempts, m.CreatedAt = nb.OutboxPending, 0, tx.Now()
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	err := tx.queryRow(`INSERT INTO outbox (platform, chat_external_id, text, reply_to, mentions, case_id, status,
		next_attempt_at, created_at, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.Platform, m.ChatExternalID, m.Text, m.ReplyTo, toJSON(m.Mentions), nullID(m.CaseID), m.Status,
		toMillis(m.NextAttemptAt), toMillis(m.CreatedAt), attachmentsJSON(m.Attachments)).Scan(&m.ID)
	if tx.isForeignKey(err) {
		return notFound("case #%d not found", m.CaseID)
	} else if err != nil {
		return fmt.Errorf("enqueue outbox: %w", err)
	}
	return nil
}

// defaultClaimLimit is how many messages ClaimOutbox takes if limit <= 0.
const defaultClaimLimit = 50

// claimQuery takes the due pending messages of one platform in id order,
// skipping those whose chat has an earlier message in flight or waiting to
// be retried. On SQLite, INDEXED BY pins both lookups to the partial indexes
// of pending rows, so the cost follows the pending backlog, never the sent
// history; PostgreSQL's planner picks them from its statistics.
func claimQuery(indexedBy func(string) string) string {
	return `UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, lease_owner = ?
	WHERE id IN (SELECT id FROM outbox AS o ` + indexedBy("outbox_pending") + `
		WHERE o.status = 'pending' AND o.platform = ? AND o.next_attempt_at <= ?
		AND NOT EXISTS (SELECT 1 FROM outbox AS e ` + indexedBy("outbox_pending_chat") + `
			WHERE e.status = 'pending' AND e.platform = o.platform AND e.chat_external_id = o.chat_external_id
			AND e.id < o.id AND e.next_attempt_at > ? AND (e.attempts > 0 OR e.last_error <> ''))
		ORDER BY o.id LIMIT ?)
	RETURNING ` + outboxColumns
}

// inFlightQuery counts a chat's claimed messages whose lease runs.
func inFlightQuery(indexedBy func(string) string) string {
	return `SELECT COUNT(*) FROM outbox ` + indexedBy("outbox_pending_chat") + `
		WHERE status = 'pending' AND platform = ? AND chat_external_id = ? AND lease_owner <> ''
		AND next_attempt_at > ?`
}

// ClaimOutbox takes up to limit pending messages of platform p that are
// due, oldest first, counts an attempt on each and leases them to owner
// until now+lease. A message whose chat has an earlier message in flight or
// waiting to be retried waits for it, so that a chat's messages arrive in
// order; an earlier message merely scheduled for later (never tried) does
// not hold the chat back.
func (tx *tx) ClaimOutbox(p nb.Platform, limit int, lease time.Duration, owner string) ([]*nb.OutboxMessage, error) {
	if limit <= 0 {
		limit = defaultClaimLimit
	}
	now := tx.Now()
	list, err := queryList(tx, scanOutbox, tx.db.q.claimOutbox,
		toMillis(now.Add(lease)), owner, p, toMillis(now), toMillis(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	// RETURNING promises no order.
	slices.SortFunc(list, func(a, b *nb.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
	return list, nil
}

// ReleaseLeases hands back the pending messages claimed by owners whose
// name starts with prefix, other than except (due now, the claim not
// counted), and ends their leases on chats. A process calls it at start for the claims of its earlier runs,
// which would otherwise hold their chats until the leases ran out.
func (tx *tx) ReleaseLeases(prefix, except string) (int64, error) {
	res, err := tx.exec(`UPDATE outbox SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
		next_attempt_at = ?, lease_owner = '' WHERE status = 'pending' AND lease_owner <> '' AND substr(lease_owner, 1, ?) = ?
		AND lease_owner <> ? AND substr(lease_owner, 1, ?) <> ?`,
		toMillis(tx.Now()), len(prefix), prefix, except, len(except)+1, except+"#")
	if err != nil {
		return 0, fmt.Errorf("release leases: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	res, err = tx.exec(`DELETE FROM chat_leases WHERE substr(owner, 1, ?) = ? AND owner <> ? AND substr(owner, 1, ?) <> ?`,
		len(prefix), prefix, except, len(except)+1, except+"#")
	if err != nil {
		return 0, fmt.Errorf("release chat leases: %w", err)
	}
	chats, err := res.RowsAffected()
	return n + chats, err
}

// OutboxInFlight reports whether a message to the chat is claimed, with its
// lease running, and not yet recorded as sent or failed.
func (tx *tx) OutboxInFlight(p nb.Platform, chatExternalID string) (bool, error) {
	var n int
	err := tx.queryRow(tx.db.q.outboxInFlight, p, chatExternalID, toMillis(tx.Now())).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("outbox in flight: %w", err)
	}
	return n > 0, nil
}

// PruneOutbox deletes messages sent or given up before the given time and
// returns how many, at most pruneBatch at a time. Pending messages are never
// pruned.
func (tx *tx) PruneOutbox(before time.Time) (int64, error) {
	res, err := tx.exec(`DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
		WHERE status <> 'pending' AND sent_at < ? AND (sent_at > 0 OR created_at < ?) LIMIT ?)`,
		toMillis(before), toMillis(before), pruneBatch)
	if err != nil {
		return 0, fmt.Errorf("prune outbox: %w", err)
	}
	return res.RowsAffected()
}

// MarkOutboxSent records that a message was sent as the platform's message
// externalID.
func (tx *tx) MarkOutboxSent(id int64, externalID string) error {
	err := tx.execOne(notFound("outbox message %d not found", id),
		`UPDATE outbox SET status = ?, external_id = ?, sent_at = ?, lease_owner = '' WHERE id = ?`,
		nb.OutboxSent, externalID, toMillis(tx.Now()), id)
	if err != nil {
		return fmt.Errorf("mark outbox sent: %w", err)
	}
	return nil
}

// MarkOutboxRetry records a failed attempt and when to try again; dead gives
// up for good (status failed).
func (tx *tx) MarkOutboxRetry(id int64, lastErr string, next time.Time, dead bool) error {
	status := nb.OutboxPending
	if dead {
		status = nb.OutboxFailed
	}
	err := tx.execOne(notFound("outbox message %d not found", id),
		`UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = ?, lease_owner = '' WHERE id = ?`,
		status, lastErr, toMillis(next), id)
	if err != nil {
		return fmt.Errorf("mark outbox retry: %w", err)
	}
	return nil
}

// ReleaseOutbox hands back a claimed message that was not tried (it waits
// for an earlier one, or the platform asked us to wait): the claim's attempt
// does not count, and it is due again at next. reason is kept as its last
// error, which also marks it as waiting, so later messages of its chat wait.
func (tx *tx) ReleaseOutbox(id int64, next time.Time, reason string) error {
	err := tx.execOne(notFound("outbox message %d not found", id),
		`UPDATE outbox SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
		next_attempt_at = ?, last_error = ?, lease_owner = '' WHERE id = ? AND status = 'pending'`, toMillis(next), reason, id)
	if err != nil {
		return fmt.Errorf("release outbox: %w", err)
	}
	return nil
}

// FindOutbox returns the outbox message with id.
func (tx *tx) FindOutbox(id int64) (*nb.OutboxMessage, error) {
	m, err := scanOutbox(tx.queryRow(`SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("outbox message %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	return m, nil
}

// FailChatOutbox gives up the pending messages of a chat the bot can no
// longer reach (removed, blocked, deleted), so that none is retried for ever.
func (tx *tx) FailChatOutbox(p nb.Platform, chatExternalID, reason string) (int64, error) {
	res, err := tx.exec(`UPDATE outbox SET status = 'failed', last_error = ?, lease_owner = ''
		WHERE status = 'pending' AND platform = ? AND chat_external_id = ?`, reason, p, chatExternalID)
	if err != nil {
		return 0, fmt.Errorf("fail chat outbox: %w", err)
	}
	return res.RowsAffected()
}
