package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// PutInbox stores item, setting its ID and ReceivedAt (now, if zero), unless
// one with the same (platform, chat key, message id) exists: then inserted is
// false and item.ID is the stored item's.
func (tx *tx) PutInbox(item *nb.InboxItem) (inserted bool, err error) {
	if item.ReceivedAt.IsZero() {
		item.ReceivedAt = tx.Now()
	}
	payload := item.Payload
	if payload == nil {
		payload = []byte{}
	}
	err = tx.queryRow(`INSERT INTO inbox (platform, chat_key, message_id, payload, received_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, chat_key, message_id) DO NOTHING RETURNING id`,
		item.Platform, item.ChatKey, item.MessageID, payload, toMillis(item.ReceivedAt)).Scan(&item.ID)
	if err == nil {
		return true, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("put inbox: %w", err)
	}
	err = tx.queryRow(`SELECT id FROM inbox WHERE platform = ? AND chat_key = ? AND message_id = ?`,
		item.Platform, item.ChatKey, item.MessageID).Scan(&item.ID)
	if err != nil {
		return false, fmt.Errorf("put inbox: %w", err)
	}
	return false, nil
}

// putInboxChunk is how many items one statement of PutInboxBatch inserts
// at most; a shorter list is padded (with its last item) to the next power
// of two, so that the statement takes one of seven forms and stays
// prepared, and at most half its rows are padding. The repeated row is a
// duplicate: the conflict clause skips it.
const putInboxChunk = 64

// putInboxQueries holds the statement for 1, 2, 4 … putInboxChunk rows.
var putInboxQueries = func() map[int]string {
	m := map[int]string{}
	for n := 1; n <= putInboxChunk; n *= 2 {
		m[n] = putInboxQuery(n)
	}
	return m
}()

func putInboxQuery(n int) string {
	return `INSERT INTO inbox (platform, chat_key, message_id, payload, received_at) VALUES (?, ?, ?, ?, ?)` +
		strings.Repeat(", (?, ?, ?, ?, ?)", n-1) + ` ON CONFLICT (platform, chat_key, message_id) DO NOTHING`
}

// PutInboxBatch stores items in their order, 64 to a statement, skipping
// those stored already, and returns how many were new. The rows of one
// statement are inserted in the order of its VALUES list, so that ids
// follow the items' order, which is the order they are handled in.
func (tx *tx) PutInboxBatch(items []*nb.InboxItem) (int, error) {
	inserted := 0
	for chunk := range slices.Chunk(items, putInboxChunk) {
		size := 1
		for size < len(chunk) {
			size *= 2
		}
		args := make([]any, 0, 5*size)
		for i := range size {
			item := chunk[min(i, len(chunk)-1)]
			if item.ReceivedAt.IsZero() {
				item.ReceivedAt = tx.Now()
			}
			payload := item.Payload
			if payload == nil {
				payload = []byte{}
			}
			args = append(args, item.Platform, item.ChatKey, item.MessageID, payload, toMillis(item.ReceivedAt))
		}
		res, err := tx.exec(putInboxQueries[size], args...)
		if err != nil {
			return inserted, fmt.Errorf("put inbox: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return inserted, fmt.Errorf("put inbox: %w", err)
		}
		inserted += int(n)
	}
	return inserted, nil
}

const inboxColumns = `id, platform, chat_key, message_id, payload, received_at, done_at, error`

func scanInbox(row scanner) (*nb.InboxItem, error) {
	var it nb.InboxItem
	err := row.Scan(&it.ID, &it.Platform, &it.ChatKey, &it.MessageID, &it.Payload,
		scanTime(&it.ReceivedAt), scanTime(&it.DoneAt), &it.Error)
	return &it, err
}

// defaultInboxLimit is how many items PendingInbox returns if limit <= 0.
const defaultInboxLimit = 100

// PendingInbox returns up to limit items not yet handled, oldest first.
func (tx *tx) PendingInbox(limit int) ([]*nb.InboxItem, error) {
	if limit <= 0 {
		limit = defaultInboxLimit
	}
	list, err := queryList(tx, scanInbox, `SELECT `+inboxColumns+`
		FROM inbox WHERE done_at = 0 ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending inbox: %w", err)
	}
	return list, nil
}

// CountPendingInbox returns how many items wait to be handled.
func (tx *tx) CountPendingInbox() (int, error) {
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM inbox WHERE done_at = 0`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pending inbox: %w", err)
	}
	return n, nil
}

// MarkInboxDone records that a pending item was handled, with the error
// text if handling failed. An item handled already is not found: it is
// never handled twice. An item handled without error loses its payload, as
// with MarkInboxHandled; one that failed keeps it, for a retry.
func (tx *tx) MarkInboxDone(id int64, errText string) error {
	query, args := `UPDATE inbox SET done_at = ?, error = ? WHERE id = ? AND done_at = 0`, []any{toMillis(tx.Now()), errText, id}
	if errText == "" {
		query, args = `UPDATE inbox SET done_at = ?, payload = ? WHERE id = ? AND done_at = 0`, []any{toMillis(tx.Now()), []byte{}, id}
	}
	err := tx.execOne(notFound("no pending inbox item %d", id), query, args...)
	if err != nil {
		return fmt.Errorf("mark inbox done: %w", err)
	}
	return nil
}

// PruneInbox deletes handled items that were done before the given time and
// did not fail, and returns how many: at most pruneBatch at a time, so
// that a first prune of a long history does not hold the writer for long. Platforms redeliver within a day, so
// older keys are not needed for de-duplication; failed items stay for
// diagnosis.
func (tx *tx) PruneInbox(before time.Time) (int64, error) {
	res, err := tx.exec(`DELETE FROM inbox WHERE id IN (SELECT id FROM inbox
		WHERE done_at > 0 AND done_at < ? AND error = '' LIMIT ?)`, toMillis(before), pruneBatch)
	if err != nil {
		return 0, fmt.Errorf("prune inbox: %w", err)
	}
	return res.RowsAffected()
}

// ListFailedInbox returns up to limit items set aside with an error,
// newest first.
func (tx *tx) ListFailedInbox(limit int) ([]*nb.InboxItem, error) {
	if limit <= 0 {
		limit = defaultInboxLimit
	}
	list, err := queryList(tx, scanInbox, `SELECT `+inboxColumns+` FROM inbox
		WHERE done_at > 0 AND error <> '' ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list failed inbox: %w", err)
	}
	return list, nil
}

// RetryInbox makes the set-aside item id (every one, for id 0) pending
// again, its error cleared, and returns how many.
func (tx *tx) RetryInbox(id int64) (int64, error) {
	res, err := tx.exec(`UPDATE inbox SET done_at = 0, error = '' WHERE done_at > 0 AND error <> '' AND (? = 0 OR id = ?)`, id, id)
	if err != nil {
		return 0, fmt.Errorf("retry inbox: %w", err)
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 && id != 0 {
		return 0, notFound("no set-aside message %d", id)
	}
	return n, err
}
