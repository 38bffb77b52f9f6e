package handlers_test

import (
	"path/filepath"
	"testing"

	"github.com/neighborbot/neighborbot/store/pgtest"
)

// worldDatabase is where newWorld keeps its store: a SQLite file, or, with
// NEIGHBORBOT_TEST_DB=postgres, a fresh schema on the PostgreSQL test server
// (store/pgtest), so that the handler tests and the pipeline benchmarks run
// on PostgreSQL (CI runs the tests both ways):
//
//	NEIGHBORBOT_TEST_DB=postgres go test -run '^$' -bench 'Pipeline|RawInsert' ./handlers ./store
func worldDatabase(t testing.TB) string {
	return pgtest.Database(t, filepath.Join(t.TempDir(), "nb.db"))
}
