package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// SetChatActive records whether the bot is still in a chat, creating the
// chat if it is new.
func (tx *tx) SetChatActive(p nb.Platform, externalID string, kind nb.ChatKind, active bool) error {
	c := &nb.Chat{Platform: p, ExternalID: externalID, Kind: kind}
	if err := tx.EnsureChat(c); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE chats SET active = ? WHERE id = ?`, active, c.ID); err != nil {
		return fmt.Errorf("set chat active: %w", err)
	}
	return nil
}

// MigrateChat gives a chat a new platform id. If the new id already has a
// chat of its own (a message arrived there first), that chat's cases move
// to the old chat, which keeps its unit, and the new row is dropped. Pending
// outgoing messages follow. Migrating a chat that is gone or already moved
// does nothing.
func (tx *tx) MigrateChat(p nb.Platform, fromID, toID string) error {
	old, err := tx.FindChat(p, fromID)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if dup, err := tx.FindChat(p, toID); err == nil {
		if _, err := tx.exec(`UPDATE cases SET chat_id = ? WHERE chat_id = ?`, old.ID, dup.ID); err != nil {
			return fmt.Errorf("migrate chat: move cases: %w", err)
		}
		if old.UnitID == 0 && dup.UnitID != 0 {
			old.UnitID = dup.UnitID
		}
		tx.rowsDeleted = true
		if _, err := tx.exec(`DELETE FROM chats WHERE id = ?`, dup.ID); err != nil {
			return fmt.Errorf("migrate chat: drop duplicate: %w", err)
		}
	} else if nb.ErrorCode(err) != nb.ENOTFOUND {
		return err
	}
	if _, err := tx.exec(`UPDATE chats SET external_id = ?, unit_id = ?, active = TRUE WHERE id = ?`,
		toID, nullID(old.UnitID), old.ID); err != nil {
		return fmt.Errorf("migrate chat: %w", err)
	}
	if _, err := tx.exec(`UPDATE outbox SET chat_external_id = ? WHERE platform = ? AND chat_external_id = ?
		AND status = 'pending'`, toID, p, fromID); err != nil {
		return fmt.Errorf("migrate chat: pending messages: %w", err)
	}
	return nil
}
