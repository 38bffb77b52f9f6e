package bot_test

import (
	"slices"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot"
)

// TestLocalLimiterWindows: no window of the account or of a chat ever
// holds more sends than its rate allows, bursts included.
func TestLocalLimiterWindows(t *testing.T) {
	limits := bot.Limits{
		Account:   []bot.Rate{{N: 30, Per: time.Second}},
		Group:     bot.Rate{N: 20, Per: time.Minute},
		Private:   bot.Rate{N: 1, Per: time.Second},
		IsPrivate: func(id string) bool { return id[0] != '-' },
	}
	l := bot.NewLocalLimiter(limits)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Each chat has 100 messages queued and asks again when told to wait,
	// as the engine's lanes do; the clock moves a millisecond at a time.
	chats := []string{"-1", "-2", "-3", "42"}
	left := map[string]int{}
	nextTry := map[string]time.Time{}
	for _, c := range chats {
		left[c], nextTry[c] = 100, start
	}
	var account []time.Time
	perChat := map[string][]time.Time{}
	for now := start; now.Before(start.Add(6 * time.Minute)); now = now.Add(time.Millisecond) {
		for _, chat := range chats {
			if left[chat] == 0 || nextTry[chat].After(now) {
				continue
			}
			wait, ok := l.Reserve(now, chat)
			nextTry[chat] = now.Add(wait)
			if ok {
				account = append(account, now)
				perChat[chat] = append(perChat[chat], now)
				left[chat]--
			}
		}
	}
	if len(account) != 400 {
		t.Fatalf("sent %d of 400 in 6 minutes", len(account))
	}
	slices.SortFunc(account, func(a, b time.Time) int { return a.Compare(b) })
	check := func(name string, times []time.Time, n int, per time.Duration) {
		for i := n; i < len(times); i++ {
			if times[i].Sub(times[i-n]) < per {
				t.Fatalf("%s: %d sends within %s (%s … %s)", name, n+1, per, times[i-n].Sub(start), times[i].Sub(start))
			}
		}
	}
	check("group -1", perChat["-1"], 20, time.Minute)
	check("private 42", perChat["42"], 1, time.Second)
	check("account", account, 30, time.Second)
	if got := perChat["-2"][19].Sub(start); got > 3*time.Second {
		t.Fatalf("a group's first 20 messages go as fast as the account allows; the 20th waited %s", got)
	}
}

// TestLocalLimiterChatWaitTakesNothing: a chat that must wait takes no
// slot, and holds up neither its own later turn nor other chats.
func TestLocalLimiterChatWaitTakesNothing(t *testing.T) {
	l := bot.NewLocalLimiter(bot.Limits{Account: []bot.Rate{{N: 1, Per: time.Second}}, Group: bot.Rate{N: 1, Per: time.Minute}})
	now := time.Now()
	if wait, ok := l.Reserve(now, "-1"); !ok || wait != 0 {
		t.Fatal("first send must be free")
	}
	wait, ok := l.Reserve(now.Add(time.Second), "-1")
	if ok || wait < 58*time.Second {
		t.Fatalf("second send in the minute = %s, %v; want refused with ~1 min", wait, ok)
	}
	if wait, ok := l.Reserve(now.Add(time.Second), "-2"); !ok || wait != 0 {
		t.Fatalf("another chat after the account's second = %s, %v; want at once", wait, ok)
	}
	if wait, ok := l.Reserve(now.Add(time.Minute+time.Second), "-1"); !ok || wait != 0 {
		t.Fatalf("after the minute = %s, %v; the refused one must not have taken a slot", wait, ok)
	}
}
