// SQLite only: a backfill of migrations/0009 on rows written at 0008.

package store

import (
	"context"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestMembersMigrationBackfillsReporters: the reporters of a group's cases
// count as its members from the start, so they may still follow its cases;
// invites already in the database stay usable.
func TestMembersMigrationBackfillsReporters(t *testing.T) {
	ctx := context.Background()
	db := migratedOver(t, "_members_invites.sql",
		`INSERT INTO persons (id, name, created_at) VALUES (1, '甲', 0), (2, '乙', 0)`,
		`INSERT INTO chats (id, platform, external_id, kind, created_at) VALUES (1, 'sandbox', 'g1', 'group', 0)`,
		`INSERT INTO cases (id, stage, chat_id, reporter_id, created_at, updated_at) VALUES (1, 'topic', 1, 1, 1000, 1000),
			(2, 'topic', 1, 1, 2000, 2000)`,
		`INSERT INTO invites (code, role, created_at, expires_at) VALUES ('ABCD-2345', 'officer', 0, 99999999999999)`,
	)
	err := db.Update(ctx, func(tx nb.Tx) error {
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
