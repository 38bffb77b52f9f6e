package main

import (
	"context"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

// Revoking an ambassador on the command line cancels their notices not
// yet sent, as #撤销 does in chat.
func TestRoleRevokeCancelsNotices(t *testing.T) {
	path := demoDB(t)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	err = db.Update(ctx, func(tx nb.Tx) error {
		people, err := tx.FindPeopleByName("张阿姨")
		if err != nil || len(people) != 1 {
			t.Fatalf("张阿姨: %v %v", people, err)
		}
		n := &nb.Notice{AuthorID: people[0].ID, AuthorName: "张阿姨", Text: "全街道通知", Status: nb.NoticeAwaiting}
		err = tx.CreateNotice(n)
		id = n.ID
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEIGHBORBOT_DB": path}
	if code, out, errOut := cli(t, env, "role", "revoke", "-person", "张阿姨", "-role", "ambassador", "-unit", "幸福社区"); code != 0 || !strings.Contains(out, "revoked ambassador") {
		t.Fatalf("role revoke: %d %q %q", code, out, errOut)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(ctx, func(tx nb.Tx) error {
		n, err := tx.FindNotice(id)
		if err != nil || n.Status != nb.NoticeCancelled {
			t.Errorf("the revoked ambassador's notice: %+v, %v", n, err)
		}
		return nil
	})
}
