package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testMemberCache: a membership is skipped only once committed; one
// recorded in a transaction that rolls back is written again.
func testMemberCache(f *fixture) {
	t := f.t
	var chat *nb.Chat
	var p *nb.Person
	message := func(tx nb.Tx) (err error) { // what every group message does
		chat = &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup}
		if err := tx.EnsureChat(chat); err != nil {
			return err
		}
		if p, err = tx.EnsurePerson(nb.PlatformSandbox, "甲", "甲"); err != nil {
			return err
		}
		return tx.AddChatMember(chat.ID, p.ID)
	}
	rolled := errors.New("roll back")
	err := f.s.Update(context.Background(), func(tx nb.Tx) error {
		if err := message(tx); err != nil {
			return err
		}
		return rolled
	})
	if !errors.Is(err, rolled) {
		t.Fatal(err)
	}
	f.update(func(tx nb.Tx) error {
		return tx.EnsureChat(&nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup})
	})
	f.update(message)
	f.update(message) // the cached membership: no statement
	f.view(func(tx nb.Tx) error {
		if member, err := tx.IsChatMember(p.ID, chat.ID, 0); err != nil || !member {
			t.Fatalf("member after a rolled-back and two committed messages = %v, %v", member, err)
		}
		return nil
	})
}

// TestMemberCacheAcrossProcesses: a membership cached by one process is not
// taken for that of a person another process deleted and whose id SQLite
// gave to a newer person.
func TestMemberCacheAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	open := func() *DB {
		db, err := Open(context.Background(), path, WithClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	ctx := context.Background()
	var chatID, firstID int64
	message := func(db *DB, sender string) (personID int64) {
		t.Helper()
		err := db.Update(ctx, func(tx nb.Tx) error {
			chat := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup}
			if err := tx.EnsureChat(chat); err != nil {
				return err
			}
			p, err := tx.EnsurePerson(nb.PlatformSandbox, sender, sender)
			if err != nil {
				return err
			}
			chatID, personID = chat.ID, p.ID
			return tx.AddChatMember(chat.ID, p.ID)
		})
		if err != nil {
			t.Fatal(err)
		}
		return personID
	}
	firstID = message(a, "甲") // cached by a
	// Another process deletes 甲 (as a merge does) and a new person gets the id.
	if _, err := b.writer.Exec(`DELETE FROM chat_members WHERE person_id = ?`, firstID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.writer.Exec(`DELETE FROM identities WHERE person_id = ?`, firstID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.writer.Exec(`DELETE FROM persons WHERE id = ?`, firstID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	if second := message(a, "乙"); second != firstID {
		t.Skipf("SQLite gave the new person id %d, not %d again: nothing to test", second, firstID)
	}
	err := a.View(ctx, func(tx nb.Tx) error {
		if member, err := tx.IsChatMember(firstID, chatID, 0); err != nil || !member {
			t.Fatalf("the newer person with the reused id is a member = %v, %v", member, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testGrantsOfSender: the grants of the person EnsurePerson found follow
// the transaction's own grants and revocations (ListGrants skips its query
// only while the person is known to hold none).
func testGrantsOfSender(f *fixture) {
	t := f.t
	var unit nb.Unit
	f.update(func(tx nb.Tx) error {
		unit = nb.Unit{Name: "一网格", Kind: nb.UnitGrid}
		if err := tx.CreateUnit(&unit); err != nil {
			return err
		}
		_, err := tx.EnsurePerson(nb.PlatformSandbox, "乙", "乙") // holds a role from the start
		if err != nil {
			return err
		}
		p, _ := tx.EnsurePerson(nb.PlatformSandbox, "乙", "乙")
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleGridWorker, UnitID: unit.ID})
	})
	grants := func(tx nb.Tx, sender string) (*nb.Person, []nb.RoleGrant) {
		t.Helper()
		p, err := tx.EnsurePerson(nb.PlatformSandbox, sender, sender)
		if err != nil {
			t.Fatal(err)
		}
		list, err := tx.ListGrants(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p, list
	}
	f.update(func(tx nb.Tx) error {
		if _, list := grants(tx, "乙"); len(list) != 1 {
			t.Fatalf("grants of 乙 = %v", list)
		}
		p, list := grants(tx, "甲") // new: none
		if len(list) != 0 {
			t.Fatalf("grants of a new person = %v", list)
		}
		g := nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: unit.ID}
		if err := tx.GrantRole(g); err != nil {
			return err
		}
		if list, err := tx.ListGrants(p.ID); err != nil || len(list) != 1 {
			t.Fatalf("grants after a grant in the same transaction = %v, %v", list, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		p, list := grants(tx, "甲")
		if len(list) != 1 {
			t.Fatalf("grants of 甲 in a new transaction = %v", list)
		}
		if err := tx.RevokeRole(list[0]); err != nil {
			return err
		}
		if list, err := tx.ListGrants(p.ID); err != nil || len(list) != 0 {
			t.Fatalf("grants after the revocation = %v, %v", list, err)
		}
		_, list = grants(tx, "甲")
		if len(list) != 0 {
			t.Fatalf("grants found again after the revocation = %v", list)
		}
		return nil
	})
}
