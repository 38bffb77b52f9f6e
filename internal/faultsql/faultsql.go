// Package faultsql is a database/sql driver for fault tests: the
// modernc.org/sqlite driver, which fails Begin, Exec, Query or Commit on
// command with SQLite's own I/O error codes (SQLITE_IOERR and its extended
// codes, SQLITE_FULL, SQLITE_BUSY …), as a failing disk would.
//
// The errors are *sqlite.Error values, exactly what the real driver returns,
// so the code under test classifies them as it would in production. Only
// tests import this package; open a store through it with
// store.WithDriverName(name).
package faultsql

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Op is a set of driver calls a fault hits.
type Op uint8

// The calls a fault can hit.
const (
	Begin  Op = 1 << iota // starting a transaction
	Exec                  // a statement run for its effect (INSERT, UPDATE, DELETE …)
	Query                 // a statement run for rows (SELECT, or a write with RETURNING)
	Commit                // committing a transaction: it is rolled back instead
)

// IOCodes are the codes a failing disk gives, used in turn by default.
var IOCodes = []int{
	sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_READ,
	sqlite3.SQLITE_IOERR_SHORT_READ, sqlite3.SQLITE_IOERR_TRUNCATE, sqlite3.SQLITE_IOERR,
	sqlite3.SQLITE_FULL, sqlite3.SQLITE_BUSY,
}

// Fault says which calls fail and how.
type Fault struct {
	Ops   Op    // the calls that fail
	Codes []int // the SQLite result codes returned, in turn (default IOCodes)
	// Every makes one matching call in Every fail (0 or 1: all of them).
	Every int
	// Match limits the fault to statements whose SQL contains it; a Commit
	// matches when its transaction ran such a statement. "" matches all.
	Match string
	// Durable makes a failing Commit commit first and then report the
	// error, as an fsync error after the data reached the file would: the
	// caller cannot tell whether its work was kept.
	Durable bool
}

// Injector turns the faults of one registered driver on and off. It is
// safe for concurrent use.
type Injector struct {
	name     string
	mu       sync.Mutex
	fault    *Fault
	calls    int // matching calls since the fault was set
	injected atomic.Int64
	gen      atomic.Int64 // connections of an older generation are dropped
}

// Register registers a driver named name (call it once per name, as
// sql.Register) and returns its injector. No fault is set.
func Register(name string) *Injector {
	in := &Injector{name: name}
	base, err := sql.Open("sqlite", "") // modernc.org/sqlite's driver, as registered
	if err != nil {
		panic("faultsql: " + err.Error())
	}
	sql.Register(name, &drv{in: in, base: base.Driver()})
	_ = base.Close()
	return in
}

// Name is the driver's registered name.
func (in *Injector) Name() string { return in.name }

// Set makes the calls f describes fail from now on, replacing any fault set.
func (in *Injector) Set(f Fault) {
	if len(f.Codes) == 0 {
		f.Codes = IOCodes
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	in.fault, in.calls = &f, 0
}

// Clear stops all faults: every call reaches SQLite again.
func (in *Injector) Clear() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.fault = nil
}

// DropConnections makes database/sql drop every connection open now, at
// its next use, and open a new one, as after a lost connection: a new
// connection sees the file as it is now (its permissions, say).
func (in *Injector) DropConnections() { in.gen.Add(1) }

// Injected is how many errors were injected so far.
func (in *Injector) Injected() int64 { return in.injected.Load() }

// fail returns the error to inject into a call op of query (for a Commit,
// touched tells whether its transaction ran a matching statement), or nil;
// durable is the fault's Durable.
func (in *Injector) fail(op Op, query string, touched bool) (durable bool, err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	f := in.fault
	if f == nil || f.Ops&op == 0 {
		return false, nil
	}
	if f.Match != "" && !touched && !strings.Contains(query, f.Match) {
		return false, nil
	}
	in.calls++
	if f.Every > 1 && in.calls%f.Every != 0 {
		return false, nil
	}
	n := in.injected.Add(1)
	return f.Durable, newError(f.Codes[int(n-1)%len(f.Codes)], op)
}

// matches reports whether query is one a fault with Match would hit.
func (in *Injector) matches(query string) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.fault != nil && in.fault.Match != "" && strings.Contains(query, in.fault.Match)
}

// newError returns a *sqlite.Error with code, as the driver makes them.
// Its fields are unexported: it is filled through a struct of the same
// layout, which init checks.
func newError(code int, op Op) error {
	desc := sqlite.ErrorCodeString[code]
	if desc == "" {
		desc = sqlite.ErrorCodeString[code&0xff]
	}
	e := new(sqlite.Error)
	*(*errorLayout)(unsafe.Pointer(e)) = errorLayout{msg: fmt.Sprintf("%s (%d) [injected by faultsql at %s]", desc, code, op), code: code}
	return e
}

type errorLayout struct {
	msg  string
	code int
}

func init() {
	got, want := reflect.TypeFor[sqlite.Error](), reflect.TypeFor[errorLayout]()
	ok := got.NumField() == want.NumField() && got.Size() == want.Size()
	for i := 0; ok && i < got.NumField(); i++ {
		g, w := got.Field(i), want.Field(i)
		ok = g.Name == w.Name && g.Type == w.Type && g.Offset == w.Offset
	}
	if !ok {
		panic("faultsql: modernc.org/sqlite's Error changed its fields; update errorLayout")
	}
}

func (op Op) String() string {
	switch op {
	case Begin:
		return "begin"
	case Exec:
		return "exec"
	case Query:
		return "query"
	case Commit:
		return "commit"
	}
	return fmt.Sprintf("Op(%d)", uint8(op))
}
