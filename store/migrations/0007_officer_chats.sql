-- 0006 (issue 9; to be renumbered 0010 at merge): the officers' work group
-- of a unit, where escalations and the weekly report are posted besides the
-- officers' private chats. A chat is the work group of one unit at most.
CREATE TABLE officer_chats (
	chat_id    INTEGER PRIMARY KEY REFERENCES chats (id),
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	created_at INTEGER NOT NULL
);
CREATE INDEX officer_chats_unit_id ON officer_chats (unit_id);
