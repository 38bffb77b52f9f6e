// SQLite only: VACUUM INTO backups (PostgreSQL: pg_dump).

package store_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

func TestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(ctx, func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: "幸福社区", Kind: nb.UnitCommunity})
	}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("a second backup to the same file must be refused: %v", err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", fi, err)
	}
	copyDB, err := store.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	err = copyDB.View(ctx, func(tx nb.Tx) error {
		_, err := tx.FindUnitByName("幸福社区")
		return err
	})
	if err != nil {
		t.Fatalf("the backup lacks the data: %v", err)
	}
}
