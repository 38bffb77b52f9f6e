package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
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
// delivering them all took, the fake (its calls, its refusals) and the
// slots the limiter gave.
func broadcast(tb testing.TB, groups int) (time.Duration, *telegramtest.Server, *slots) {
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
	lim := &slots{Limiter: bot.NewLocalLimiter(Limits()), at: telegramtest.Slots{}}
	e := bot.NewEngine(db, func(*bot.Context) error { return nil })
	e.RegisterSender(nb.PlatformTelegram, a, bot.WithLimiter(lim), bot.WithLanes(8))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	start := time.Now()
	go func() { _ = e.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	api.WaitCalls(tb, "sendmessage", groups+api.Refused(), time.Duration(groups)*time.Second)
	for sent(api) < groups {
		api.WaitCalls(tb, "sendmessage", len(api.Calls("sendmessage"))+1, time.Minute)
	}
	return time.Since(start), api, lim
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

// slots is a Limiter that keeps the time of every slot it gives, chat by
// chat: the local limiter's slot is at the now it was asked with.
type slots struct {
	bot.Limiter
	mu sync.Mutex
	at telegramtest.Slots
}

func (l *slots) Reserve(now time.Time, chat string) (time.Duration, bool) {
	wait, ok := l.Limiter.Reserve(now, chat)
	if ok {
		l.mu.Lock()
		l.at[chat] = append(l.at[chat], now)
		l.mu.Unlock()
	}
	return wait, ok
}

// given returns the slots given so far.
func (l *slots) given() telegramtest.Slots {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := telegramtest.Slots{}
	for chat, at := range l.at {
		out[chat] = slices.Clone(at)
	}
	return out
}

// TestBroadcastKeepsTelegramsLimits: a notice to 45 groups goes out at the
// bot's 30 a second, and the fake refuses no send for the limiter's pacing
// (telegramtest.CheckPacing): the limiter's slots are checked exactly,
// never 31 within a second, under any load. The fake counts a send when it
// reaches it, not when its slot was given; on a machine overloaded by other
// processes (load 13-18 on 2 cores) a send reached it up to 84 ms after its
// slot, under the race detector up to 324 ms, beyond the limiter's 20 ms
// margin, and 1 to 8 sends were refused. With the slots right, only such a
// delay explains a refusal for the bot's limit, so those are excused (the
// longest delay is logged) and one for a chat's limit is not; the load
// average, which lags a burst, no longer decides how many are excused.
// With the limit raised to 60 a second both checks fail, loaded or not.
func TestBroadcastKeepsTelegramsLimits(t *testing.T) {
	took, api, lim := broadcast(t, 45)
	api.CheckPacing(t, lim.given())
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
		took, api, _ := broadcast(b, 1000)
		refused := api.Refused()
		bound := limitBound(1000)
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(took.Seconds()/bound.Seconds(), "x_bound")
		b.ReportMetric(float64(refused), "429s")
	}
}
