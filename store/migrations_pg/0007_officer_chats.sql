-- Twin of migrations/0007: the officers' work group of a unit.
CREATE TABLE officer_chats (
	chat_id    BIGINT PRIMARY KEY REFERENCES chats (id),
	unit_id    BIGINT NOT NULL REFERENCES units (id),
	created_at BIGINT NOT NULL
);
CREATE INDEX officer_chats_unit_id ON officer_chats (unit_id);
