package wechat

import (
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// TestTooOftenPausesAccount: after "operate too often" (1205) nothing is
// sent for TooOftenWait, to any chat: the limit is the account's.
func TestTooOftenPausesAccount(t *testing.T) {
	const wait = 300 * time.Millisecond
	handler := func(c *bot.Context) error {
		for _, chat := range []string{ChatID(group1), ChatID(group2)} {
			if err := c.Post(&nb.OutboxMessage{ChatExternalID: chat, Text: "通知 " + chat}); err != nil {
				return err
			}
		}
		return nil
	}
	w := newWorld(t, handler, func(c *Config) { c.TooOftenWait = wait })
	var mu sync.Mutex
	var tries []time.Time
	w.a.sendHook = func(at time.Time) {
		mu.Lock()
		defer mu.Unlock()
		tries = append(tries, at)
	}
	w.waitState(StateOnline)
	w.f.FailSends(1205)
	w.f.Say(group1, "刘大爷", "go")
	sends := w.waitSends(2)
	mu.Lock()
	defer mu.Unlock()
	if len(tries) != 3 {
		t.Fatalf("send attempts = %d, want 3 (one refused with 1205, two sent)", len(tries))
	}
	for _, s := range sends {
		if gap := s.At.Sub(tries[0]); gap < wait {
			t.Errorf("%q sent %v after the 1205, want ≥ %v", s.Content, gap, wait)
		}
	}
}
