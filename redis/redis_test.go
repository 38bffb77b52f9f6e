package redis_test

import (
	"context"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/redis"
)

var testLimits = bot.Limits{Account: []bot.Rate{{N: 5, Per: time.Second}}, Group: bot.Rate{N: 3, Per: time.Minute}}

// TestLimiterIsShared: two processes' limiters of one account take their
// slots from the same windows: together, never more than the limits.
func TestLimiterIsShared(t *testing.T) {
	prefix := newPrefix(t)
	a := redis.NewLimiter(newClient(t, prefix), "telegram:test", testLimits)
	b := redis.NewLimiter(newClient(t, prefix), "telegram:test", testLimits)
	now := time.Now()
	for i, l := range []*redis.Limiter{a, b, a} {
		if wait, ok := l.Reserve(now, "g1"); !ok {
			t.Fatalf("send %d to g1 refused (wait %s); the group allows 3 a minute", i+1, wait)
		}
	}
	if wait, ok := b.Reserve(now, "g1"); ok || wait < 50*time.Second {
		t.Fatalf("fourth send to g1 = %s, %v; want a wait of about a minute", wait, ok)
	}
	for i, l := range []*redis.Limiter{b, a} {
		if _, ok := l.Reserve(now, "g2"); !ok {
			t.Fatalf("send %d to g2 refused; the account has 2 of 5 left", i+1)
		}
	}
	if wait, ok := a.Reserve(now, "g3"); ok || wait <= 0 || wait > 1150*time.Millisecond {
		t.Fatalf("sixth send of the account = %s, %v; want a wait under the window (1 s and the shared margin)", wait, ok)
	}
}

// TestLimiterOutlivesRedis: with Redis down the limiter paces this
// process alone and the client says so; once Redis answers again the
// shared windows are used again.
func TestLimiterOutlivesRedis(t *testing.T) {
	srv := startPrivateRedis(t)
	c, err := redis.Open(srv.URL(), redis.WithPrefix("p:"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	l := redis.NewLimiter(c, "telegram:test", testLimits)
	if _, ok := l.Reserve(time.Now(), "g1"); !ok || c.Status() != "" {
		t.Fatalf("first send refused, or status %q", c.Status())
	}
	srv.stop()
	for i := range 2 {
		if _, ok := l.Reserve(time.Now(), "g1"); !ok {
			t.Fatalf("send %d with Redis down refused: the local windows allow it", i+2)
		}
	}
	if c.Status() == "" {
		t.Fatal("Redis is down and the status does not say so")
	}
	srv.start()
	if err := c.Ping(context.Background()); err != nil || c.Status() != "" {
		t.Fatalf("ping after restart = %v, status %q", err, c.Status())
	}
	// The restarted Redis has empty windows: three more sends to g1 fit
	// there, where the local windows (3 taken) would refuse them.
	for i := range 3 {
		if wait, ok := l.Reserve(time.Now(), "g1"); !ok {
			t.Fatalf("send %d after Redis came back refused (wait %s): the shared windows are not used", i+1, wait)
		}
	}
	opts, _ := goredis.ParseURL(srv.URL())
	rdb := goredis.NewClient(opts)
	defer rdb.Close()
	if n, err := rdb.LLen(context.Background(), "p:{limit:telegram:test}:chat:g1").Result(); err != nil || n != 3 {
		t.Fatalf("g1's window in Redis holds %d, %v; want 3", n, err)
	}
}

// TestNotifierWakesTheOthers: a notice reaches the other processes, not
// the one that sent it.
func TestNotifierWakesTheOthers(t *testing.T) {
	prefix := newPrefix(t)
	ca, cb := newClient(t, prefix), newClient(t, prefix)
	a, b := redis.NewNotifier(ca), redis.NewNotifier(cb)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	gotA, gotB := make(chan string, 10), make(chan string, 10)
	wg.Add(2)
	go func() { defer wg.Done(); a.Listen(ctx, func(s string) { gotA <- s }) }()
	go func() { defer wg.Done(); b.Listen(ctx, func(s string) { gotB <- s }) }()
	defer func() { cancel(); wg.Wait() }()
	waitSubscribers(t, prefix+"wake", 2)
	a.Notify(bot.TopicInbox)
	select {
	case topic := <-gotB:
		if topic != bot.TopicInbox {
			t.Fatalf("b heard %q", topic)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("b never heard a's notice")
	}
	b.Notify(bot.TopicOutbox)
	if topic := <-gotA; topic != bot.TopicOutbox {
		t.Fatalf("a heard %q; want b's outbox notice only (never its own)", topic)
	}
}

// waitSubscribers waits until channel has n subscribers.
func waitSubscribers(t *testing.T, channel string, n int64) {
	t.Helper()
	opts, _ := goredis.ParseURL("redis://127.0.0.1:6379/0")
	rdb := goredis.NewClient(opts)
	defer rdb.Close()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	for {
		m, err := rdb.PubSubNumSub(context.Background(), channel).Result()
		if err == nil && m[channel] >= n {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("channel %s: %d subscribers, want %d", channel, m[channel], n)
		}
	}
}
