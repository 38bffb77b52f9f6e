package handlers_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/neighborbot/neighborbot/store/pgtest"
)

// worldDatabase is where newWorld keeps its store: a SQLite file, or, with
// NEIGHBORBOT_BENCH_POSTGRES=1, a fresh schema on the PostgreSQL test server
// (store/pgtest), so that the pipeline benchmarks measure the bot on
// PostgreSQL, and the handler tests built on newWorld run there too (CI
// runs them on both):
//
//	NEIGHBORBOT_BENCH_POSTGRES=1 go test -run '^$' -bench 'Pipeline|RawInsert' ./handlers ./store
func worldDatabase(t testing.TB) string {
	if os.Getenv("NEIGHBORBOT_BENCH_POSTGRES") != "" {
		return pgtest.URL(t)
	}
	return filepath.Join(t.TempDir(), "nb.db")
}
