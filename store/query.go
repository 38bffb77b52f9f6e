// Helpers shared by the SQL of every entity.

package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// exec, query and queryRow run query through its prepared statement, if the
// pool has one (see stmtCache).

func (tx *tx) exec(query string, args ...any) (sql.Result, error) {
	query = tx.db.rebind(query)
	if s := tx.stmt(query); s != nil {
		return s.ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, query, args...)
}

// query's caller must close the rows before it runs the same query again,
// or it will share one SQLite statement with them: use queryList.
func (tx *tx) query(query string, args ...any) (*sql.Rows, error) {
	query = tx.db.rebind(query)
	if s := tx.stmt(query); s != nil {
		return s.QueryContext(tx.ctx, args...)
	}
	return tx.tx.QueryContext(tx.ctx, query, args...)
}

// queryRow's caller must scan the row before it runs the same query again.
func (tx *tx) queryRow(query string, args ...any) *sql.Row {
	query = tx.db.rebind(query)
	if s := tx.stmt(query); s != nil {
		return s.QueryRowContext(tx.ctx, args...)
	}
	return tx.tx.QueryRowContext(tx.ctx, query, args...)
}

// execOne runs a statement that must change one row; if none changed, it
// returns notFound.
func (tx *tx) execOne(notFound error, query string, args ...any) error {
	res, err := tx.exec(query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound
	}
	return nil
}

// exists reports whether table has a row with id.
func (tx *tx) exists(table string, id int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM `+table+` WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// rebind rewrites ? placeholders for the database in use. The queries of this
// package have no ? inside string literals.
func (db *DB) rebind(query string) string {
	if !db.dollar {
		return query
	}
	return rebindDollar(query)
}

// rebindDollar turns each ? into $1, $2 …
func rebindDollar(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// notFound returns an ENOTFOUND error with a message that may reach users.
func notFound(format string, args ...any) error {
	return nb.Errorf(nb.ENOTFOUND, format, args...)
}

// isUnique reports whether err is a unique or primary key violation.
func isUnique(err error) bool {
	code := sqliteCode(err)
	return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// isForeignKey reports whether err is a foreign key violation.
func isForeignKey(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// nullID maps the Go convention "0 = none" to SQL NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryList runs query and scans every row with scan.
func queryList[T any](tx *tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// While the rows are open, scan runs its queries unprepared, lest one of
	// them be query itself and reset the statement under the rows.
	tx.reading++
	defer func() { tx.reading-- }()
	var list []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

// where builds a WHERE clause from conditions joined by AND.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// String returns " WHERE …", or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// placeholders returns n comma-separated placeholders.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// isTransient reports whether err is a failure of the database itself that
// may pass (full disk, I/O error, busy, locked, interrupted, out of memory)
// rather than something wrong with the work done.
func isTransient(err error) bool {
	switch sqliteCode(err) & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED,
		sqlite3.SQLITE_INTERRUPT, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL,
		sqlite3.SQLITE_READONLY: // the file made read-only under the bot: fixed by a chmod, not the work's fault
		return true
	}
	return false
}

// classify marks a transient failure of the database as nb.ErrUnavailable,
// so that callers keep the work and try again instead of giving it up.
func classify(err error) error {
	if err != nil && isTransient(err) && !errors.Is(err, nb.ErrUnavailable) {
		return fmt.Errorf("%w: %w", nb.ErrUnavailable, err)
	}
	return err
}
