package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

const sandboxColumns = `id, chat_key, from_name, from_bot, text, COALESCE(reply_to, 0), at`

func scanSandbox(row scanner) (*nb.SandboxMessage, error) {
	var m nb.SandboxMessage
	err := row.Scan(&m.ID, &m.ChatKey, &m.From, &m.FromBot, &m.Text, &m.ReplyTo, scanTime(&m.At))
	return &m, err
}

// AppendSandboxMessage stores a line of a sandbox chat, setting its ID, and
// its At (now) if zero.
func (tx *tx) AppendSandboxMessage(m *nb.SandboxMessage) error {
	if m.At.IsZero() {
		m.At = tx.Now()
	}
	// Readers follow a chat by id (ListSandboxMessages after the last id
	// read). Ids come from a sequence: on PostgreSQL, where transactions
	// commit concurrently, a line given id 102 could commit before one
	// given 101, and a reader that read 102 would never see 101 (a bot's
	// answer lost to the sandbox client). The chat's writers take turns, so
	// a chat's ids commit in order.
	if q := tx.db.d.keyLock(); q != "" {
		if _, err := tx.exec(q, "sandbox_messages:"+m.ChatKey); err != nil {
			return fmt.Errorf("append sandbox message: lock chat: %w", err)
		}
	}
	err := tx.queryRow(`INSERT INTO sandbox_messages (chat_key, from_name, from_bot, text, reply_to, at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		m.ChatKey, m.From, m.FromBot, m.Text, nullID(m.ReplyTo), toMillis(m.At)).Scan(&m.ID)
	if tx.isForeignKey(err) {
		return notFound("sandbox message %d not found", m.ReplyTo)
	} else if err != nil {
		return fmt.Errorf("append sandbox message: %w", err)
	}
	return nil
}

// Sandbox list limits.
const (
	defaultSandboxLimit = 200
	maxSandboxLimit     = 1000
)

// ListSandboxMessages returns up to limit messages of a chat after afterID,
// oldest first.
func (tx *tx) ListSandboxMessages(chatKey string, afterID int64, limit int) ([]*nb.SandboxMessage, error) {
	if limit <= 0 {
		limit = defaultSandboxLimit
	}
	list, err := queryList(tx, scanSandbox, `SELECT `+sandboxColumns+` FROM sandbox_messages
		WHERE chat_key = ? AND id > ? ORDER BY id LIMIT ?`, chatKey, afterID, min(limit, maxSandboxLimit))
	if err != nil {
		return nil, fmt.Errorf("list sandbox messages: %w", err)
	}
	return list, nil
}

// FindSandboxMessage returns the sandbox message with id.
func (tx *tx) FindSandboxMessage(id int64) (*nb.SandboxMessage, error) {
	m, err := scanSandbox(tx.queryRow(`SELECT `+sandboxColumns+` FROM sandbox_messages WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("sandbox message %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find sandbox message: %w", err)
	}
	return m, nil
}

// pruneBatch is how many rows one prune deletes at most.
const pruneBatch = 20_000

// PruneSandbox deletes chat lines older than before, at most pruneBatch at
// a time, and returns how many. Newer lines that reply to them lose the
// reference (the line they answered is gone).
func (tx *tx) PruneSandbox(before time.Time) (int64, error) {
	var maxID int64
	err := tx.queryRow(`SELECT COALESCE(MAX(id), 0) FROM (SELECT id FROM sandbox_messages WHERE at < ?
		ORDER BY at LIMIT ?) AS old`, toMillis(before), pruneBatch).Scan(&maxID)
	if err != nil {
		return 0, fmt.Errorf("prune sandbox: %w", err)
	} else if maxID == 0 {
		return 0, nil
	}
	if _, err := tx.exec(`UPDATE sandbox_messages SET reply_to = NULL
		WHERE reply_to <= ? AND id > ? AND reply_to IS NOT NULL`, maxID, maxID); err != nil {
		return 0, fmt.Errorf("prune sandbox: %w", err)
	}
	res, err := tx.exec(`DELETE FROM sandbox_messages WHERE id <= ?`, maxID)
	if err != nil {
		return 0, fmt.Errorf("prune sandbox: %w", err)
	}
	return res.RowsAffected()
}
