package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
	"github.com/neighborbot/neighborbot/store"
)

// broadcast queues one notice to each of groups Telegram groups and runs
// the real engine, with the adapter paced by Limits, against a fake Bot API
// that refuses (429) any send over Telegram's limits. It returns how long
// delivering them all took and how many sends the fake refused.
func broadcast(tb testing.TB, groups int) (time.Duration, int) {
	tb.Helper()
	ctx := context.Background()
	api := telegramtest.New(tb)
	api.EnforceLimits()
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "nb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	a, err := New(ctx, db, Options{Token: telegramtest.Token, ServerURL: api.URL})
	if err != nil {
		tb.Fatal(err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error {
		for i := range groups {
			m := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: fmt.Sprint(-1000000000 - i), Text: "【通知】周六上午义诊"}
			if err := tx.EnqueueOutbox(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	e := bot.NewEngine(db, func(*bot.Context) error { return nil })
	e.RegisterSender(nb.PlatformTelegram, a, bot.WithLimiter(bot.NewLocalLimiter(Limits())), bot.WithLanes(8))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	start := time.Now()
	go func() { _ = e.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	api.WaitCalls(tb, "sendmessage", groups+api.Refused(), time.Duration(groups)*time.Second)
	for sent(api) < groups {
		api.WaitCalls(tb, "sendmessage", len(api.Calls("sendmessage"))+1, time.Minute)
	}
	return time.Since(start), api.Refused()
}

// sent counts the sends the fake accepted.
func sent(api *telegramtest.Server) int {
	n := 0
	for _, c := range api.Calls("sendmessage") {
		if c.Result != nil {
			n++
		}
	}
	return n
}

// TestBroadcastKeepsTelegramsLimits: a notice to 45 groups goes out at the
// bot's 30 a second, never refused. Under the race detector, whose uneven
// slowness (worse with other tests running beside) shifts a request's
// arrival by more than the limiter's margin, refusals are only bounded:
// every notice still arrives, the refused ones after their retry_after. So
// they are on a machine overloaded beyond three runnable tasks a core.
func TestBroadcastKeepsTelegramsLimits(t *testing.T) {
	took, refused := broadcast(t, 45)
	if allowed := max(map[bool]int{false: 0, true: 15}[raceEnabled], telegramtest.RefusalsAllowed(t, 45)); refused > allowed {
		t.Errorf("Telegram refused %d sends (429), at most %d allowed", refused, allowed)
	}
	if bound := limitBound(45); took < bound {
		t.Errorf("45 sends in %s: faster than 30 in any second allows (%s)", took, bound)
	}
}

// limitBound is the least time n sends take at 30 in any second: the first
// 30 at once, each next 30 a second later.
func limitBound(n int) time.Duration {
	return time.Duration((n-1)/telegramtest.BotPerSecond) * time.Second
}

// BenchmarkBroadcast1000Groups: one notice to 1,000 groups. The limits
// allow it in 33 s (30 at once, then 30 a second); report how close
// delivery comes and how many sends Telegram refused.
func BenchmarkBroadcast1000Groups(b *testing.B) {
	for b.Loop() {
		took, refused := broadcast(b, 1000)
		bound := limitBound(1000)
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(took.Seconds()/bound.Seconds(), "x_bound")
		b.ReportMetric(float64(refused), "429s")
	}
}
