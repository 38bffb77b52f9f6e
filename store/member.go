package store

import (
	"fmt"
)

// AddChatMember records that a person wrote in a chat; it writes only the
// first time.
func (tx *tx) AddChatMember(chatID, personID int64) error {
	_, err := tx.exec(`INSERT INTO chat_members (chat_id, person_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (chat_id, person_id) DO NOTHING`, chatID, personID, toMillis(tx.Now()))
	if tx.isForeignKey(err) {
		return notFound("chat %d or person %d not found", chatID, personID)
	} else if err != nil {
		return fmt.Errorf("add chat member: %w", err)
	}
	return nil
}

// IsChatMember reports whether a person wrote in chat chatID or, with
// unitID not 0, in any group bound to unitID.
func (tx *tx) IsChatMember(personID, chatID, unitID int64) (bool, error) {
	var member bool
	err := tx.queryRow(`SELECT EXISTS (SELECT 1 FROM chat_members m JOIN chats c ON c.id = m.chat_id
		WHERE m.person_id = ? AND (m.chat_id = ? OR (? <> 0 AND c.unit_id = ? AND c.kind = 'group')))`,
		personID, chatID, unitID, unitID).Scan(&member)
	if err != nil {
		return false, fmt.Errorf("is chat member: %w", err)
	}
	return member, nil
}
