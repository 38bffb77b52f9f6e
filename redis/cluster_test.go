package redis_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/bot/telegram"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
	"github.com/neighborbot/neighborbot/redis"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// cluster is several bot processes (engines, each with its own store
// handle on one database, its own Telegram adapter and sandbox platform)
// acting as one bot against one fake Bot API that refuses sends over
// Telegram's limits. Half the chats are Telegram groups, half sandbox chats.
type cluster struct {
	t     *testing.T
	api   *telegramtest.Server
	path  string // the shared database: a SQLite file, or a PostgreSQL schema (NEIGHBORBOT_TEST_DB=postgres)
	procs []*proc
	mu    sync.Mutex
	order map[string][]int // chat → message numbers as the handlers took them
	sent  int              // messages offered so far
}

// proc is one process of a cluster.
type proc struct {
	engine *bot.Engine
	db     *store.DB
	cancel context.CancelFunc
	done   chan struct{}
	die    chan struct{} // closed: the process dies at its next message
	rc     *redis.Client // nil without Redis
	once   sync.Once
}

// clusterOptions say what the processes share besides the database.
type clusterOptions struct {
	procs    int
	redisURL string // "" = no Redis: in-process limiters, polling
	prefix   string
}

func newCluster(t *testing.T, o clusterOptions) *cluster {
	path := pgtest.Database(t, filepath.Join(t.TempDir(), "nb.db"))
	c := &cluster{t: t, api: telegramtest.New(t), path: path, order: map[string][]int{}}
	c.api.EnforceLimits()
	for i := range o.procs {
		c.procs = append(c.procs, c.start(i, o))
	}
	t.Cleanup(c.stop)
	return c
}

// start starts process i.
func (c *cluster) start(i int, o clusterOptions) *proc {
	ctx := context.Background()
	db, err := store.Open(ctx, c.path)
	if err != nil {
		c.t.Fatal(err)
	}
	a, err := telegram.New(ctx, db, telegram.Options{Token: telegramtest.Token, ServerURL: c.api.URL})
	if err != nil {
		c.t.Fatal(err)
	}
	p := &proc{db: db, done: make(chan struct{}), die: make(chan struct{})}
	opts := []bot.Option{bot.WithInstance(fmt.Sprint("p", i)), bot.WithInboxLease(2 * time.Second),
		bot.WithOutboxLease(5 * time.Second), bot.WithBatch(8)}
	var limiter bot.Limiter = bot.NewLocalLimiter(telegram.Limits())
	if o.redisURL != "" {
		rc, err := redis.Open(o.redisURL, redis.WithPrefix(o.prefix), redis.WithLogger(slog.Default()))
		if err != nil {
			c.t.Fatal(err)
		}
		c.t.Cleanup(func() { rc.Close() })
		p.rc = rc
		limiter = redis.NewLimiter(rc, "telegram:"+a.Username(), telegram.Limits())
		opts = append(opts, bot.WithNotifier(redis.NewNotifier(rc)), bot.WithStatus("redis", rc.Status))
	}
	p.engine = bot.NewEngine(db, c.handler(p), opts...)
	p.engine.RegisterSender(nb.PlatformTelegram, a, bot.WithLimiter(limiter), bot.WithLanes(8))
	p.engine.RegisterSender(nb.PlatformSandbox, sandbox.New(db, p.engine))
	runCtx, cancel := context.WithCancel(ctx)
	p.cancel = cancel
	go func() { defer close(p.done); _ = p.engine.Run(runCtx) }()
	return p
}

// handler answers each message once, "re:N", and records the order in
// which its chat's messages were taken. A process told to die cancels its
// run in the middle of a message, whose transaction is then rolled back:
// as after kill -9, its leases stay in the database until they expire.
func (c *cluster) handler(p *proc) bot.HandlerFunc {
	return func(bc *bot.Context) error {
		select {
		case <-p.die:
			p.once.Do(p.cancel)
			return errors.New("killed")
		default:
		}
		if err := bc.Post(&nb.OutboxMessage{Text: "re:" + bc.Msg.Text}); err != nil {
			return err
		}
		n, _ := strconv.Atoi(bc.Msg.Text)
		c.mu.Lock()
		c.order[bc.Msg.ChatID] = append(c.order[bc.Msg.ChatID], n)
		c.mu.Unlock()
		return nil
	}
}

func (c *cluster) stop() {
	for _, p := range c.procs {
		p.cancel()
		<-p.done
		p.db.Close()
	}
}

// load offers msgs messages to each of chats groups, one after another in
// each chat, each to a process in turn (as webhooks land on any process).
// It returns every message's number by chat.
func (c *cluster) load(chats, msgs int, alive func(i int) bool) map[string][]int {
	want := map[string][]int{}
	for range msgs {
		for g := range chats {
			platform, chat := nb.PlatformTelegram, fmt.Sprint(-1001000000000-g)
			if g%2 == 1 { // every other chat is a sandbox chat: a mixed load
				platform, chat = nb.PlatformSandbox, fmt.Sprint("sb", g)
			}
			c.sent++
			n := c.sent
			i := n % len(c.procs)
			for !alive(i) {
				i = (i + 1) % len(c.procs)
			}
			msg := bot.Message{Platform: platform, ChatID: chat, ChatKind: nb.ChatGroup, ChatTitle: "群",
				ID: strconv.Itoa(n), SenderID: "2001", SenderName: "刘", Text: strconv.Itoa(n)}
			if err := c.procs[i].engine.Receive(context.Background(), msg); err != nil {
				c.t.Fatalf("receive %d: %v", n, err)
			}
			want[chat] = append(want[chat], n)
		}
	}
	return want
}

// check waits until every message is answered and checks that each was
// answered once, in its chat's order.
func (c *cluster) check(want map[string][]int, timeout time.Duration) {
	t := c.t
	total := 0
	for _, ns := range want {
		total += len(ns)
	}
	tick := time.NewTicker(20 * time.Millisecond) // neither the fake nor the store has an event for "n answers"
	defer tick.Stop()
	for deadline := time.After(timeout); c.answered() < total; {
		select {
		case <-tick.C:
			continue
		case <-deadline:
		}
		break
	}
	got, seen := c.answers()
	for text, k := range seen {
		if k != 1 {
			t.Errorf("%s sent %d times", text, k)
		}
	}
	for chat, ns := range want {
		if fmt.Sprint(got[chat]) != fmt.Sprint(ns) {
			t.Errorf("chat %s: answers %v; want %v (each once, in order)", chat, got[chat], ns)
		}
	}
	var pending int
	_ = c.procs[0].db.View(context.Background(), func(tx nb.Tx) (err error) { pending, err = tx.CountPendingInbox(); return err })
	if pending != 0 {
		t.Errorf("%d messages never handled", pending)
	}
}

// answers returns the numbers answered in each chat, in the order the
// answers arrived, and how often each answer arrived: Telegram's from the
// fake Bot API, the sandbox's from the chats' lines in the database.
func (c *cluster) answers() (got map[string][]int, seen map[string]int) {
	got, seen = map[string][]int{}, map[string]int{}
	add := func(chat, text string) {
		seen[text]++
		n, _ := strconv.Atoi(strings.TrimPrefix(text, "re:"))
		got[chat] = append(got[chat], n)
	}
	for _, call := range c.api.Calls("sendmessage") {
		if call.Result != nil {
			add(call.Fields["chat_id"], call.Fields["text"])
		}
	}
	_ = c.procs[len(c.procs)-1].db.View(context.Background(), func(tx nb.Tx) error {
		for g := 1; g < 1000; g += 2 {
			lines, err := tx.ListSandboxMessages(fmt.Sprint("sb", g), 0, 200)
			if err != nil || len(lines) == 0 {
				return err
			}
			for _, l := range lines {
				if l.FromBot {
					add(l.ChatKey, l.Text)
				}
			}
		}
		return nil
	})
	return got, seen
}

// answered counts the answers so far.
func (c *cluster) answered() int {
	_, seen := c.answers()
	n := 0
	for _, k := range seen {
		n += k
	}
	return n
}

// loadSize is the load of the cluster tests: small by default, a longer
// run with NEIGHBORBOT_LONG_TESTS=1.
func loadSize() (chats, msgs int) {
	if os.Getenv("NEIGHBORBOT_LONG_TESTS") != "" {
		return 200, 6
	}
	return 30, 3
}

// TestClusterSharesOneBot: two and three processes with the shared
// limiter and wake-ups take a load: every message handled once, every
// answer sent once, each chat in order, and Telegram refuses no send for
// the shared limiter's pacing (telegramtest.CheckPacing): its slots, read
// from its windows in Redis, never 31 within a second, and no 429 for a
// chat's limit (one for the bot's, with the slots right, only a send held
// up between its slot and the fake explains).
func TestClusterSharesOneBot(t *testing.T) {
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprint(n, "procs"), func(t *testing.T) {
			prefix := newPrefix(t)
			c := newCluster(t, clusterOptions{procs: n, redisURL: sharedURL, prefix: prefix})
			chats, msgs := loadSize()
			c.check(c.load(chats, msgs, func(int) bool { return true }), time.Minute)
			c.api.CheckPacing(t, c.slots(prefix))
		})
	}
}

// slots returns the slots the shared limiter gave each Telegram chat, from
// the chat's window in Redis: its last sends' times on Redis's clock (this
// machine's), newest first, all of them for a load this small. A slot is
// taken in Redis, so the now a process asked with does not tell it.
func (c *cluster) slots(prefix string) telegramtest.Slots {
	t := c.t
	opts, err := goredis.ParseURL(sharedURL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := goredis.NewClient(opts)
	defer rdb.Close()
	window := telegram.Limits().Group.N
	out := telegramtest.Slots{}
	for _, call := range c.api.Calls("sendmessage") {
		chat := call.Fields["chat_id"]
		if _, done := out[chat]; done {
			continue
		}
		key := prefix + "{limit:telegram:" + c.api.Bot.Username + "}:chat:" + chat
		us, err := rdb.LRange(context.Background(), key, 0, -1).Result()
		if err != nil || len(us) >= window {
			t.Fatalf("the shared limiter's window for %s: %d slots (%v); it keeps the last %d, so fewer tell all the chat's", chat, len(us), err, window)
		}
		out[chat] = []time.Time{}
		for i := len(us) - 1; i >= 0; i-- {
			v, err := strconv.ParseInt(us[i], 10, 64)
			if err != nil {
				t.Fatalf("slot %q in %s: %v", us[i], key, err)
			}
			out[chat] = append(out[chat], time.UnixMicro(v))
		}
	}
	return out
}

// TestClusterWithoutRedis: on the database alone, the same holds but
// pacing: each process paces itself, so Telegram may refuse sends, which
// are retried after its retry_after.
func TestClusterWithoutRedis(t *testing.T) {
	c := newCluster(t, clusterOptions{procs: 2})
	chats, msgs := loadSize()
	c.check(c.load(chats, msgs, func(int) bool { return true }), time.Minute)
}

// TestClusterSurvivesADeath: a process dies in the middle of a message,
// holding the chats it had claimed; two others, started then, wait for its
// leases to expire and finish the work: nothing lost, nothing doubled.
func TestClusterSurvivesADeath(t *testing.T) {
	o := clusterOptions{procs: 1, redisURL: sharedURL, prefix: newPrefix(t)}
	c := newCluster(t, o)
	chats, msgs := loadSize()
	close(c.procs[0].die) // at its first message
	want := c.load(chats, 1, func(int) bool { return true })
	<-c.procs[0].done
	var claimed int
	_ = c.procs[0].db.View(context.Background(), func(tx nb.Tx) (err error) {
		claimed, err = tx.CountPendingInbox()
		return err
	})
	if claimed != chats {
		t.Fatalf("%d messages pending after the death; want all %d", claimed, chats)
	}
	c.procs = append(c.procs, c.start(1, o), c.start(2, o))
	rest := c.load(chats, msgs-1, func(i int) bool { return i != 0 })
	for chat, ns := range rest {
		want[chat] = append(want[chat], ns...)
	}
	c.check(want, time.Minute)
}

// TestClusterOutlivesRedis: Redis stops in the middle of a load; the
// processes carry on on the database alone and say so in their health;
// Redis starts again and they use it again.
func TestClusterOutlivesRedis(t *testing.T) {
	srv := startPrivateRedis(t)
	c := newCluster(t, clusterOptions{procs: 2, redisURL: srv.URL(), prefix: "nb:"})
	chats, msgs := loadSize()
	want := c.load(chats, 1, func(int) bool { return true })
	srv.stop()
	more := c.load(chats, msgs-1, func(int) bool { return true })
	for chat, ns := range more {
		want[chat] = append(want[chat], ns...)
	}
	c.check(want, time.Minute)
	for i, p := range c.procs {
		if h := p.engine.Health(); h.Degraded["redis"] == "" || !h.OK() {
			t.Errorf("process %d with Redis down: health %+v; want ok, degraded by redis", i, h)
		}
	}
	srv.start()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for deadline := time.After(10 * time.Second); c.procs[0].rc.Status() != "" || c.procs[1].rc.Status() != ""; {
		select { // the processes probe Redis once a second
		case <-tick.C:
		case <-deadline:
			t.Fatalf("Redis is back and the processes do not see it: %q, %q", c.procs[0].rc.Status(), c.procs[1].rc.Status())
		}
	}
	last := c.load(chats, 1, func(int) bool { return true })
	for chat, ns := range last {
		want[chat] = append(want[chat], ns...)
	}
	c.check(want, time.Minute)
	opts, _ := goredis.ParseURL(srv.URL())
	rdb := goredis.NewClient(opts)
	defer rdb.Close()
	keys, err := rdb.Keys(context.Background(), "nb:{limit:*}:account:0").Result()
	if err != nil || len(keys) != 1 {
		t.Fatalf("account window in the restarted Redis: %v, %v; want it used again", keys, err)
	}
	if n, _ := rdb.LLen(context.Background(), keys[0]).Result(); n == 0 {
		t.Fatal("the restarted Redis paces no send")
	}
}
