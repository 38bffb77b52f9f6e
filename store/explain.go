package store

import (
	"fmt"
	"os"
	"path/filepath"

	sqlite3 "modernc.org/sqlite/lib"
)

// openError is a database that could not be opened, said in words: what
// is wrong with which file and what to do. It wraps the driver's error
// (whose message carries only SQLite's numeric code).
type openError struct {
	msg string
	err error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.err }

// explainOpen turns a SQLite error met while opening the database at path
// into a sentence; errors it does not know stay as they are.
func explainOpen(path string, err error) error {
	if err == nil {
		return nil
	}
	abs := absPath(path)
	var msg string
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_NOTADB:
		msg = fmt.Sprintf("%s is not a SQLite database: check the database setting (NEIGHBORBOT_DB)", abs)
	case sqlite3.SQLITE_CORRUPT:
		msg = fmt.Sprintf("the database %s is damaged: restore it from a backup (docs/OPERATIONS.md, \"Restore from a backup\")", abs)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		msg = fmt.Sprintf("the database %s is locked by another program (another neighborbot, or a tool holding it open): "+
			"stop that program and try again", abs)
	case sqlite3.SQLITE_FULL:
		msg = fmt.Sprintf("the disk holding %s is full: free some space and try again", abs)
	case sqlite3.SQLITE_IOERR:
		msg = fmt.Sprintf("the disk failed to read or write %s (an I/O error): check the disk, and restore from a backup "+
			"if it is failing", abs)
	case sqlite3.SQLITE_NOMEM:
		msg = fmt.Sprintf("out of memory while opening %s", abs)
	case sqlite3.SQLITE_CANTOPEN:
		if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
			msg = fmt.Sprintf("%s is a folder, not a database file: set the database to a file, e.g. %s", abs,
				filepath.Join(abs, "neighborbot.db"))
			break
		}
		fallthrough
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		msg = fmt.Sprintf("the database %s cannot be written: the user running the bot needs write permission on the "+
			"file, its -wal and -shm files, and the folder %s", abs, filepath.Dir(abs))
	default:
		return err
	}
	return &openError{msg: "store: " + msg, err: err}
}
