-- The private chat a person opened with the bot, to reach them directly
-- (a whistle, a new assignment).
ALTER TABLE identities ADD COLUMN private_chat TEXT NOT NULL DEFAULT '';
