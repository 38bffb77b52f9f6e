// Package store keeps NeighborBot's data in SQL: SQLite (modernc.org/sqlite,
// pure Go) by default, or PostgreSQL (pgx) when the database is a
// postgres:// URL. Raw SQL lives in one file per entity and is shared by
// both where it is portable; what differs is in the dialect (dialect.go,
// sqlite.go, postgres.go). Each database has its own numbered, embedded
// migrations, twins of one another.
//
// A *DB implements neighborbot.Store.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

var (
	_ nb.Store = (*DB)(nil)
	_ nb.Tx    = (*tx)(nil)
)

// DB is an open store.
type DB struct {
	d       dialect
	q       queries
	writer  *sql.DB        // SQLite: one connection, BEGIN IMMEDIATE
	reader  *sql.DB        // SQLite: read-only connections; PostgreSQL: writer
	wopts   *sql.TxOptions // how write transactions begin
	ropts   *sql.TxOptions // how read transactions begin
	wstmts  *stmtCache     // SQLite: prepared statements of writer (pgx caches its own)
	rstmts  *stmtCache     // SQLite: prepared statements of reader
	clock   func() time.Time
	guard   *guard        // SQLite: the file's watch; nil on PostgreSQL
	ckpt    *checkpointer // SQLite: copies the log back off the writer's path; nil on PostgreSQL
	units   unitCache
	members memberCache // chat memberships known committed
	// Created tells whether Open created the database: a new SQLite file,
	// or a PostgreSQL database that had no NeighborBot tables.
	Created bool
}

// Option configures Open.
type Option func(*options)

type options struct {
	clock     func() time.Time
	migrate   bool
	mustExist bool
	skipCheck bool
	driver    string // database/sql driver name for SQLite; "" is modernc.org/sqlite's
}

// MustExist refuses to open a database file that does not exist, instead
// of creating it (for the admin verbs, where a mistyped path is an error).
// On PostgreSQL, it refuses a database without NeighborBot's tables.
func MustExist() Option { return func(o *options) { o.mustExist = true } }

// MayCreate undoes MustExist: a missing file is created.
func MayCreate() Option { return func(o *options) { o.mustExist = false } }

// WithoutCheck skips the integrity check of a SQLite file at open (for
// very large files).
func WithoutCheck() Option { return func(o *options) { o.skipCheck = true } }

// WithDriverName opens a SQLite file through the database/sql driver
// registered as name instead of modernc.org/sqlite's. It is for tests and
// fault injection (see internal/faultsql): the driver must be SQLite
// underneath.
func WithDriverName(name string) Option { return func(o *options) { o.driver = name } }

// WithClock makes the store take every time it sets from clock.
func WithClock(clock func() time.Time) Option {
	return func(o *options) { o.clock = clock }
}

// WithoutMigrate opens the database without applying pending migrations.
func WithoutMigrate() Option {
	return func(o *options) { o.migrate = false }
}

// Open opens the database: a PostgreSQL database when dsn is a
// postgres:// or postgresql:// URL, else the SQLite file at path dsn,
// created (but not its directory) if needed. It applies pending migrations.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	o := options{clock: time.Now, migrate: true}
	for _, opt := range opts {
		opt(&o)
	}
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn, o)
	}
	return openSQLite(ctx, dsn, o)
}

func newDB(d dialect, o options) *DB {
	return &DB{d: d, q: newQueries(d), clock: o.clock}
}

// start applies the migrations and records the start.
func (db *DB) start(ctx context.Context, o options) error {
	if !o.migrate {
		return nil
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	return db.Update(ctx, func(t nb.Tx) error { return t.PutSetting("last_open", t.Now().Format(time.RFC3339)) })
}

// Driver returns "sqlite" or "postgres".
func (db *DB) Driver() string { return db.d.name() }

// Close closes the prepared statements and the connection pools.
func (db *DB) Close() error {
	errs := []error{db.ckpt.stop(), db.rstmts.close(), db.wstmts.close()}
	if db.reader != nil && db.reader != db.writer {
		errs = append(errs, db.reader.Close())
	}
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	return errors.Join(errs...)
}

// now is the store's clock, in UTC and at the millisecond precision the
// database keeps, so that a stored time reads back equal.
func (db *DB) now() time.Time {
	return db.clock().UTC().Truncate(time.Millisecond)
}

// Update runs fn in a read-write transaction. fn's error, or a panic, rolls
// it back. Do not nest Update or View calls inside fn: use the Tx.
//
// On PostgreSQL, fn runs again (up to a few times) when the database
// failed the transaction only because of a concurrent one (serialization
// failure, deadlock): fn must set its results anew each time it runs.
func (db *DB) Update(ctx context.Context, fn func(nb.Tx) error) error {
	if err := db.guard.known(); err != nil { // no file check here: one per write, after it, is enough
		return err
	}
	var err error
	start := time.Now()
	for try := 1; ; try++ {
		err = db.run(ctx, db.writer, db.wstmts, db.wopts, fn)
		if !errors.Is(err, errRetry) || (try >= maxTries && time.Since(start) >= retryFor) || !backOff(ctx, try) {
			break
		}
	}
	if err != nil {
		return err
	}
	db.ckpt.wrote()
	// Written into a file that is no longer the database? Then it is lost.
	return db.guard.check()
}

// errRetry marks a transaction that failed only because of a concurrent
// one.
var errRetry = errors.New("store: concurrent transactions conflicted")

// backOff waits a random time growing with try (up to 2 ms, then up to 128 ms), so
// that conflicting transactions do not meet again; false if ctx ended.
func backOff(ctx context.Context, try int) bool {
	d := time.Duration(rand.Int64N(int64(time.Millisecond) << min(try, 7)))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// View runs fn in a read-only transaction.
func (db *DB) View(ctx context.Context, fn func(nb.Tx) error) error {
	return db.run(ctx, db.reader, db.rstmts, db.ropts, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, cache *stmtCache, opts *sql.TxOptions, fn func(nb.Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return db.classify(fmt.Errorf("store: begin: %w", err))
	}
	t := &tx{ctx: ctx, tx: sqlTx, db: db, cache: cache}
	err = t.run(fn)
	if err == nil && t.unitsRead != nil {
		db.units.keep(t.unitsRead)
	}
	if err == nil && (len(t.members) > 0 || t.rowsDeleted) {
		db.members.keep(t.members, t.rowsDeleted)
	}
	// The transaction has given its connection back: only now may the
	// queries it ran unprepared be prepared on the pool (see stmtCache).
	if len(t.unprepared) > 0 {
		cache.prepare(ctx, t.unprepared)
	}
	if err != nil && (db.d.retryable(err) || t.failed != nil && db.d.retryable(t.failed)) {
		cause := err
		if t.failed != nil {
			cause = t.failed
		}
		// Marked transient too, for when the tries run out.
		return db.classify(fmt.Errorf("%w: %w", errRetry, cause))
	}
	return db.classify(db.guard.observe(err))
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
	ctx         context.Context
	tx          *sql.Tx
	db          *DB
	cache       *stmtCache           // prepared statements of tx's pool (nil: none)
	unprepared  []string             // queries run without a prepared statement, to prepare after
	stmts       map[string]*sql.Stmt // the transaction's statements of the prepared ones it ran
	reading     int                  // queryList calls iterating rows: no prepared statements meanwhile
	unitsRead   *unitCache           // the unit tree read, to cache after the commit
	tree        nb.UnitTree          // the unit tree as this transaction sees it (nil: not read since its last unit write)
	chatSeen    rowSeen              // the chat EnsureChat loaded last
	personSeen  rowSeen              // the person EnsurePerson loaded last
	noGrants    int64                // a person known to hold no role grant in this transaction (0: none known)
	members     []memberKey          // memberships recorded, to cache after the commit
	rowsDeleted bool                 // chats or persons deleted: cached memberships are forgotten after the commit
	failed      error                // the first error a statement returned (see note)
	// writes counts the statements run that may have written (any but a
	// SELECT): a row read earlier in the transaction is still as read while
	// the count has not moved (no trigger writes elsewhere; no savepoints).
	writes     int
	lastChat   chatRead   // the chat FindChat read last
	lastPerson personRead // the identity ensurePerson read last
}

// Now returns the store's clock.
func (tx *tx) Now() time.Time { return tx.db.now() }
