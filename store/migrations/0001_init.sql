-- 0001: the initial schema.
--
-- Conventions: times are INTEGER unix milliseconds in UTC (0 = unset).
-- A reference to another row is NULL when absent (0 in Go) and carries a
-- foreign key. The one exception is a role's scope (role_grants.unit_id,
-- invites.unit_id), where 0 means "everywhere" and takes part in a unique key.

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL UNIQUE,
	kind       TEXT    NOT NULL,
	parent_id  INTEGER REFERENCES units (id),
	created_at INTEGER NOT NULL
);

CREATE TABLE chats (
	id          INTEGER PRIMARY KEY,
	platform    TEXT    NOT NULL,
	external_id TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	title       TEXT    NOT NULL DEFAULT '',
	unit_id     INTEGER REFERENCES units (id),
	created_at  INTEGER NOT NULL,
	UNIQUE (platform, external_id)
);
CREATE INDEX chats_unit_id ON chats (unit_id);

CREATE TABLE persons (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	created_at INTEGER NOT NULL
);

CREATE TABLE identities (
	platform     TEXT    NOT NULL,
	external_id  TEXT    NOT NULL,
	person_id    INTEGER NOT NULL REFERENCES persons (id),
	display_name TEXT    NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (platform, external_id)
);
CREATE INDEX identities_person_id ON identities (person_id);

CREATE TABLE role_grants (
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	role       TEXT    NOT NULL,
	unit_id    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (person_id, role, unit_id)
);
CREATE INDEX role_grants_role_unit ON role_grants (role, unit_id);

CREATE TABLE invites (
	code        TEXT    PRIMARY KEY,
	role        TEXT    NOT NULL,
	unit_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	expires_at  INTEGER NOT NULL,
	redeemed_by INTEGER REFERENCES persons (id),
	redeemed_at INTEGER NOT NULL DEFAULT 0
);

-- Case numbers are shown to people (#12): AUTOINCREMENT never reuses one.
CREATE TABLE cases (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	stage           TEXT    NOT NULL,
	text            TEXT    NOT NULL DEFAULT '',
	category        TEXT    NOT NULL DEFAULT '',
	location        TEXT    NOT NULL DEFAULT '',
	location_norm   TEXT    NOT NULL DEFAULT '',
	priority        TEXT    NOT NULL DEFAULT '',
	confidence      REAL    NOT NULL DEFAULT 0,
	quiet           INTEGER NOT NULL DEFAULT 0,
	unit_id         INTEGER REFERENCES units (id),
	chat_id         INTEGER REFERENCES chats (id),
	report_msg      TEXT    NOT NULL DEFAULT '',
	reporter_id     INTEGER REFERENCES persons (id),
	owner_unit_id   INTEGER REFERENCES units (id),
	due_at          INTEGER NOT NULL DEFAULT 0,
	merged_into     INTEGER REFERENCES cases (id),
	rating          TEXT    NOT NULL DEFAULT '',
	whistle_unit_id INTEGER REFERENCES units (id),
	whistle_due_at  INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	resolved_at     INTEGER NOT NULL DEFAULT 0,
	closed_at       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_chat_report ON cases (chat_id, report_msg);
CREATE INDEX cases_unit_id ON cases (unit_id);
CREATE INDEX cases_stage ON cases (stage);

CREATE TABLE followers (
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	kind       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (case_id, person_id)
);
CREATE INDEX followers_person_id ON followers (person_id);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	kind       TEXT    NOT NULL,
	actor_id   INTEGER REFERENCES persons (id),
	from_stage TEXT    NOT NULL DEFAULT '',
	to_stage   TEXT    NOT NULL DEFAULT '',
	unit_id    INTEGER REFERENCES units (id),
	note       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX events_case_id ON events (case_id, id);

CREATE TABLE outbox (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	platform         TEXT    NOT NULL,
	chat_external_id TEXT    NOT NULL,
	text             TEXT    NOT NULL,
	reply_to         TEXT    NOT NULL DEFAULT '',
	mentions         TEXT    NOT NULL DEFAULT '[]',
	case_id          INTEGER REFERENCES cases (id),
	status           TEXT    NOT NULL,
	attempts         INTEGER NOT NULL DEFAULT 0,
	next_attempt_at  INTEGER NOT NULL,
	external_id      TEXT    NOT NULL DEFAULT '',
	last_error       TEXT    NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	sent_at          INTEGER NOT NULL DEFAULT 0
);
-- ClaimOutbox: the query names status = 'pending' literally to use it.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
-- FindCaseByMessage: a reply to one of the bot's messages.
CREATE INDEX outbox_sent_message ON outbox (platform, chat_external_id, external_id);

CREATE TABLE inbox (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	platform    TEXT    NOT NULL,
	chat_key    TEXT    NOT NULL,
	message_id  TEXT    NOT NULL,
	payload     BLOB    NOT NULL,
	received_at INTEGER NOT NULL,
	done_at     INTEGER NOT NULL DEFAULT 0,
	error       TEXT    NOT NULL DEFAULT '',
	UNIQUE (platform, chat_key, message_id)
);
-- PendingInbox: the query names done_at = 0 literally to use it.
CREATE INDEX inbox_pending ON inbox (id) WHERE done_at = 0;

CREATE TABLE sandbox_messages (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	chat_key  TEXT    NOT NULL,
	from_name TEXT    NOT NULL DEFAULT '',
	from_bot  INTEGER NOT NULL DEFAULT 0,
	text      TEXT    NOT NULL DEFAULT '',
	reply_to  INTEGER REFERENCES sandbox_messages (id),
	at        INTEGER NOT NULL
);
CREATE INDEX sandbox_messages_chat ON sandbox_messages (chat_key, id);
