// Package store keeps NeighborBot's data in SQL: SQLite (modernc.org/sqlite,
// pure Go) by default. Raw SQL lives in one file per entity; the schema is in
// numbered, embedded migrations.
//
// A *DB implements neighborbot.Store. Writes go through one connection in
// BEGIN IMMEDIATE transactions, so a read-then-write transaction never fails
// with SQLITE_BUSY; reads go through a pool of read-only connections, which
// WAL mode lets run alongside the writer.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	_ nb.Store = (*DB)(nil)
	_ nb.Tx    = (*tx)(nil)
)

// DB is an open store.
type DB struct {
	writer *sql.DB    // one connection, BEGIN IMMEDIATE
	reader *sql.DB    // several read-only connections
	wstmts *stmtCache // prepared statements of writer
	rstmts *stmtCache // prepared statements of reader
	clock  func() time.Time
	dollar bool // placeholders are $1, $2 … (PostgreSQL) rather than ?
	guard  *guard
	units  unitCache
	// Created tells whether Open created the file (a new, empty database).
	Created bool
}

// Option configures Open.
type Option func(*options)

type options struct {
	clock     func() time.Time
	migrate   bool
	mustExist bool
	skipCheck bool
	fullCheck bool
	driver    string // database/sql driver name; "" is modernc.org/sqlite's
}

// MustExist refuses to open a database file that does not exist, instead
// of creating it (for the admin verbs, where a mistyped path is an error).
func MustExist() Option { return func(o *options) { o.mustExist = true } }

// MayCreate undoes MustExist: a missing file is created.
func MayCreate() Option { return func(o *options) { o.mustExist = false } }

// WithoutCheck skips the integrity check at open (for very large files).
func WithoutCheck() Option { return func(o *options) { o.skipCheck = true } }

// WithDriverName opens the file through the database/sql driver registered
// as name instead of modernc.org/sqlite's. It is for tests and fault
// injection (see internal/faultsql): the driver must be SQLite underneath.
func WithDriverName(name string) Option { return func(o *options) { o.driver = name } }

// WithClock makes the store take every time it sets from clock.
func WithClock(clock func() time.Time) Option {
	return func(o *options) { o.clock = clock }
}

// WithoutMigrate opens the database without applying pending migrations.
func WithoutMigrate() Option {
	return func(o *options) { o.migrate = false }
}

// Open opens the SQLite database at path, creating the file (but not its
// directory) if needed, and applies pending migrations.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	o := options{clock: time.Now, migrate: true}
	for _, opt := range opts {
		opt(&o)
	}
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if o.driver != "" && !slices.Contains(sql.Drivers(), o.driver) {
		return nil, fmt.Errorf("store: no database driver %q", o.driver)
	}
	_, statErr := os.Stat(path)
	if errors.Is(statErr, os.ErrNotExist) && o.mustExist {
		return nil, fmt.Errorf("store: no database at %s (check the path, or start the bot once to create it)", absPath(path))
	}
	db := &DB{clock: o.clock, Created: errors.Is(statErr, os.ErrNotExist)}
	if db.Created {
		if err := createPrivate(path); errors.Is(err, os.ErrPermission) {
			return nil, fmt.Errorf("store: the database %s cannot be created (%v): the user running the bot needs "+
				"write permission on the folder %s", absPath(path), err, filepath.Dir(absPath(path)))
		} else if err != nil && !errors.Is(err, os.ErrExist) {
			return nil, err
		}
	}
	db.writer = openPool(o.driver, path, "_txlock=immediate", 1)
	db.reader = openPool(o.driver, path, "_pragma=query_only(1)", max(4, runtime.NumCPU()))
	db.wstmts, db.rstmts = newStmtCache(db.writer), newStmtCache(db.reader)
	// The writer connects first: it creates the file and turns on WAL.
	if err := db.writer.PingContext(ctx); err != nil {
		db.Close()
		return nil, explainWrite(path, fmt.Errorf("store: open %s: %w", path, err))
	}
	if err := db.reader.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	var err error
	if db.guard, err = newGuard(path); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.startChecks(ctx, o); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// startChecks refuses a damaged or unwritable file and applies the
// migrations.
func (db *DB) startChecks(ctx context.Context, o options) error {
	if !o.skipCheck && !db.Created {
		if err := db.QuickCheck(ctx, false); err != nil {
			return err
		}
	}
	if o.migrate {
		if err := db.Migrate(ctx); err != nil {
			return explainWrite(db.guard.path, err)
		}
		return explainWrite(db.guard.path, db.Update(ctx, func(t nb.Tx) error { return t.PutSetting("last_open", t.Now().Format(time.RFC3339)) }))
	}
	return nil
}

// explainWrite turns a failed first write into a sentence saying what to
// change.
func explainWrite(path string, err error) error {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("store: the database %s cannot be written (%v): the user running the bot needs write "+
			"permission on the file, its -wal and -shm files, and the folder %s", absPath(path), err, filepath.Dir(absPath(path)))
	}
	return explainDamage(path, err) // explain.go
}

func checkPath(path string) error {
	if path == "" {
		return errors.New("store: database path required")
	} else if strings.ContainsAny(path, "?#") {
		return fmt.Errorf("store: database path %q must not contain ? or #", path)
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return fmt.Errorf("store: database directory %s: %w", dir, err)
	} else if !fi.IsDir() {
		return fmt.Errorf("store: database directory %s is not a directory", dir)
	}
	return nil
}

// basePragmas are set on every connection: WAL, foreign keys, a busy timeout
// and synchronous=NORMAL (durable across application crashes in WAL mode).
var basePragmas = []string{"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"}

// dsn returns the modernc.org/sqlite data source name for path.
func dsn(path string, extra ...string) string {
	q := make(url.Values)
	for _, p := range basePragmas {
		q.Add("_pragma", p)
	}
	s := path + "?" + q.Encode()
	for _, e := range extra {
		s += "&" + e
	}
	return s
}

func openPool(driver, path, extra string, conns int) *sql.DB {
	if driver == "" {
		driver = "sqlite"
	}
	db, _ := sql.Open(driver, dsn(path, extra)) // only fails for an unknown driver
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	return db
}

// Close closes the prepared statements and both connection pools.
func (db *DB) Close() error {
	return errors.Join(db.rstmts.close(), db.wstmts.close(), db.reader.Close(), db.writer.Close())
}

// now is the store's clock, in UTC and at the millisecond precision the
// database keeps, so that a stored time reads back equal.
func (db *DB) now() time.Time {
	return db.clock().UTC().Truncate(time.Millisecond)
}

// Update runs fn in a read-write transaction. fn's error, or a panic, rolls
// it back. Do not nest Update or View calls inside fn: use the Tx.
func (db *DB) Update(ctx context.Context, fn func(nb.Tx) error) error {
	if err := db.guard.known(); err != nil { // no file check here: one per write, after it, is enough
		return err
	}
	if err := db.run(ctx, db.writer, db.wstmts, nil, fn); err != nil {
		return err
	}
	// Written into a file that is no longer the database? Then it is lost.
	return db.guard.check()
}

// View runs fn in a read-only transaction.
func (db *DB) View(ctx context.Context, fn func(nb.Tx) error) error {
	return db.run(ctx, db.reader, db.rstmts, &sql.TxOptions{ReadOnly: true}, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, cache *stmtCache, opts *sql.TxOptions, fn func(nb.Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return classify(fmt.Errorf("store: begin: %w", err))
	}
	t := &tx{ctx: ctx, tx: sqlTx, db: db, cache: cache}
	err = t.run(fn)
	if err == nil && t.unitsRead != nil {
		db.units.keep(t.unitsRead)
	}
	// The transaction has given its connection back: only now may the
	// queries it ran unprepared be prepared on the pool (see stmtCache).
	if len(t.unprepared) > 0 {
		cache.prepare(ctx, t.unprepared)
	}
	return classify(db.guard.observe(err))
}

// run runs fn and commits, or rolls back.
func (tx *tx) run(fn func(nb.Tx) error) error {
	defer tx.tx.Rollback() // after Commit, a no-op; on a panic, rolls back first
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// tx implements nb.Tx over one SQL transaction.
type tx struct {
	ctx        context.Context
	tx         *sql.Tx
	db         *DB
	cache      *stmtCache // prepared statements of tx's pool
	unprepared []string   // queries run without a prepared statement, to prepare after
	reading    int        // queryList calls iterating rows: no prepared statements meanwhile
	unitsRead  *unitCache // the unit tree read, to cache after the commit
}

// Now returns the store's clock.
func (tx *tx) Now() time.Time { return tx.db.now() }

// SetMaxPages caps the database file at n pages (0 lifts the cap): writes
// beyond it fail as on a full disk. Operators may use it as a quota; the
// tests use it to fill the "disk" for real.
func (db *DB) SetMaxPages(ctx context.Context, n int) error {
	if n <= 0 {
		n = 1 << 30
	}
	var got int
	if err := db.writer.QueryRowContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, n)).Scan(&got); err != nil {
		return fmt.Errorf("store: max pages: %w", err)
	}
	return nil
}

// PageCount returns how many pages the database file has.
func (db *DB) PageCount(ctx context.Context) (int, error) {
	var n int
	err := db.writer.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n)
	return n, err
}
