-- A chat the bot was removed from (Telegram my_chat_member) is inactive:
-- nothing is posted there until the bot is added back.
ALTER TABLE chats ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- Evidence on a case: a photo's platform file reference, size and type.
CREATE TABLE case_attachments (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	event_kind TEXT    NOT NULL DEFAULT '',
	platform   TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	file_ref   TEXT    NOT NULL,
	size       INTEGER NOT NULL DEFAULT 0,
	mime_type  TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX case_attachments_case_id ON case_attachments (case_id, id);
