package store

import (
	"fmt"
	"os"
)

// privateMode is the mode of every file the store creates: the database,
// its -wal and -shm files (SQLite gives them the database's mode) and
// backups hold residents' personal data.
const privateMode = 0o600

// createPrivate creates an empty file at path, readable by its owner only;
// it fails if the file exists. SQLite takes an empty file as a new
// database.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, privateMode)
	if err != nil {
		return fmt.Errorf("store: create %s: %w", path, err)
	}
	return f.Close()
}
