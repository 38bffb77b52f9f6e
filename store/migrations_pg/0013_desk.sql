-- Twin of migrations/0013: the officers' desk — accounts with a password,
-- browser sessions and one-time login codes sent by the bot.
CREATE TABLE accounts (
	person_id     BIGINT PRIMARY KEY REFERENCES persons (id),
	login         TEXT   NOT NULL UNIQUE,
	password_hash TEXT   NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL,
	updated_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT   PRIMARY KEY,
	person_id  BIGINT NOT NULL REFERENCES persons (id),
	csrf       TEXT   NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_person_id ON sessions (person_id);

CREATE TABLE login_codes (
	code_hash  TEXT   PRIMARY KEY,
	person_id  BIGINT NOT NULL REFERENCES persons (id),
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_codes_expires_at ON login_codes (expires_at);

CREATE INDEX cases_open_unit ON cases (unit_id, stage) WHERE stage IN ('topic', 'issue', 'project');
