package store

import (
	"fmt"

	sqlite3 "modernc.org/sqlite/lib"
)

// explainDamage turns an error saying the file is not a sound database
// (damaged pages, or not a database at all) into a BrokenError saying what
// to do; other errors are returned as they are.
func explainDamage(path string, err error) error {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return &BrokenError{Reason: fmt.Sprintf("the database file %s is damaged or not a NeighborBot database (%v); "+
			"run `neighborbot check`, and restore a backup (docs/OPERATIONS.md)", absPath(path), err)}
	}
	return err
}
