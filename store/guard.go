package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	nb "github.com/neighborbot/neighborbot"
	sqlite3 "modernc.org/sqlite/lib"
)

// guard watches the database file for what would silently eat data: the
// file removed or replaced under the running process (writes would go to
// an unlinked file), or pages found corrupt. Once broken, every transaction
// fails with nb.ErrBroken until the process is restarted on a sound file.
type guard struct {
	path string
	dev  uint64
	ino  uint64

	mu     sync.Mutex
	broken error
}

// newGuard remembers which file path is.
func newGuard(path string) (*guard, error) {
	g := &guard{path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		g.dev, g.ino = uint64(st.Dev), st.Ino
	}
	return g, nil
}

// known returns why the store was found broken, without looking again.
// A nil guard (PostgreSQL: no file to watch) never finds anything.
func (g *guard) known() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.broken
}

// check returns the reason the store is broken, if it is: an earlier
// corruption, or the file no longer being the one opened.
func (g *guard) check() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken != nil {
		return g.broken
	}
	fi, err := os.Stat(g.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		g.broken = &BrokenError{Gone: true, Reason: fmt.Sprintf(
			"the database file %s was removed while the bot was running; restore it from a backup and restart", absPath(g.path))}
	case err == nil:
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && g.ino != 0 && (uint64(st.Dev) != g.dev || st.Ino != g.ino) {
			g.broken = &BrokenError{Gone: true, Reason: fmt.Sprintf(
				"the database file %s was replaced while the bot was running; restart the bot to use the new file", absPath(g.path))}
		}
	}
	return g.broken
}

// observe marks the store broken when err says the file is corrupt.
func (g *guard) observe(err error) error {
	if g == nil {
		return err
	}
	code := sqliteCode(err) & 0xff
	if code != sqlite3.SQLITE_CORRUPT && code != sqlite3.SQLITE_NOTADB {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken == nil {
		g.broken = &BrokenError{Reason: fmt.Sprintf(
			"the database file %s is damaged (%v); stop the bot, run `neighborbot check`, and restore a backup", absPath(g.path), err)}
	}
	return g.broken
}

// BrokenError says why the store refuses all work. It matches nb.ErrBroken.
type BrokenError struct {
	Reason string
	Gone   bool // the file was removed or replaced: the process must stop
}

// Error implements the error interface.
func (e *BrokenError) Error() string { return "store broken: " + e.Reason }

// Is makes errors.Is(err, nb.ErrBroken) true.
func (e *BrokenError) Is(target error) bool { return target == nb.ErrBroken }

// Broken returns why the store refuses all work, or nil while it is sound.
func (db *DB) Broken() error { return db.guard.check() }

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// QuickCheck runs SQLite's quick_check (or with full, integrity_check) and
// returns an error listing what it found wrong. On PostgreSQL, which checks
// its own pages, it checks that the database answers and that its schema
// is the one this binary migrates to.
func (db *DB) QuickCheck(ctx context.Context, full bool) error {
	if db.guard == nil {
		return db.checkPostgres(ctx)
	}
	pragma := "PRAGMA quick_check"
	if full {
		pragma = "PRAGMA integrity_check"
	}
	rows, err := db.writer.QueryContext(ctx, pragma)
	if err != nil {
		return db.guard.observe(fmt.Errorf("store: check %s: %w", db.guard.path, err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: check: %w", err)
		}
		if line != "ok" && len(problems) < 10 {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return db.guard.observe(fmt.Errorf("store: check %s: %w", db.guard.path, err))
	}
	if len(problems) > 0 {
		return &BrokenError{Reason: fmt.Sprintf("the database file %s is damaged: %s; restore a backup (docs/OPERATIONS.md)",
			absPath(db.guard.path), strings.Join(problems, "; "))}
	}
	return nil
}
