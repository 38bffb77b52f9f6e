package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
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
