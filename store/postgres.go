package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// IsPostgres reports whether dsn names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(dsn string) bool {
	s := strings.ToLower(strings.TrimSpace(dsn))
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// postgresDialect is PostgreSQL through pgx's database/sql driver: many
// writers at once, each write transaction REPEATABLE READ (a snapshot; see
// writeIsolation); when two write the same row, the database fails one and
// Update runs it again.
type postgresDialect struct{}

// writeIsolation is the isolation of write transactions: REPEATABLE READ,
// which PostgreSQL implements as snapshot isolation with first-updater-wins.
// One transaction turns itself to READ COMMITTED: the inbox claim (see
// freshReads and ClaimInbox), whose conflicts are judged by the lease rows'
// newest versions, not by its snapshot.
//
// Every once-only guarantee of the bot rests on a write to one row that two
// processes would both write: a chat's lease (claim, renewal), a message's
// done_at (UPDATE … WHERE done_at = 0), an outbox row's claim and its
// outcome, an instance or scheduler lease, a case's stage, a notice's
// delivery key; and INSERT … ON CONFLICT where a row may be created twice.
// Under REPEATABLE READ a write to a row that a concurrent transaction wrote,
// or a conflict with a row it inserted, fails with a serialization failure
// and Update runs the transaction again on a fresh snapshot, so none of them
// is weakened. What REPEATABLE READ allows and SERIALIZABLE forbids is write
// skew: two transactions that read the same rows and write different ones.
// Here that is: two reports of one problem in two groups of a unit handled
// at the same moment by two processes may open two cases instead of joining
// one (officers merge them with #合并), a quota may be exceeded by one, a +1
// given while the case closes may miss the closing notice.
//
// SERIALIZABLE forbade those at a price measured under load
// (docs/PERFORMANCE.md, "Isolation"): its predicate locks grow coarse in
// transactions that handle many messages, so most of its failures were
// false conflicts, each running a whole batch of messages again; with two
// processes at 300 messages/s the answer's p99 was 12 s against 0.12 s.
var writeIsolation = sql.LevelRepeatableRead

var _ dialect = postgresDialect{}

func (postgresDialect) name() string               { return "postgres" }
func (postgresDialect) rebind(query string) string { return rebindDollar(query) }
func (postgresDialect) indexedBy(string) string    { return "" }
func (postgresDialect) migrationsDir() string      { return "migrations_pg" }
func (postgresDialect) abortsOnError() bool        { return true }

// optimize: autovacuum analyses the tables whose statistics went stale.
func (postgresDialect) optimize() string { return "" }

// queueScans turns bitmap scans off for the rest of the transaction (the
// inbox claim runs alone in its own). A handled inbox row is updated out of
// the partial index of pending rows, and its old index entry stays until
// VACUUM, which autovacuum runs at most once a minute: 36,000 entries at
// 600 messages/s. A plain index scan marks each entry it finds dead (so
// the next scan skips it without reading the table); a bitmap scan never
// does, and reads the table row of every dead entry at every claim. The
// planner picks the bitmap scan whenever it thinks few rows are pending,
// which is the usual case, and its cost grew with the messages handled
// since the last VACUUM: 8,000 buffers a claim against 230 seen after a
// 30-second load (docs/PERFORMANCE.md, "The inbox claim on PostgreSQL").
func (postgresDialect) queueScans() string { return `SET LOCAL enable_bitmapscan = off` }

// freshReads turns the transaction to READ COMMITTED, where each statement
// reads from a snapshot of its own, taken when it starts, and an INSERT …
// ON CONFLICT DO UPDATE that meets a row a concurrent transaction wrote
// waits for it and decides on the row's newest version (its WHERE checked
// again) instead of failing. The inbox claim runs so (see ClaimInbox); at
// REPEATABLE READ a claim that waited on one chat's lease failed whenever
// another owner had taken or renewed a lease of the same claim meanwhile,
// and read, as pending, messages handled while it waited.
func (postgresDialect) freshReads() string { return `SET TRANSACTION ISOLATION LEVEL READ COMMITTED` }

// byteOrder: the "C" collation is byte order; a database's default (the
// inbox's chat columns have it) may be a language's.
func (postgresDialect) byteOrder(expr string) string { return expr + ` COLLATE "C"` }

// keyLock is a transaction-level advisory lock on a hash of the key: held
// until the transaction ends, reentrant, and no row is touched (so it adds
// no serialization failure; a deadlock between two is detected and the
// transaction run again).
func (postgresDialect) keyLock() string {
	return `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`
}

// SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const (
	pgUniqueViolation      = "23505"
	pgForeignKeyViolation  = "23503"
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
)

func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func (postgresDialect) isUnique(err error) bool { return pgCode(err) == pgUniqueViolation }

// foreignKey names the referencing column from the constraint's name,
// which the migrations leave to PostgreSQL's default, <table>_<column>_fkey.
func (postgresDialect) foreignKey(err error) (string, bool) {
	var e *pgconn.PgError
	if !errors.As(err, &e) || e.Code != pgForeignKeyViolation {
		return "", false
	}
	column := strings.TrimSuffix(strings.TrimPrefix(e.ConstraintName, e.TableName+"_"), "_fkey")
	if column == e.ConstraintName {
		return "", true
	}
	return column, true
}

func (postgresDialect) retryable(err error) bool {
	code := pgCode(err)
	return code == pgSerializationFailure || code == pgDeadlockDetected
}

// transient: the connection lost or refused, and the SQLSTATE classes of
// failures of the server rather than of the statement: 08 connection
// exception, 40 transaction rollback (once the tries ran out), 53
// insufficient resources (disk full, out of memory, too many connections),
// 57P operator intervention (shutdown, starting up), 58 system error (I/O).
func (postgresDialect) transient(err error) bool {
	if code := pgCode(err); code != "" {
		switch {
		case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "40"), strings.HasPrefix(code, "53"),
			strings.HasPrefix(code, "57P"), strings.HasPrefix(code, "58"):
			return true
		}
		return false
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.As(err, &ne) || errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || pgconn.Timeout(err) || pgconn.SafeToRetry(err)
}

// tableExists looks the table up on the search path.
func (postgresDialect) tableExists(ctx context.Context, db *sql.DB, table string) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&ok)
	return ok, err
}

func (postgresDialect) schemaMigrations() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`
}

// migrationLock is the advisory lock key that processes migrating the same
// PostgreSQL database take in turn ("nbmigr" in ASCII).
const migrationLock = 0x6e626d696772

func (postgresDialect) lockMigrations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock))
	return err
}

// rebindDollar turns each ? into $1, $2 … The queries of this package have
// no ? inside string literals.
func rebindDollar(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// postgresConns is how many connections a process keeps to PostgreSQL at
// most: the server allows 100 by default, shared by every process.
const postgresConns = 10

// openPostgres opens the PostgreSQL database at the URL dsn; its tables are
// those on the connection's search path (set one with ?search_path=name).
func openPostgres(ctx context.Context, dsn string, o options) (*DB, error) {
	cfg, err := parseURL(dsn)
	if err != nil {
		return nil, err
	}
	db := newDB(postgresDialect{}, o)
	db.writer = sql.OpenDB(stdlib.GetConnector(*cfg))
	db.writer.SetMaxOpenConns(postgresConns)
	db.writer.SetMaxIdleConns(postgresConns)
	db.writer.SetConnMaxIdleTime(5 * time.Minute)
	db.reader = db.writer
	db.wopts = &sql.TxOptions{Isolation: writeIsolation}
	db.ropts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	where := redactDSN(dsn)
	if err := db.writer.PingContext(ctx); err != nil {
		db.Close()
		return nil, db.classify(fmt.Errorf("store: connect to %s: %w", where, err))
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		db.Close()
		return nil, db.classify(fmt.Errorf("store: %s: %w", where, err))
	}
	db.Created = v == 0
	if db.Created {
		if err := db.checkSchema(ctx, where); err != nil {
			db.Close()
			return nil, err
		}
	}
	if db.Created && o.mustExist {
		db.Close()
		return nil, fmt.Errorf("store: the PostgreSQL database %s has no NeighborBot tables (check the URL and its "+
			"search_path, or run `neighborbot migrate` to create them)", where)
	}
	if err := db.start(ctx, o); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", where, err)
	}
	return db, nil
}

// parseURL parses dsn for pgx; its error never shows the password.
func parseURL(dsn string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: database URL %s: %w", redactDSN(dsn), redactErr(err))
	}
	return cfg, nil
}

// redactDSN returns dsn without its password, for messages and logs.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(a PostgreSQL URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

// redactErr drops pgx's parse errors' text, which may quote the URL.
func redactErr(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		return errors.New("cannot be parsed")
	}
	return err
}

// checkSchema refuses a search_path that names no existing schema, where
// the tables could not be created.
func (db *DB) checkSchema(ctx context.Context, where string) error {
	var schema sql.NullString
	if err := db.writer.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return db.classify(fmt.Errorf("store: %s: %w", where, err))
	}
	if !schema.Valid {
		return fmt.Errorf("store: %s: no schema of its search_path exists: create it (CREATE SCHEMA …) or fix the URL", where)
	}
	return nil
}

// checkPostgres checks that the database answers and that its schema is
// the one this binary migrates to; PostgreSQL checks its own pages (see
// docs/OPERATIONS.md: data checksums, amcheck).
func (db *DB) checkPostgres(ctx context.Context) error {
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return db.classify(err)
	}
	if latest := LatestVersion(); v != latest {
		return fmt.Errorf("store: the schema is at version %d, this binary's is %d: run `neighborbot migrate`", v, latest)
	}
	return nil
}
