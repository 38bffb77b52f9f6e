package bot_test

import (
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot"
)

// TestJitterAddsToTheAccountPace: with a send every 2 s and 1 s of jitter
// (WeChat's defaults), sends are 2–3 s apart, never closer, and not all 2 s.
func TestJitterAddsToTheAccountPace(t *testing.T) {
	l := bot.NewLocalLimiter(bot.Limits{Account: []bot.Rate{{N: 1, Per: 2 * time.Second}}, Jitter: time.Second})
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	longer := 0
	for i := range 50 {
		if _, ok := l.Reserve(now, "g"); !ok {
			t.Fatalf("send %d refused when due", i)
		}
		wait, ok := l.Reserve(now, "g")
		if ok || wait < 2*time.Second || wait >= 3*time.Second {
			t.Fatalf("send %d: next allowed after %s (ok %v), want 2–3 s", i, wait, ok)
		}
		if wait > 2*time.Second+50*time.Millisecond {
			longer++
		}
		now = now.Add(wait)
	}
	if longer < 10 {
		t.Errorf("only %d of 50 gaps longer than 2.05 s: the jitter is not added", longer)
	}
}
