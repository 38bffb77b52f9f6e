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

	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteDialect is SQLite (modernc.org/sqlite): one file, one writer.
type sqliteDialect struct{}

var _ dialect = sqliteDialect{}

func (sqliteDialect) name() string               { return "sqlite" }
func (sqliteDialect) rebind(query string) string { return query }
func (sqliteDialect) migrationsDir() string      { return "migrations" }
func (sqliteDialect) optimize() string           { return `PRAGMA optimize` }
func (sqliteDialect) queueScans() string         { return "" }
func (sqliteDialect) freshReads() string         { return "" }

// byteOrder: SQLite's default collation, BINARY, is byte order.
func (sqliteDialect) byteOrder(expr string) string { return expr }
func (sqliteDialect) keyLock() string              { return "" }
func (sqliteDialect) abortsOnError() bool          { return false }

// indexedBy makes SQLite refuse a query rather than silently plan a scan
// (the tests pin the plans too).
func (sqliteDialect) indexedBy(index string) string { return "INDEXED BY " + index }

func (sqliteDialect) isUnique(err error) bool {
	code := sqliteCode(err)
	return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// foreignKey: SQLite does not say which reference failed.
func (sqliteDialect) foreignKey(err error) (string, bool) {
	return "", sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// retryable: never; writes are serialised by BEGIN IMMEDIATE on one
// connection, and SQLITE_BUSY is transient.
func (sqliteDialect) retryable(error) bool { return false }

func (sqliteDialect) transient(err error) bool {
	switch sqliteCode(err) & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED,
		sqlite3.SQLITE_INTERRUPT, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL,
		sqlite3.SQLITE_READONLY: // the file made read-only under the bot: fixed by a chmod, not the work's fault
		return true
	}
	return false
}

func (sqliteDialect) tableExists(ctx context.Context, db *sql.DB, table string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n)
	return n > 0, err
}

func (sqliteDialect) schemaMigrations() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`
}

// lockMigrations: the write transaction itself (BEGIN IMMEDIATE) holds the
// file's write lock.
func (sqliteDialect) lockMigrations(context.Context, *sql.Tx) error { return nil }

func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// openSQLite opens the SQLite file at path: writes through one connection
// in BEGIN IMMEDIATE transactions, so that a read-then-write transaction
// never fails with SQLITE_BUSY; reads through a pool of read-only
// connections, which WAL mode lets run alongside the writer.
func openSQLite(ctx context.Context, path string, o options) (*DB, error) {
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
	db := newDB(sqliteDialect{}, o)
	db.Created = errors.Is(statErr, os.ErrNotExist)
	if db.Created {
		if err := createPrivate(path); errors.Is(err, os.ErrPermission) {
			return nil, fmt.Errorf("store: the database %s cannot be created (%v): the user running the bot needs "+
				"write permission on the folder %s", absPath(path), err, filepath.Dir(absPath(path)))
		} else if err != nil && !errors.Is(err, os.ErrExist) {
			return nil, err
		}
	}
	db.writer = openPool(o.driver, path, writerDSN, 1)
	db.reader = openPool(o.driver, path, "_pragma=query_only(1)", max(4, runtime.NumCPU()))
	db.ropts = &sql.TxOptions{ReadOnly: true}
	db.wstmts, db.rstmts = newStmtCache(db.writer), newStmtCache(db.reader)
	// The writer connects first: it creates the file and turns on WAL.
	if err := db.writer.PingContext(ctx); err != nil {
		db.Close()
		return nil, explainWrite(path, fmt.Errorf("store: open %s: %w", path, err))
	}
	if err := db.reader.PingContext(ctx); err != nil {
		db.Close()
		return nil, explainWrite(path, fmt.Errorf("store: open %s: %w", path, err))
	}
	var err error
	if db.guard, err = newGuard(path); err != nil {
		db.Close()
		return nil, err
	}
	if !o.skipCheck && !db.Created {
		if err := db.QuickCheck(ctx, false); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.start(ctx, o); err != nil {
		db.Close()
		return nil, explainWrite(path, err)
	}
	db.ckpt = startCheckpointer(o.driver, path)
	return db, nil
}

// writerDSN is what the writer's connection adds to basePragmas: BEGIN
// IMMEDIATE, statement journals in memory, and the checkpoints it leaves
// to the checkpointer (checkpoint.go).
//
// temp_store(2): a statement that may fail halfway inside a transaction of
// several (an INSERT with unique keys and foreign keys: most of them) first
// copies each page it changes to a statement journal, so that it can be
// undone alone. By default SQLite moves that journal from memory to a
// temporary file (in /var/tmp) once it grows past a size: handling reports
// 64 to a transaction wrote 6–15 pages a report there, each a pwrite system
// call (strace: 39,110 → 10,045 pwrites for 2,000 reports with this
// pragma). In memory it holds no more than the pages one statement changes
// (the prunes' 20,000 rows at most); the transaction's writes still go to
// the WAL as before, so durability does not change. Its page cache stays SQLite's default (2 MB): with 32 MB,
// file reads fell by 1-2 % of the CPU under nbload but every commit's
// truncation of the cache (pcache1TruncateUnsafe, a walk of its hash table)
// cost 7 %, and the RSS grew by 55 MB.
var writerDSN = fmt.Sprintf("_txlock=immediate&_pragma=temp_store(2)&_pragma=wal_autocheckpoint(%d)&_pragma=journal_size_limit(%d)",
	writerAutoCheckpoint, walSizeLimit)

// explainWrite turns a failed open or first write into a sentence saying
// what to do (explainOpen).
func explainWrite(path string, err error) error {
	return explainOpen(path, err)
}

func checkPath(path string) error {
	if path == "" {
		return errors.New("store: database path required")
	} else if strings.ContainsAny(path, "?#") {
		return fmt.Errorf("store: database path %q must not contain ? or #", path)
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: the folder %s for the database %s does not exist: create it, or fix the path: %w",
			absPath(dir), absPath(path), err)
	} else if err != nil {
		return fmt.Errorf("store: the folder of the database %s: %w", absPath(path), err)
	} else if !fi.IsDir() {
		return fmt.Errorf("store: %s, the folder for the database %s, is not a folder", absPath(dir), absPath(path))
	}
	return nil
}

// basePragmas are set on every connection: WAL, foreign keys, a busy timeout
// and synchronous=NORMAL (durable across application crashes in WAL mode).
var basePragmas = []string{"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"}

// dsn returns the modernc.org/sqlite data source name for path: a URI
// with mode=rw, so that a connection opened after the file was removed
// fails instead of creating an empty database in its place (openSQLite
// creates the file before any connection). The guard then reports the
// file removed, not replaced, and nothing is written to a new empty file.
func dsn(path string, extra ...string) string {
	q := make(url.Values)
	for _, p := range basePragmas {
		q.Add("_pragma", p)
	}
	s := "file:" + uriPath(path) + "?mode=rw&" + q.Encode()
	for _, e := range extra {
		s += "&" + e
	}
	return s
}

// uriPath escapes path for the path part of an SQLite URI: % starts an
// escape there (checkPath refuses ? and #, which would end it), and a path
// starting with // would name an authority.
func uriPath(path string) string {
	path = strings.ReplaceAll(path, "%", "%25")
	if strings.HasPrefix(path, "//") {
		path = "/" + strings.TrimLeft(path, "/")
	}
	return path
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

// errSQLiteOnly is returned by the SQLite test hooks on another database.
var errSQLiteOnly = errors.New("store: only for SQLite")

// SetMaxPages caps the SQLite file at n pages (0 lifts the cap): writes
// beyond it fail as on a full disk. Operators may use it as a quota; the
// tests use it to fill the "disk" for real.
func (db *DB) SetMaxPages(ctx context.Context, n int) error {
	if db.guard == nil {
		return errSQLiteOnly
	}
	if n <= 0 {
		n = 1 << 30
	}
	var got int
	if err := db.writer.QueryRowContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, n)).Scan(&got); err != nil {
		return fmt.Errorf("store: max pages: %w", err)
	}
	return nil
}

// PageCount returns how many pages the SQLite file has.
func (db *DB) PageCount(ctx context.Context) (int, error) {
	if db.guard == nil {
		return 0, errSQLiteOnly
	}
	var n int
	err := db.writer.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n)
	return n, err
}
