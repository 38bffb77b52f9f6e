package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// TestCheckpointerCopiesTheLogBack: what the writer commits reaches the
// database file without the writer checkpointing (its automatic checkpoint
// waits for 4,000 pages, eight times what is written here).
func TestCheckpointerCopiesTheLogBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := fileSize(t, path)
	line := strings.Repeat("垃圾堆了三天没人管", 40)
	for i := range 40 {
		err := db.Update(ctx, func(tx nb.Tx) error {
			for j := range 50 {
				if err := tx.PutSetting(fmt.Sprintf("k%d-%d", i, j), line); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	const written = 1 << 20 // 2,000 settings of about 1 KB
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for fileSize(t, path)-before < written {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("database file %d bytes after writing %d (was %d): the log was not copied back", fileSize(t, path), written, before)
		}
	}
}

func TestWriterPragmas(t *testing.T) {
	db := openTestDB(t, time.Now)
	var auto, limit int
	for q, v := range map[string]*int{"wal_autocheckpoint": &auto, "journal_size_limit": &limit} {
		if err := db.writer.QueryRow(`PRAGMA ` + q).Scan(v); err != nil {
			t.Fatal(err)
		}
	}
	if auto != writerAutoCheckpoint || limit != walSizeLimit {
		t.Errorf("writer: wal_autocheckpoint=%d journal_size_limit=%d", auto, limit)
	}
}

// TestCloseStopsTheCheckpointer: Close waits for the checkpointer and may
// be called twice.
func TestCloseStopsTheCheckpointer(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-db.ckpt.done:
	default:
		t.Fatal("the checkpointer still runs after Close")
	}
	if err := db.ckpt.stop(); err != nil {
		t.Fatalf("second stop: %v", err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
