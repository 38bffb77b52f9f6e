-- Twin of migrations/0010: link codes, with which one person joins an
-- account on another platform to themselves.
CREATE TABLE link_codes (
	code       TEXT   PRIMARY KEY,
	person_id  BIGINT NOT NULL REFERENCES persons (id),
	platform   TEXT   NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX link_codes_person_id ON link_codes (person_id);
