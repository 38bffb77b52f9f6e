package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// API keys live outside the domain's Tx: only the CLI and the Open311 API
// use them, each through its own transaction.

// asTx is the store's own transaction behind an nb.Tx.
func asTx(t nb.Tx) *tx { return t.(*tx) }

// CreateAPIKey stores k (its Hash and Prefix set by the caller), setting its
// ID and CreatedAt. ECONFLICT if the name is taken; ENOTFOUND for an unknown unit.
func (db *DB) CreateAPIKey(ctx context.Context, k *nb.APIKey) error {
	if strings.TrimSpace(k.Name) == "" {
		return nb.Errorf(nb.EINVALID, "API key name required")
	} else if k.Hash == "" {
		return nb.Errorf(nb.EINVALID, "API key hash required")
	}
	return db.Update(ctx, func(t nb.Tx) error {
		tx := asTx(t)
		if ok, err := tx.exists("units", k.UnitID); err != nil {
			return err
		} else if !ok {
			return notFound("unit not found")
		}
		k.CreatedAt = tx.Now()
		err := tx.queryRow(`INSERT INTO api_keys (name, unit_id, key_hash, key_prefix, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, k.Name, k.UnitID, k.Hash, k.Prefix, toMillis(k.CreatedAt)).Scan(&k.ID)
		if tx.isUnique(err) {
			return nb.Errorf(nb.ECONFLICT, "an API key named %q exists", k.Name)
		} else if err != nil {
			return fmt.Errorf("insert API key: %w", err)
		}
		return nil
	})
}

const apiKeyColumns = `id, name, unit_id, key_hash, key_prefix, created_at, revoked_at`

func scanAPIKey(row scanner) (*nb.APIKey, error) {
	var k nb.APIKey
	err := row.Scan(&k.ID, &k.Name, &k.UnitID, &k.Hash, &k.Prefix, scanTime(&k.CreatedAt), scanTime(&k.RevokedAt))
	return &k, err
}

// FindAPIKey returns the key with the given hash, revoked or not;
// ENOTFOUND if there is none.
func (db *DB) FindAPIKey(ctx context.Context, hash string) (*nb.APIKey, error) {
	var k *nb.APIKey
	err := db.View(ctx, func(t nb.Tx) (err error) {
		k, err = scanAPIKey(asTx(t).queryRow(`SELECT `+apiKeyColumns+` FROM api_keys WHERE key_hash = ?`, hash))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("API key not found")
		} else if err != nil {
			return fmt.Errorf("find API key: %w", err)
		}
		return nil
	})
	return k, err
}

// ListAPIKeys returns every key, oldest first.
func (db *DB) ListAPIKeys(ctx context.Context) ([]*nb.APIKey, error) {
	var list []*nb.APIKey
	err := db.View(ctx, func(t nb.Tx) (err error) {
		list, err = queryList(asTx(t), scanAPIKey, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`)
		if err != nil {
			return fmt.Errorf("list API keys: %w", err)
		}
		return nil
	})
	return list, err
}

// RevokeAPIKey makes the named key unusable. ENOTFOUND for an unknown name,
// EINVALID for a key already revoked.
func (db *DB) RevokeAPIKey(ctx context.Context, name string) error {
	return db.Update(ctx, func(t nb.Tx) error {
		tx := asTx(t)
		k, err := scanAPIKey(tx.queryRow(`SELECT `+apiKeyColumns+` FROM api_keys WHERE name = ?`, name))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no API key named %q", name)
		} else if err != nil {
			return fmt.Errorf("find API key: %w", err)
		} else if !k.Active() {
			return nb.Errorf(nb.EINVALID, "the API key %q is already revoked", name)
		}
		_, err = tx.exec(`UPDATE api_keys SET revoked_at = ? WHERE id = ?`, toMillis(tx.Now()), k.ID)
		return err
	})
}
