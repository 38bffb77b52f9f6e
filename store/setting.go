package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns the value stored under key (ENOTFOUND if none).
func (tx *tx) Setting(key string) (string, error) {
	var v string
	err := tx.queryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("setting %q not found", key)
	} else if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// PutSetting stores value under key, replacing any earlier value.
func (tx *tx) PutSetting(key, value string) error {
	_, err := tx.exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("put setting %s: %w", key, err)
	}
	return nil
}

// Optimize runs SQLite's PRAGMA optimize, which analyses the tables whose
// statistics are missing or stale, so the planner keeps choosing the
// indexes the queries were written for. PostgreSQL's autovacuum does the
// same on its own: there, Optimize does nothing.
func (tx *tx) Optimize() error {
	q := tx.db.d.optimize()
	if q == "" {
		return nil
	}
	if _, err := tx.tx.ExecContext(tx.ctx, q); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}
