package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// dialect is what differs between the databases a DB may run on: how a
// statement is written for it, and what its errors mean. The SQL of the
// entities is shared where it is portable; the few statements that are not
// are built from the dialect's pieces (see queries).
type dialect interface {
	// name is "sqlite" or "postgres".
	name() string
	// rebind rewrites the ? placeholders of query for the database.
	rebind(query string) string
	// indexedBy is the hint that pins a table to one of its indexes
	// (SQLite's INDEXED BY), or "" where the planner is trusted.
	indexedBy(index string) string
	// isUnique reports whether err is a unique or primary key violation.
	isUnique(err error) bool
	// foreignKey reports whether err is a foreign key violation and, when
	// the database says so, the referencing column ("" if it does not).
	foreignKey(err error) (column string, ok bool)
	// retryable reports whether the transaction failed only because it ran
	// alongside another one (serialization failure, deadlock), so that
	// running it again may succeed.
	retryable(err error) bool
	// transient reports whether err is a failure of the database itself
	// that may pass (full disk, lost connection, busy, out of memory)
	// rather than something wrong with the work done.
	transient(err error) bool
	// tableExists reports whether the named table exists.
	tableExists(ctx context.Context, db *sql.DB, table string) (bool, error)
	// migrationsDir is the embedded folder of the database's migrations.
	migrationsDir() string
	// schemaMigrations creates the table that records applied migrations.
	schemaMigrations() string
	// lockMigrations makes the other processes that migrate the same
	// database wait for tx to end.
	lockMigrations(ctx context.Context, tx *sql.Tx) error
	// abortsOnError reports whether a failed statement ends its
	// transaction (PostgreSQL), rather than only itself (SQLite).
	abortsOnError() bool
	// optimize is the statement that refreshes the planner's statistics,
	// or "" where the database does it on its own.
	optimize() string
	// keyLock is the statement that makes the transactions that run it with
	// the same key (its one parameter) take turns until each ends, or ""
	// where writers take turns anyway (SQLite's single writer).
	keyLock() string
	// queueScans is the statement that makes the rest of a transaction read
	// a queue table (rows updated out of a partial index by the thousand)
	// by walking its index, or "" where the planner does so anyway.
	queueScans() string
	// freshReads is the statement that makes every later statement of a
	// transaction see what was committed before it began, rather than
	// what was committed before the transaction's first statement
	// (PostgreSQL: READ COMMITTED instead of REPEATABLE READ); "" where a
	// writer is alone anyway (SQLite's single writer). It must come first
	// in its transaction.
	freshReads() string
	// byteOrder is expr (a text column) compared byte by byte, as Go
	// compares strings, whatever the column's collation.
	byteOrder(expr string) string
}

// queries are the statements built from dialect pieces.
type queries struct {
	claimChats       string
	claimOutbox      string
	outboxInFlight   string
	candidatesByUnit string
	candidatesByChat string
}

func newQueries(d dialect) queries {
	return queries{
		claimChats:       claimChatsQuery(d.byteOrder),
		claimOutbox:      claimQuery(d.indexedBy),
		outboxInFlight:   inFlightQuery(d.indexedBy),
		candidatesByUnit: candidatesQuery("unit_id", d.indexedBy("cases_open_unit_candidates")),
		candidatesByChat: candidatesQuery("chat_id", d.indexedBy("cases_open_chat_candidates")),
	}
}

// maxTries and retryFor bound how long Update runs again a transaction
// that the database failed only because of concurrent ones (PostgreSQL's
// serialization failures and deadlocks) before it reports the store
// unavailable: at least maxTries times and at least retryFor, so that on a
// loaded machine, where every try takes longer and the backoffs pass
// quickly by comparison, a hot row does not turn into refused work.
const (
	maxTries = 25
	retryFor = 10 * time.Second
)

// isUnique reports whether err is a unique or primary key violation.
func (tx *tx) isUnique(err error) bool { return err != nil && tx.db.d.isUnique(err) }

// isForeignKey reports whether err is a foreign key violation.
func (tx *tx) isForeignKey(err error) bool {
	if err == nil {
		return false
	}
	_, ok := tx.db.d.foreignKey(err)
	return ok
}

// caseMissing tells, after err (a foreign key violation of a row that
// refers to case caseID and to other rows), whether the case is the row
// that does not exist. PostgreSQL names the broken reference, and a failed
// statement ends its transaction, so nothing more may be asked; SQLite
// does not, but its transaction goes on, so the case is looked up.
func (tx *tx) caseMissing(err error, caseID int64) (bool, error) {
	if column, _ := tx.db.d.foreignKey(err); column != "" {
		return column == "case_id", nil
	}
	ok, err := tx.exists("cases", caseID)
	return !ok, err
}

// note keeps the first error a statement of the transaction returned: on
// PostgreSQL it ends the transaction, and the error later statements report
// ("current transaction is aborted") would hide whether it may be retried.
func (tx *tx) note(err error) {
	if err != nil && tx.failed == nil && !errors.Is(err, sql.ErrNoRows) {
		tx.failed = err
	}
}

// ended returns an error if an earlier statement failed and, on this
// database, ended the transaction: on PostgreSQL, a store error other than
// a lookup's ENOTFOUND must end the caller's transaction too (return it).
// The earlier failure is wrapped only when it tells how to go on (try
// again, or wait for the database), lest a later statement's error pass for
// a constraint it did not break.
func (tx *tx) ended() error {
	if tx.failed == nil || !tx.db.d.abortsOnError() {
		return nil
	}
	if tx.db.d.retryable(tx.failed) || tx.db.d.transient(tx.failed) {
		return fmt.Errorf("store: the transaction ended at an earlier failure (%w)", tx.failed)
	}
	return fmt.Errorf("store: the transaction ended at an earlier failure (%v); "+
		"on PostgreSQL a failed statement ends its transaction: return the error", tx.failed)
}

// classify marks a transient failure of the database as nb.ErrUnavailable,
// so that callers keep the work and try again instead of giving it up.
func (db *DB) classify(err error) error {
	if err != nil && db.d.transient(err) && !errors.Is(err, nb.ErrUnavailable) {
		return fmt.Errorf("%w: %w", nb.ErrUnavailable, err)
	}
	return err
}
