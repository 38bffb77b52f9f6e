// SQLite only: a backfill of migrations/0009 on rows written at 0008.

package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestMembersMigrationBackfillsReporters: the reporters of a group's cases
// count as its members from the start, so they may still follow its cases;
// invites already in the database stay usable.
func TestMembersMigrationBackfillsReporters(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "nb.db"), WithoutMigrate())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for i, m := range list {
		if strings.HasSuffix(m.name, "_members_invites.sql") {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no members migration")
	}
	if _, err := db.writer.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range list[:at] {
		if err := db.apply(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO persons (id, name, created_at) VALUES (1, '甲', 0), (2, '乙', 0)`,
		`INSERT INTO chats (id, platform, external_id, kind, created_at) VALUES (1, 'sandbox', 'g1', 'group', 0)`,
		`INSERT INTO cases (id, stage, chat_id, reporter_id, created_at, updated_at) VALUES (1, 'topic', 1, 1, 1000, 1000),
			(2, 'topic', 1, 1, 2000, 2000)`,
		`INSERT INTO invites (code, role, created_at, expires_at) VALUES ('ABCD-2345', 'officer', 0, 99999999999999)`,
	} {
		if _, err := db.writer.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error {
		a, err := tx.IsChatMember(1, 1, 0)
		if err != nil {
			return err
		}
		b, err := tx.IsChatMember(2, 1, 0)
		if err != nil {
			return err
		}
		if !a || b {
			t.Errorf("members after the migration: reporter %v (want true), other %v (want false)", a, b)
		}
		_, err = tx.RedeemInvite("ABCD-2345", 2)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
