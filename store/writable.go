package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
)

// wOK and xOK are access(2)'s W_OK and X_OK.
const (
	wOK = 2
	xOK = 1
)

// Writable returns nil while the user running the bot may write the
// database file, its -wal and -shm files and its folder, and otherwise an
// error naming what to change. A running bot writes through the files it
// has open even after they are made read-only, but a new connection, a
// restart or the end of the WAL file would fail: this lets it warn first.
// On PostgreSQL there is no file of the bot's to watch: nil (a server that
// refuses writes shows as failed writes, in the engine's health).
func (db *DB) Writable() error {
	if db.guard == nil {
		return nil
	}
	path := db.guard.path
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := syscall.Access(p, wOK); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("the database file %s became read-only (%v): the bot cannot start again (or reopen it) "+
				"until the user running it may write it, its -wal and -shm files and the folder %s",
				absPath(p), err, filepath.Dir(absPath(path)))
		}
	}
	if err := syscall.Access(filepath.Dir(path), wOK|xOK); err != nil {
		return fmt.Errorf("the folder of the database %s became read-only (%v): the bot cannot start again "+
			"until the user running it may write the folder %s", absPath(path), err, filepath.Dir(absPath(path)))
	}
	return nil
}
