-- 0008 (issues 7 and 13): who belongs to a group, invite codes that can be
-- revoked, and failed tries at redeeming a code.
--
-- chat_members: the people who have written in a chat, recorded as their
-- messages are handled; cases may be followed by members of their group.
-- Filled at once from the reporters of the cases of each chat.
CREATE TABLE chat_members (
	chat_id    INTEGER NOT NULL REFERENCES chats (id),
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (chat_id, person_id)
);
CREATE INDEX chat_members_person_id ON chat_members (person_id);
INSERT OR IGNORE INTO chat_members (chat_id, person_id, created_at)
	SELECT chat_id, reporter_id, MIN(created_at) FROM cases
	WHERE chat_id IS NOT NULL AND reporter_id IS NOT NULL GROUP BY chat_id, reporter_id;

-- An invite revoked by an operator, or burned after it was posted in a group.
ALTER TABLE invites ADD COLUMN revoked_at INTEGER NOT NULL DEFAULT 0;

-- attempts: failed tries per key ("person:12", "chat:3") and the lock they
-- caused, so that guessing codes stays slow across restarts.
CREATE TABLE attempts (
	key          TEXT    PRIMARY KEY,
	failures     INTEGER NOT NULL DEFAULT 0,
	window_start INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0
);
