package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
	"github.com/neighborbot/neighborbot/store"
)

// TestEachRunIsABotOfItsOwn: the fake Bot API of each run answers getMe
// with a username of its own (a valid Telegram one). The processes keep
// Telegram's sending limits in Redis under that name for a minute, so with
// one name for every run the answers of a run started within the minute
// after another (or beside it) were paced past -timeout and counted lost.
func TestEachRunIsABotOfItsOwn(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z][a-z0-9_]{3,31}bot$`)
	seen := map[string]bool{}
	for range 3 {
		d, err := startTelegram(true)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(d.fake.URL + "/bot" + telegramtest.Token + "/getMe")
		if err != nil {
			d.close()
			t.Fatal(err)
		}
		var me struct {
			OK     bool `json:"ok"`
			Result struct {
				Username string `json:"username"`
			} `json:"result"`
		}
		err = json.NewDecoder(resp.Body).Decode(&me)
		resp.Body.Close()
		d.close()
		name := me.Result.Username
		if err != nil || !me.OK || !valid.MatchString(name) {
			t.Fatalf("getMe: ok %v, username %q, %v", me.OK, name, err)
		}
		if seen[name] {
			t.Fatalf("two runs are the same bot %q: they share its sending limits", name)
		}
		seen[name] = true
	}
}

// TestPendingRepliesCountsTheQueuedOnly: the read-out that tells a late
// answer from a lost one counts the replies queued and not yet sent.
func TestPendingRepliesCountsTheQueuedOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error {
		for i := range 3 {
			m := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-1001", Text: "收到", ReplyTo: strconv.Itoa(100 + i)}
			if err := tx.EnqueueOutbox(m); err != nil {
				return err
			}
			if i == 0 {
				if err := tx.MarkOutboxSent(m.ID, "900"); err != nil {
					return err
				}
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := pendingReplies(ctx, path); err != nil || n != 2 {
		t.Fatalf("pendingReplies = %d, %v; want 2 (3 queued, 1 sent)", n, err)
	}
}
