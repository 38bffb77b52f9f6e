-- Facts about the installation itself, such as when it first started.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
-- A database in use before this migration has had its first start.
INSERT INTO settings (key, value)
	SELECT 'first_start', 'before settings'
	WHERE EXISTS (SELECT 1 FROM units) OR EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM chats);
