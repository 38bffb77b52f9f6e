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
	lim := &slots{Limiter: bot.NewLocalLimiter(Limits()), at: map[string][]time.Time{}}
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
// chat: a lane sends a chat's messages one after another, so a chat's n-th
// slot is the one its n-th send to the fake went out in.
type slots struct {
	bot.Limiter
	mu sync.Mutex
	at map[string][]time.Time
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

// all returns every slot given, in time order.
func (l *slots) all() []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	var all []time.Time
	for _, at := range l.at {
		all = append(all, at...)
	}
	slices.SortFunc(all, time.Time.Compare)
	return all
}

// send is one sendMessage as the fake took it, with the slot it went in.
type send struct {
	slot, at time.Time // given by the limiter; counted by the fake
	refused  bool
}

// sends pairs the fake's sendMessage calls with the limiter's slots.
func sends(tb testing.TB, api *telegramtest.Server, lim *slots) []send {
	tb.Helper()
	lim.mu.Lock()
	defer lim.mu.Unlock()
	var out []send
	seen := map[string]int{}
	for _, c := range api.Calls("sendmessage") {
		chat := c.Fields["chat_id"]
		n := seen[chat]
		seen[chat]++
		if n >= len(lim.at[chat]) {
			tb.Fatalf("send %d to %s without a slot from the limiter", n+1, chat)
		}
		out = append(out, send{slot: lim.at[chat][n], at: c.At, refused: c.Result == nil})
	}
	return out
}

// unexplained returns the refusals the transport does not explain. The
// fake refuses a send when 30 it accepted reached it within the second
// before. The limiter gave at most 30 slots in any 1.02 s, so if the send's
// slot and theirs all fell within one second, the limiter let too many go.
// Otherwise one of them was given its slot a second or more before this
// send's, yet reached the fake less than a second before it: it was held up
// between limiter and fake (a starved CPU, the race detector) by more than
// the limiter's 2 % margin, and Telegram would see the same bunching. Such
// a refusal is explained, and the send still arrives after retry_after.
func unexplained(all []send) []send {
	var out []send
	for _, r := range all {
		if !r.refused {
			continue
		}
		late := false
		for _, a := range all {
			if !a.refused && a.at.After(r.at.Add(-time.Second)) && !a.at.After(r.at) && !a.slot.After(r.slot.Add(-time.Second)) {
				late = true
				break
			}
		}
		if !late {
			out = append(out, r)
		}
	}
	return out
}

// TestBroadcastKeepsTelegramsLimits: a notice to 45 groups goes out at the
// bot's 30 a second, and the fake refuses no send for the limiter's pacing.
// The limiter's slots are checked exactly: never 31 within a second, under
// any load. The fake counts a send when it reaches it, not when its slot
// was given; on a machine overloaded by other processes (load 13-18 on 2
// cores) a send reached it up to 84 ms after its slot, under the race
// detector up to 324 ms, beyond the limiter's 20 ms margin, and 1 to 8
// sends were refused. So each refusal must be explained by such a measured
// delay (unexplained); the load average, which lags a burst, no longer
// decides how many are excused. With the limit raised to 60 a second both
// checks fail, loaded or not.
func TestBroadcastKeepsTelegramsLimits(t *testing.T) {
	took, api, lim := broadcast(t, 45)
	all := lim.all()
	for i := telegramtest.BotPerSecond; i < len(all); i++ {
		if d := all[i].Sub(all[i-telegramtest.BotPerSecond]); d < time.Second {
			t.Fatalf("the limiter gave %d slots within %s (slots %d to %d of %d)", telegramtest.BotPerSecond+1, d, i-telegramtest.BotPerSecond+1, i+1, len(all))
		}
	}
	ss := sends(t, api, lim)
	var held time.Duration
	for _, s := range ss {
		held = max(held, s.at.Sub(s.slot))
	}
	t.Logf("%d sends, %d refused (429); a send reached the fake up to %s after its slot", len(ss), api.Refused(), held.Round(time.Millisecond))
	for _, r := range unexplained(ss) {
		t.Errorf("Telegram refused a send (429) %s after its slot, with no earlier send held up to explain it", r.at.Sub(r.slot).Round(time.Millisecond))
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
		took, api, _ := broadcast(b, 1000)
		refused := api.Refused()
		bound := limitBound(1000)
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(took.Seconds()/bound.Seconds(), "x_bound")
		b.ReportMetric(float64(refused), "429s")
	}
}
