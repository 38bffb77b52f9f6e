// SQLite only: helpers of the tests of migrations that backfill rows.

package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// migratedOver opens a new SQLite database migrated up to, not including,
// the migration whose file name ends with suffix, writes rows with the
// statements given (as the older bot would have), and then applies the
// remaining migrations, so that a test can check what the migration made
// of them.
func migratedOver(t *testing.T, suffix string, rows ...string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "nb.db"), WithoutMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	list, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for i, m := range list {
		if strings.HasSuffix(m.name, suffix) {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no migration named *%s", suffix)
	}
	if _, err := db.writer.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range list[:at] {
		if err := db.apply(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range rows {
		if _, err := db.writer.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}
