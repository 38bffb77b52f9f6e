package store

import (
	"testing"
	"time"
)

// TestPostgresWritable: a store on PostgreSQL has no file to watch, so it
// is writable (the running bot asks every two seconds; it once crashed on
// the SQLite file's watch, which PostgreSQL has not).
func TestPostgresWritable(t *testing.T) {
	db := openPostgresTestDB(t, time.Now)
	if err := db.Writable(); err != nil {
		t.Fatalf("Writable on PostgreSQL = %v; want nil", err)
	}
}
