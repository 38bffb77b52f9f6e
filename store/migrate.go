package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Every SQLite migration in migrations/ has a PostgreSQL twin of the same
// number and name in migrations_pg/ (see migrations_pg/README.md); the
// tests check that the two sets match.
//
//go:embed migrations/*.sql migrations_pg/*.sql
var migrationFS embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations of SQLite in order.
func migrations() ([]migration, error) { return migrationsIn(sqliteDialect{}.migrationsDir()) }

// migrationsIn returns the embedded migrations in dir in order. Their
// numbers must run 1, 2, 3 … without gaps; the tests check it.
func migrationsIn(dir string) ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var list []migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		prefix, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", e.Name())
		}
		b, err := migrationFS.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		list = append(list, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i, m := range list {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return list, nil
}

// LatestVersion returns the schema version this binary migrates to.
func LatestVersion() int {
	list, err := migrations()
	if err != nil || len(list) == 0 {
		return 0
	}
	return list[len(list)-1].version
}

// Migrate applies pending migrations, each in its own transaction. It
// refuses a database whose schema is newer than this binary knows.
func (db *DB) Migrate(ctx context.Context) error {
	list, err := migrationsIn(db.d.migrationsDir())
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := db.createSchemaMigrations(ctx); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	} else if latest := len(list); current > latest {
		return fmt.Errorf("store: database schema version %d is newer than this binary supports (%d); upgrade neighborbot",
			current, latest)
	}
	for _, m := range list[current:] {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}

// migrationTx runs fn in a transaction that other processes migrating the
// same database wait for, and commits.
func (db *DB) migrationTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.d.lockMigrations(ctx, tx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// createSchemaMigrations creates the table of applied migrations, once.
func (db *DB) createSchemaMigrations(ctx context.Context) error {
	return db.migrationTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.d.schemaMigrations())
		return err
	})
}

// apply runs one migration and records it, unless another process already
// did (the version is read again inside the transaction).
func (db *DB) apply(ctx context.Context, m migration) error {
	return db.migrationTx(ctx, func(tx *sql.Tx) error { return db.applyIn(ctx, tx, m) })
}

func (db *DB) applyIn(ctx context.Context, tx *sql.Tx, m migration) error {
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	} else if current >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
		m.version, toMillis(db.now()))
	return err
}

// SchemaVersion returns the version of the database's schema (0 if none).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if ok, err := db.d.tableExists(ctx, db.reader, "schema_migrations"); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	} else if !ok {
		return 0, nil
	}
	err := db.reader.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}
