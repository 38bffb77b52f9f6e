package store

import (
	"database/sql"
	"errors"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// FindAttempts returns the failed tries counted for key, a zero count if
// none.
func (tx *tx) FindAttempts(key string) (*nb.Attempts, error) {
	a := &nb.Attempts{Key: key}
	err := tx.queryRow(`SELECT failures, window_start, locked_until FROM attempts WHERE key = ?`, key).
		Scan(&a.Failures, scanTime(&a.WindowStart), scanTime(&a.LockedUntil))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find attempts: %w", err)
	}
	return a, nil
}

// PutAttempts stores a's count and lock.
func (tx *tx) PutAttempts(a *nb.Attempts) error {
	_, err := tx.exec(`INSERT INTO attempts (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
		locked_until = excluded.locked_until`, a.Key, a.Failures, toMillis(a.WindowStart), toMillis(a.LockedUntil))
	if err != nil {
		return fmt.Errorf("put attempts: %w", err)
	}
	return nil
}
