package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	nb "github.com/neighborbot/neighborbot"
)

// Backup writes a consistent copy of the database to path with SQLite's
// VACUUM INTO, while the bot keeps running (writes wait for it). It refuses
// to overwrite an existing file.
// On PostgreSQL it refuses: pg_dump is the tool there.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.guard == nil {
		return nb.Errorf(nb.EINVALID, "the database is PostgreSQL: back it up with pg_dump "+
			"(for example: pg_dump --format=custom --file=neighborbot.dump \"$NEIGHBORBOT_DB\"), "+
			"restore with pg_restore; see docs/OPERATIONS.md")
	}
	// Created empty and private first: VACUUM INTO fills an empty file,
	// and the copy is never readable by others, not even for a moment.
	if err := createPrivate(path); errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: backup: %s exists: %w", path, fs.ErrExist)
	} else if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := db.writer.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return os.Chmod(path, privateMode)
}
