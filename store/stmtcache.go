package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// maxCachedStmts bounds the statements a pool keeps prepared. Queries built
// at run time (IN lists of varying length, optional filters) add strings;
// once the cache is full, new strings run unprepared, as before.
const maxCachedStmts = 256

// stmtCache keeps one prepared *sql.Stmt per query string of a pool, so that
// SQLite parses a statement once per connection instead of on every run.
// PostgreSQL needs none: pgx keeps a statement cache on each connection. A
// nil *stmtCache holds nothing and takes nothing.
//
// A statement is never prepared inside a transaction: the pool's connections
// may all be held (the writer pool has only one, held by the open
// transaction), so DB.PrepareContext there could wait forever. Instead a
// transaction runs a query it has not seen unprepared and notes it; once the
// transaction has ended and given back its connection, run prepares the
// noted queries on the pool (prepare). From then on, transactions use the
// statement through Tx.StmtContext, which reuses the statement already
// prepared on the transaction's connection, or prepares it on that same
// connection, never asking the pool for another one.
type stmtCache struct {
	pool  *sql.DB
	stmts atomic.Pointer[map[string]*sql.Stmt] // copied on write; read without locking

	mu     sync.Mutex // serialises writers of stmts and closed
	closed bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	c := &stmtCache{pool: pool}
	c.stmts.Store(&map[string]*sql.Stmt{})
	return c
}

// get returns the prepared statement of query, or nil.
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	return (*c.stmts.Load())[query]
}

// full reports whether the cache takes no more statements.
func (c *stmtCache) full() bool {
	if c == nil {
		return true
	}
	return len(*c.stmts.Load()) >= maxCachedStmts
}

// prepare prepares the queries not yet cached and caches them, while there is
// room. It must not be called while holding one of the pool's connections
// (inside a transaction). A query that fails to prepare is left out: it runs
// unprepared and reports its error there.
func (c *stmtCache) prepare(ctx context.Context, queries []string) {
	for _, q := range queries {
		if c.full() {
			return
		}
		if c.get(q) != nil {
			continue
		}
		s, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		c.mu.Lock()
		old := *c.stmts.Load()
		if c.closed || old[q] != nil || len(old) >= maxCachedStmts {
			c.mu.Unlock()
			s.Close() // lost a race with another transaction, or with Close
			continue
		}
		m := make(map[string]*sql.Stmt, len(old)+1)
		for k, v := range old {
			m[k] = v
		}
		m[q] = s
		c.stmts.Store(&m)
		c.mu.Unlock()
	}
}

// close closes every cached statement; later prepares cache nothing.
// Transactions still using a statement keep it until they end: database/sql
// finalizes it once its last user is done.
func (c *stmtCache) close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for _, s := range *c.stmts.Swap(&map[string]*sql.Stmt{}) {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// stmt returns a statement of the transaction for query (already rebound),
// or nil if query is not prepared yet; then it notes query, for run to
// prepare after the transaction.
func (tx *tx) stmt(query string) *sql.Stmt {
	if tx.reading > 0 || tx.cache == nil {
		return nil // see queryList
	}
	if s := tx.stmts[query]; s != nil {
		return s
	}
	if s := tx.cache.get(query); s != nil {
		// The transaction's statement, kept for its next runs: Tx.StmtContext
		// makes a new one on each call, closed only at the end.
		s = tx.tx.StmtContext(tx.ctx, s)
		if tx.stmts == nil {
			tx.stmts = map[string]*sql.Stmt{}
		}
		tx.stmts[query] = s
		return s
	}
	if len(tx.unprepared) < maxCachedStmts && !tx.cache.full() {
		for _, q := range tx.unprepared {
			if q == query {
				return nil
			}
		}
		tx.unprepared = append(tx.unprepared, query)
	}
	return nil
}
