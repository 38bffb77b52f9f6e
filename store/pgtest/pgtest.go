// Package pgtest gives each test a PostgreSQL database of its own: a schema
// created for the test, on the connection's search path, and dropped after
// it, so that tests run in parallel against one server.
//
// The server is NEIGHBORBOT_TEST_POSTGRES (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable). When it cannot be
// reached the test is skipped, saying so, unless NEIGHBORBOT_REQUIRE_POSTGRES
// is set (as in CI): then it fails.
//
// Tests of whole bots (handlers, cases) keep their store where Database
// says: SQLite, or PostgreSQL with NEIGHBORBOT_TEST_DB=postgres.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultServer is the server used when NEIGHBORBOT_TEST_POSTGRES is unset.
const DefaultServer = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

var (
	reachOnce sync.Once
	reachErr  error
)

// Server returns the URL of the test server.
func Server() string {
	if s := os.Getenv("NEIGHBORBOT_TEST_POSTGRES"); s != "" {
		return s
	}
	return DefaultServer
}

// Database returns where a test that builds a whole bot keeps its store:
// sqlitePath, or, when NEIGHBORBOT_TEST_DB=postgres, a schema of its own on
// the PostgreSQL test server (see URL). CI runs such tests both ways.
func Database(t testing.TB, sqlitePath string) string {
	t.Helper()
	if os.Getenv("NEIGHBORBOT_TEST_DB") == "postgres" {
		return URL(t)
	}
	return sqlitePath
}

// URL returns a postgres:// URL for t alone: its search_path is a new
// schema, dropped when t ends. It skips t (or fails it, when
// NEIGHBORBOT_REQUIRE_POSTGRES is set) if the server cannot be reached.
func URL(t testing.TB) string {
	t.Helper()
	server := Server()
	reachOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err == nil {
			conn.Close(ctx)
		}
		reachErr = err
	})
	if reachErr != nil {
		if os.Getenv("NEIGHBORBOT_REQUIRE_POSTGRES") != "" {
			t.Fatalf("PostgreSQL at %s is required (NEIGHBORBOT_REQUIRE_POSTGRES is set) but unreachable: %v", redact(server), reachErr)
		}
		t.Skipf("PostgreSQL at %s is unreachable (%v): skipped; set NEIGHBORBOT_REQUIRE_POSTGRES=1 to fail instead", redact(server), reachErr)
	}
	schema := "t_" + randomHex(8)
	exec(t, server, `CREATE SCHEMA `+schema)
	t.Cleanup(func() { exec(t, server, `DROP SCHEMA `+schema+` CASCADE`) })
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on its own connection.
func exec(t testing.TB, server, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("pgtest: %s: %v", sql, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// redact drops the password of a URL.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(the test server)"
	}
	return u.Redacted()
}
