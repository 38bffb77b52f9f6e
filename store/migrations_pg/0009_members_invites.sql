-- Twin of migrations/0009: who belongs to a group, invite codes that can be
-- revoked, and failed tries at redeeming a code.
CREATE TABLE chat_members (
	chat_id    BIGINT NOT NULL REFERENCES chats (id),
	person_id  BIGINT NOT NULL REFERENCES persons (id),
	created_at BIGINT NOT NULL,
	PRIMARY KEY (chat_id, person_id)
);
CREATE INDEX chat_members_person_id ON chat_members (person_id);
INSERT INTO chat_members (chat_id, person_id, created_at)
	SELECT chat_id, reporter_id, MIN(created_at) FROM cases
	WHERE chat_id IS NOT NULL AND reporter_id IS NOT NULL GROUP BY chat_id, reporter_id
	ON CONFLICT DO NOTHING;

ALTER TABLE invites ADD COLUMN revoked_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE attempts (
	key          TEXT    PRIMARY KEY,
	failures     INTEGER NOT NULL DEFAULT 0,
	window_start BIGINT  NOT NULL DEFAULT 0,
	locked_until BIGINT  NOT NULL DEFAULT 0
);
