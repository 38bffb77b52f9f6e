// Helpers shared by the SQL of every entity.

package store

import (
	"database/sql"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// exec, query and queryRow run query through its prepared statement, if the
// pool has one (see stmtCache), and note a failure (see tx.note).

func (tx *tx) exec(query string, args ...any) (sql.Result, error) {
	if err := tx.ended(); err != nil {
		return nil, err
	}
	query = tx.db.d.rebind(query)
	tx.writes++
	var res sql.Result
	var err error
	if s := tx.stmt(query); s != nil {
		res, err = s.ExecContext(tx.ctx, args...)
	} else {
		res, err = tx.tx.ExecContext(tx.ctx, query, args...)
	}
	tx.note(err)
	return res, err
}

// query's caller must close the rows before it runs the same query again,
// or it will share one SQLite statement with them: use queryList.
func (tx *tx) query(query string, args ...any) (*sql.Rows, error) {
	if err := tx.ended(); err != nil {
		return nil, err
	}
	query = tx.db.d.rebind(query)
	tx.countWrite(query)
	var rows *sql.Rows
	var err error
	if s := tx.stmt(query); s != nil {
		rows, err = s.QueryContext(tx.ctx, args...)
	} else {
		rows, err = tx.tx.QueryContext(tx.ctx, query, args...)
	}
	tx.note(err)
	return rows, err
}

// queryRow's caller must scan the row before it runs the same query again.
func (tx *tx) queryRow(query string, args ...any) row {
	if err := tx.ended(); err != nil {
		return row{err: err}
	}
	query = tx.db.d.rebind(query)
	tx.countWrite(query)
	if s := tx.stmt(query); s != nil {
		return row{tx: tx, row: s.QueryRowContext(tx.ctx, args...)}
	}
	return row{tx: tx, row: tx.tx.QueryRowContext(tx.ctx, query, args...)}
}

// row is a *sql.Row whose Scan notes a failure (see tx.note), or the error
// of a statement that did not run.
type row struct {
	tx  *tx
	row *sql.Row
	err error
}

// Scan scans the row into dest, like sql.Row.Scan.
func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	err := r.row.Scan(dest...)
	r.tx.note(err)
	return err
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

// notFound returns an ENOTFOUND error with a message that may reach users.
func notFound(format string, args ...any) error {
	return nb.Errorf(nb.ENOTFOUND, format, args...)
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
	tx.note(rows.Err())
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

// countWrite counts query in tx.writes unless it only reads (a SELECT).
func (tx *tx) countWrite(query string) {
	q := strings.TrimLeft(query, " \t\n")
	if len(q) < 6 || !strings.EqualFold(q[:6], "SELECT") {
		tx.writes++
	}
}
