-- 0011 (issue 15, Open311): API keys of the clients that may create
-- service requests. Only a SHA-256 hash of each key is kept (the key itself
-- is printed once, by "neighborbot apikey create"), with its first
-- characters to tell keys apart in lists. A key belongs to a unit: requests
-- created with it are routed to that unit's group.
CREATE TABLE api_keys (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	name       TEXT    NOT NULL UNIQUE,
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	key_hash   TEXT    NOT NULL UNIQUE,
	key_prefix TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER NOT NULL DEFAULT 0
);
