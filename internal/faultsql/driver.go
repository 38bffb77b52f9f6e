package faultsql

import (
	"context"
	"database/sql/driver"
	"errors"
)

// drv opens modernc.org/sqlite connections and wraps them.
type drv struct {
	in   *Injector
	base driver.Driver
}

func (d *drv) Open(name string) (driver.Conn, error) {
	c, err := d.base.Open(name)
	if err != nil {
		return nil, err
	}
	return &conn{in: d.in, inner: c, gen: d.in.gen.Load()}, nil
}

// inner is what modernc.org/sqlite's connections implement.
type inner interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// conn is a connection whose calls may fail. database/sql uses a
// connection from one goroutine at a time.
type conn struct {
	in      *Injector
	inner   driver.Conn
	touched bool  // the open transaction ran a statement a fault matches
	gen     int64 // the injector's generation when it was opened
}

// dropped reports whether DropConnections was called since c was opened.
func (c *conn) dropped() bool { return c.gen != c.in.gen.Load() }

func (c *conn) full() inner {
	i, ok := c.inner.(inner)
	if !ok {
		panic("faultsql: modernc.org/sqlite's connection lacks a method database/sql uses")
	}
	return i
}

func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.full().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &stmt{c: c, inner: s, query: query}, nil
}

func (c *conn) Close() error { return c.inner.Close() }

func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if _, err := c.in.fail(Begin, "", false); err != nil {
		return nil, err
	}
	t, err := c.full().BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.touched = false
	return &tx{c: c, inner: t}, nil
}

// before is called before a statement runs: the error to return instead.
func (c *conn) before(op Op, query string) error {
	if _, err := c.in.fail(op, query, false); err != nil {
		return err
	}
	if c.in.matches(query) {
		c.touched = true
	}
	return nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.before(Exec, query); err != nil {
		return nil, err
	}
	return c.full().ExecContext(ctx, query, args)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.before(Query, query); err != nil {
		return nil, err
	}
	return c.full().QueryContext(ctx, query, args)
}

func (c *conn) Ping(ctx context.Context) error { return c.full().Ping(ctx) }
func (c *conn) IsValid() bool                  { return !c.dropped() && c.full().IsValid() }

func (c *conn) ResetSession(ctx context.Context) error {
	if c.dropped() {
		return driver.ErrBadConn
	}
	return c.full().ResetSession(ctx)
}

// stmt is a prepared statement whose runs may fail.
type stmt struct {
	c     *conn
	inner driver.Stmt
	query string
}

func (s *stmt) Close() error  { return s.inner.Close() }
func (s *stmt) NumInput() int { return s.inner.NumInput() }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return nil, errors.New("faultsql: Stmt.Exec without a context is not used by database/sql")
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return nil, errors.New("faultsql: Stmt.Query without a context is not used by database/sql")
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := s.c.before(Exec, s.query); err != nil {
		return nil, err
	}
	return s.inner.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if err := s.c.before(Query, s.query); err != nil {
		return nil, err
	}
	return s.inner.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// tx is a transaction whose commit may fail.
type tx struct {
	c     *conn
	inner driver.Tx
}

// Commit fails as SQLite does when the disk fails at commit: the
// transaction is rolled back and the error returned. With a Durable fault
// the transaction is committed and the error returned all the same.
func (t *tx) Commit() error {
	durable, err := t.c.in.fail(Commit, "", t.c.touched)
	if err == nil {
		return t.inner.Commit()
	}
	if durable {
		_ = t.inner.Commit()
	} else {
		_ = t.inner.Rollback()
	}
	return err
}

func (t *tx) Rollback() error { return t.inner.Rollback() }
