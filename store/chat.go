package store

import (
	"database/sql"
	"errors"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

const chatColumns = `id, platform, external_id, kind, title, COALESCE(unit_id, 0), NOT active, created_at`

func scanChat(row scanner) (*nb.Chat, error) {
	var c nb.Chat
	err := row.Scan(&c.ID, &c.Platform, &c.ExternalID, &c.Kind, &c.Title, &c.UnitID, &c.Inactive, scanTime(&c.CreatedAt))
	return &c, err
}

// EnsureChat inserts c if its (platform, external id) is new; otherwise it
// fills c from the stored row, first updating the title if c has another.
func (tx *tx) EnsureChat(c *nb.Chat) error {
	err := tx.ensureChat(c)
	if err == nil {
		tx.chatSeen = seen(c.ID, c.CreatedAt)
	}
	return err
}

func (tx *tx) ensureChat(c *nb.Chat) error {
	// Most messages come from a chat already known under the same title:
	// one read.
	if stored, err := tx.FindChat(c.Platform, c.ExternalID); err == nil && (c.Title == "" || c.Title == stored.Title) {
		*c = *stored
		return nil
	}
	now := tx.Now()
	err := tx.queryRow(`INSERT INTO chats (platform, external_id, kind, title, unit_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING RETURNING id`,
		c.Platform, c.ExternalID, c.Kind, c.Title, nullID(c.UnitID), toMillis(now)).Scan(&c.ID)
	if err == nil {
		c.CreatedAt = now
		return nil
	} else if tx.isForeignKey(err) {
		return notFound("unit %d not found", c.UnitID)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("insert chat: %w", err)
	}
	if c.Title != "" {
		if _, err := tx.exec(`UPDATE chats SET title = ? WHERE platform = ? AND external_id = ? AND title <> ?`,
			c.Title, c.Platform, c.ExternalID, c.Title); err != nil {
			return fmt.Errorf("update chat title: %w", err)
		}
	}
	stored, err := tx.FindChat(c.Platform, c.ExternalID)
	if err != nil {
		return err
	}
	*c = *stored
	return nil
}

// FindChatByID returns the chat with id.
func (tx *tx) FindChatByID(id int64) (*nb.Chat, error) {
	c, err := scanChat(tx.queryRow(`SELECT `+chatColumns+` FROM chats WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("chat %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find chat: %w", err)
	}
	return c, nil
}

// FindChat returns the chat with the platform's chat id.
func (tx *tx) FindChat(p nb.Platform, externalID string) (*nb.Chat, error) {
	if r := &tx.lastChat; r.writes == tx.writes && r.chat.ID != 0 && r.chat.Platform == p && r.chat.ExternalID == externalID {
		c := r.chat // read already, and nothing written since
		return &c, nil
	}
	c, err := scanChat(tx.queryRow(`SELECT `+chatColumns+` FROM chats WHERE platform = ? AND external_id = ?`,
		p, externalID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("chat %q not found", externalID)
	} else if err != nil {
		return nil, fmt.Errorf("find chat: %w", err)
	}
	tx.lastChat = chatRead{chat: *c, writes: tx.writes}
	return c, nil
}

// chatRead is a chat as a transaction read it, while its count of writes
// was writes: the messages of a batch are mostly a few busy chats', one
// after another, and most write nothing (chit-chat), so the next message
// of the chat finds it without a statement.
type chatRead struct {
	chat   nb.Chat
	writes int
}

// ListChats returns the chats of platform p and kind, by ID; "" matches any.
func (tx *tx) ListChats(p nb.Platform, kind nb.ChatKind) ([]*nb.Chat, error) {
	var w where
	if p != "" {
		w.add(`platform = ?`, p)
	}
	if kind != "" {
		w.add(`kind = ?`, kind)
	}
	list, err := queryList(tx, scanChat, `SELECT `+chatColumns+` FROM chats`+w.String()+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list chats: %w", err)
	}
	return list, nil
}

// BindChat binds a chat to a unit and gives the chat's cases that have no
// unit yet that unit, logging an EventBound on each.
func (tx *tx) BindChat(chatID, unitID int64) error {
	if _, err := tx.FindUnitByID(unitID); err != nil {
		return err
	}
	if err := tx.execOne(notFound("chat %d not found", chatID),
		`UPDATE chats SET unit_id = ? WHERE id = ?`, unitID, chatID); err != nil {
		return fmt.Errorf("bind chat: %w", err)
	}
	unbound, err := queryList(tx, scanCase, `SELECT `+caseColumns+` FROM cases
		WHERE chat_id = ? AND unit_id IS NULL ORDER BY id`, chatID)
	if err != nil {
		return fmt.Errorf("bind chat: %w", err)
	}
	for _, c := range unbound {
		c.UnitID = unitID
		if err := tx.UpdateCase(c); err != nil {
			return fmt.Errorf("bind chat: %w", err)
		}
		ev := &nb.Event{CaseID: c.ID, Kind: nb.EventBound, FromStage: c.Stage, ToStage: c.Stage, UnitID: unitID}
		if err := tx.AppendEvent(ev); err != nil {
			return fmt.Errorf("bind chat: %w", err)
		}
	}
	return nil
}
