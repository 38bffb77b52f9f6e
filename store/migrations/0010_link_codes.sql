-- 0010 (issue 8): one person, several platforms. A person asks for a link
-- code in a private chat on one platform ("#关联") and sends it from another
-- ("#绑定 CODE"): the second account's person is merged into the first.
CREATE TABLE link_codes (
	code       TEXT    PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES persons (id),
	platform   TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX link_codes_person_id ON link_codes (person_id);
