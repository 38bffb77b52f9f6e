-- 0014 (issue 14): several processes share one inbox. A process claims a
-- chat before handling its messages and holds the claim while it handles
-- them, so that a chat is handled by one process at a time, in order. A
-- process that dies loses its claims when they expire.
CREATE TABLE chat_leases (
	platform   TEXT    NOT NULL,
	chat_key   TEXT    NOT NULL,
	owner      TEXT    NOT NULL,
	expires_at INTEGER NOT NULL,
	PRIMARY KEY (platform, chat_key)
);
CREATE INDEX chat_leases_owner ON chat_leases (owner);

-- A chat's pending messages, to release the claims of chats with none left.
CREATE INDEX inbox_pending_chat ON inbox (platform, chat_key, id) WHERE done_at = 0;
