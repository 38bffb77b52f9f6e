-- Twin of migrations/0004: the private chat a person opened with the bot.
ALTER TABLE identities ADD COLUMN private_chat TEXT NOT NULL DEFAULT '';
