package store

import (
	"fmt"
)

// AddChatMember records that a person wrote in a chat; it writes only the
// first time. When the chat and the person are the ones the transaction
// loaded last (EnsureChat, EnsurePerson: every message) and the membership
// is known committed, it runs no statement at all.
func (tx *tx) AddChatMember(chatID, personID int64) error {
	key, keyed := tx.memberKey(chatID, personID)
	if keyed && tx.db.members.has(key) {
		return nil
	}
	_, err := tx.exec(`INSERT INTO chat_members (chat_id, person_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (chat_id, person_id) DO NOTHING`, chatID, personID, toMillis(tx.Now()))
	if tx.isForeignKey(err) {
		return notFound("chat %d or person %d not found", chatID, personID)
	} else if err != nil {
		return fmt.Errorf("add chat member: %w", err)
	}
	if keyed {
		tx.members = append(tx.members, key) // cached once the transaction commits
	}
	return nil
}

// memberKey names the membership of chatID and personID when both are the
// rows the transaction loaded last.
func (tx *tx) memberKey(chatID, personID int64) (memberKey, bool) {
	if tx.chatSeen.id != chatID || tx.personSeen.id != personID || chatID == 0 || personID == 0 {
		return memberKey{}, false
	}
	return memberKey{chatID, tx.chatSeen.created, personID, tx.personSeen.created}, true
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
