package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// SetOfficersChat makes chat the officers' work group of unit, replacing
// the unit it served before.
func (tx *tx) SetOfficersChat(chatID, unitID int64) error {
	_, err := tx.exec(`INSERT INTO officer_chats (chat_id, unit_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (chat_id) DO UPDATE SET unit_id = excluded.unit_id`, chatID, unitID, toMillis(tx.Now()))
	if tx.isForeignKey(err) {
		return notFound("chat or unit not found")
	} else if err != nil {
		return fmt.Errorf("set officers' chat: %w", err)
	}
	return nil
}

// ListOfficersChats returns the officers' work groups of unit.
func (tx *tx) ListOfficersChats(unitID int64) ([]*nb.Chat, error) {
	list, err := queryList(tx, scanChat, `SELECT `+chatColumns+` FROM chats
		WHERE id IN (SELECT chat_id FROM officer_chats WHERE unit_id = ?) ORDER BY id`, unitID)
	if err != nil {
		return nil, fmt.Errorf("list officers' chats: %w", err)
	}
	return list, nil
}
