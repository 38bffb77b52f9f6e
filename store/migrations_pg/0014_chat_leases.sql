-- Twin of migrations/0014: several processes share one inbox; a process
-- claims a chat (a lease with an expiry) before handling its messages.
CREATE TABLE chat_leases (
	platform   TEXT   COLLATE "C" NOT NULL,
	chat_key   TEXT   COLLATE "C" NOT NULL,
	owner      TEXT   COLLATE "C" NOT NULL,
	expires_at BIGINT NOT NULL,
	PRIMARY KEY (platform, chat_key)
);
CREATE INDEX chat_leases_owner ON chat_leases (owner);

CREATE INDEX inbox_pending_chat ON inbox (platform, chat_key, id) WHERE done_at = 0;
