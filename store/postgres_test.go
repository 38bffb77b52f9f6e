package store

import (
	"context"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// openPostgresTestDB opens a store on a fresh PostgreSQL schema.
func openPostgresTestDB(t testing.TB, clock func() time.Time) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.URL(t), WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPostgres(t *testing.T) {
	runStoreSuite(t, func(t *testing.T, clock func() time.Time) nb.Store { return openPostgresTestDB(t, clock) })
}

// TestMigrationTwins: every SQLite migration has a PostgreSQL twin of the
// same number and name, and no more.
func TestMigrationTwins(t *testing.T) {
	lite, err := migrationsIn("migrations")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationsIn("migrations_pg")
	if err != nil {
		t.Fatal(err)
	}
	for i := range max(len(lite), len(pg)) {
		switch {
		case i >= len(pg):
			t.Errorf("SQLite migration %s has no PostgreSQL twin: add migrations_pg/%s (see migrations_pg/README.md)", lite[i].name, lite[i].name)
		case i >= len(lite):
			t.Errorf("PostgreSQL migration %s has no SQLite twin in migrations/", pg[i].name)
		case lite[i].name != pg[i].name:
			t.Errorf("migration %d: %s on SQLite, %s on PostgreSQL; twins have one name", i+1, lite[i].name, pg[i].name)
		}
	}
}

func TestPostgresMigrations(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	if _, err := Open(ctx, url, MustExist()); err == nil || !strings.Contains(err.Error(), "no NeighborBot tables") {
		t.Fatalf("Open of an empty database with MustExist = %v", err)
	}
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if !db.Created || db.Driver() != "postgres" {
		t.Fatalf("Created = %v, Driver = %q", db.Created, db.Driver())
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != LatestVersion() {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, LatestVersion())
	}
	if err := db.QuickCheck(ctx, true); err != nil {
		t.Fatalf("QuickCheck = %v", err)
	}
	if err := db.Backup(ctx, t.TempDir()+"/b.db"); nb.ErrorCode(err) != nb.EINVALID || !strings.Contains(nb.ErrorMessage(err), "pg_dump") {
		t.Fatalf("Backup on PostgreSQL = %v; want a pointer to pg_dump", err)
	}
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.Optimize() }); err != nil {
		t.Fatalf("Optimize = %v", err)
	}
	db.Close()
	// Two processes start at once on the same database: one migrates, the
	// other finds it done.
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			db, err := Open(ctx, url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent open: %v", err)
		}
	}
	db, err = Open(ctx, url, MustExist())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Created {
		t.Fatal("a migrated database reported as created")
	}
	if _, err := db.writer.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)`, LatestVersion()+6); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url); err == nil || !strings.Contains(err.Error(), "newer than this binary supports") {
		t.Fatalf("Open of a newer schema = %v", err)
	}
}

func TestPostgresConcurrentMigrationsOnFreshDatabase(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			db, err := Open(ctx, url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent first open: %v", err)
		}
	}
}

func TestPostgresUnreachableIsUnavailable(t *testing.T) {
	_, err := Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("Open of an unreachable server = %v", err)
	}
	if !strings.Contains(err.Error(), nb.ErrUnavailable.Error()) {
		t.Errorf("want it marked unavailable: %v", err)
	}
}

func TestPostgresURLPasswordNotShown(t *testing.T) {
	_, err := Open(context.Background(), "postgres://u:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error shows the password: %v", err)
	}
}

func TestRebindDollar(t *testing.T) {
	got := rebindDollar(`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`)
	if want := `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`; got != want {
		t.Fatalf("rebindDollar = %q, want %q", got, want)
	}
}
