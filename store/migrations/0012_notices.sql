-- 0012 (issue 12): broadcast notices of ambassadors (宣传代言人) and officers,
-- one delivery per (notice, group), and the broadcasts' audit log.
CREATE TABLE notices (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	author_id        INTEGER NOT NULL REFERENCES persons (id),
	author_name      TEXT    NOT NULL DEFAULT '',
	unit_id          INTEGER REFERENCES units (id),
	text             TEXT    NOT NULL,
	urgent           INTEGER NOT NULL DEFAULT 0,
	send_at          INTEGER NOT NULL DEFAULT 0,
	status           TEXT    NOT NULL,
	why              TEXT    NOT NULL DEFAULT '',
	platform         TEXT    NOT NULL DEFAULT '',
	chat_external_id TEXT    NOT NULL DEFAULT '',
	message_id       TEXT    NOT NULL DEFAULT '',
	decided_by       INTEGER REFERENCES persons (id),
	decided_at       INTEGER NOT NULL DEFAULT 0,
	reason           TEXT    NOT NULL DEFAULT '',
	photo            TEXT    NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL
);
CREATE INDEX notices_author ON notices (author_id, created_at);
CREATE INDEX notices_status ON notices (status, id);

-- A notice reaches a group once: the unique key holds across retries,
-- crashes and a second approval.
CREATE TABLE notice_deliveries (
	notice_id  INTEGER NOT NULL REFERENCES notices (id),
	chat_id    INTEGER NOT NULL REFERENCES chats (id),
	outbox_id  INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (notice_id, chat_id)
);

CREATE TABLE broadcast_events (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	notice_id  INTEGER REFERENCES notices (id),
	kind       TEXT    NOT NULL,
	actor_id   INTEGER REFERENCES persons (id),
	person_id  INTEGER REFERENCES persons (id),
	unit_id    INTEGER REFERENCES units (id),
	note       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX broadcast_events_notice ON broadcast_events (notice_id, id);
CREATE INDEX persons_name ON persons (name);

-- Files sent with an outgoing message (a notice's photo), as JSON.
ALTER TABLE outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '';
