-- 0013 (issue 15): the officers' desk — accounts with a password, browser
-- sessions and one-time login codes sent by the bot.
--
-- accounts: one per person who may log in (a staff role); login is the
-- name typed at the login form, unique. password_hash is bcrypt ('' while
-- only login codes are used).
CREATE TABLE accounts (
	person_id     INTEGER PRIMARY KEY REFERENCES persons (id),
	login         TEXT    NOT NULL UNIQUE,
	password_hash TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);

-- sessions: a logged-in browser. Only a hash of the cookie's token is kept,
-- so a copy of the database does not log anyone in.
CREATE TABLE sessions (
	token_hash TEXT    PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	csrf       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_person_id ON sessions (person_id);

-- login_codes: one-time codes the bot sends privately (#登录 / /login).
CREATE TABLE login_codes (
	code_hash  TEXT    PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_codes_expires_at ON login_codes (expires_at);

-- The desk's board lists the open cases of a few units.
CREATE INDEX cases_open_unit ON cases (unit_id, stage) WHERE stage IN ('topic', 'issue', 'project');
