package redis

import (
	"context"
	"math/rand/v2"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/neighborbot/neighborbot/bot"
)

// reserveScript takes a send slot in every window at once, or none.
//
// KEYS[1] holds the earliest time (µs) the account may send again (its
// jitter gap); KEYS[2..] are windows, each a list of its last N send times,
// newest first. ARGV[1] is the jitter (µs) to add after this send, then N
// and Per (µs) for each window. Time is Redis's own clock, the same for
// every process. It returns 0 when the slot is taken, else the wait in µs.
var reserveScript = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = now
local gap = tonumber(redis.call('GET', KEYS[1]) or '0')
if gap > at then at = gap end
for i = 2, #KEYS do
	local n, per = tonumber(ARGV[2*i-2]), tonumber(ARGV[2*i-1])
	if n > 0 and redis.call('LLEN', KEYS[i]) >= n then
		local free = tonumber(redis.call('LINDEX', KEYS[i], n - 1)) + per
		if free > at then at = free end
	end
end
if at > now then return at - now end
for i = 2, #KEYS do
	local n, per = tonumber(ARGV[2*i-2]), tonumber(ARGV[2*i-1])
	if n > 0 then
		redis.call('LPUSH', KEYS[i], now)
		redis.call('LTRIM', KEYS[i], 0, n - 1)
		redis.call('PEXPIRE', KEYS[i], math.floor(per / 1000) + 1000)
	end
end
local jitter = tonumber(ARGV[1])
if jitter > 0 then
	redis.call('SET', KEYS[1], now + jitter, 'PX', math.floor(jitter / 1000) + 1000)
end
return 0
`)

// Limiter is a bot.Limiter whose windows live in Redis, so that one
// platform account (a Telegram bot, a WeChat account) is paced as a whole
// whichever process sends: the same exact sliding windows as
// bot.LocalLimiter, checked and taken in one script. While Redis does not
// answer, the in-process limiter paces this process alone.
type Limiter struct {
	c       *Client
	account string // names the account's keys
	limits  bot.Limits
	local   *bot.LocalLimiter
}

var _ bot.Limiter = (*Limiter)(nil)

// sharedMargin widens every window of the shared limits by 15 % more than
// the platform's own margin: a slot is taken in Redis, and the send reaches
// the platform after a round trip and among more concurrent senders (every
// process's lanes), so arrivals drift further from their slots. Measured on
// 1 December 2026 (2 cores, three engines on PostgreSQL just after the
// PostgreSQL suite, as CI runs them): with 5 %, TestClusterSharesOneBot drew
// 1–5 Telegram 429s in 9 of 10 runs, arrivals up to ~110 ms closer than
// their slots; with 10 %, one failed CI run; with 15 %, none in 6 runs.
const sharedMargin = 115 // per cent

// NewLimiter returns a limiter for the account (e.g. "telegram:mybot")
// with its limits.
func NewLimiter(c *Client, account string, limits bot.Limits) *Limiter {
	shared := limits
	shared.Account = make([]bot.Rate, len(limits.Account))
	for i, r := range limits.Account {
		shared.Account[i] = widen(r)
	}
	shared.Group, shared.Private = widen(limits.Group), widen(limits.Private)
	return &Limiter{c: c, account: account, limits: shared, local: bot.NewLocalLimiter(limits)}
}

func widen(r bot.Rate) bot.Rate { return bot.Rate{N: r.N, Per: r.Per * sharedMargin / 100} }

// Reserve implements bot.Limiter. now is used only by the fallback: the
// shared windows keep Redis's clock.
func (l *Limiter) Reserve(now time.Time, chat string) (time.Duration, bool) {
	if !l.c.usable() {
		return l.local.Reserve(now, chat)
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	keys, args := l.request(chat)
	wait, err := reserveScript.Run(ctx, l.c.rdb, keys, args...).Int64()
	l.c.observe(err)
	if err != nil {
		return l.local.Reserve(now, chat)
	}
	if wait > 0 {
		return time.Duration(wait) * time.Microsecond, false
	}
	return 0, true
}

// request returns the script's keys and arguments for a send to chat. The
// keys share a hash tag, so that they sit on one node of a Redis Cluster.
func (l *Limiter) request(chat string) ([]string, []any) {
	base := l.c.Key("{limit:" + l.account + "}:")
	var jitter int64
	if l.limits.Jitter > 0 {
		jitter = rand.N(l.limits.Jitter).Microseconds()
	}
	keys := []string{base + "gap"}
	args := []any{jitter}
	for i, r := range l.limits.Account {
		keys = append(keys, base+"account:"+strconv.Itoa(i))
		args = append(args, r.N, r.Per.Microseconds())
	}
	rate := l.limits.Group
	if l.limits.IsPrivate != nil && l.limits.IsPrivate(chat) {
		rate = l.limits.Private
	}
	if rate.N > 0 {
		keys = append(keys, base+"chat:"+chat)
		args = append(args, rate.N, rate.Per.Microseconds())
	}
	return keys, args
}
