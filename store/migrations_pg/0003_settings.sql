-- Twin of migrations/0003: facts about the installation itself.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO settings (key, value)
	SELECT 'first_start', 'before settings'
	WHERE EXISTS (SELECT 1 FROM units) OR EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM chats);
