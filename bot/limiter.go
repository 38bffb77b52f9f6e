package bot

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Rate allows at most N sends in any window of length Per (N = 0: no limit).
type Rate struct {
	N   int
	Per time.Duration
}

// Limits are a platform account's sending limits.
type Limits struct {
	Account []Rate        // for the whole account, e.g. 30 a second
	Group   Rate          // for each group chat, e.g. 20 a minute
	Private Rate          // for each private chat, e.g. 1 a second
	Jitter  time.Duration // a random extra gap after each account send (0 = none)
	// IsPrivate tells a private chat from a group by its id (nil: all groups).
	IsPrivate func(chatID string) bool
}

// Limiter paces the sends of one platform account. The engine calls it
// from several goroutines; an implementation shared by several processes
// (Redis) can replace the in-process one.
type Limiter interface {
	// Reserve asks to send to chat now. If the limits allow it, the slot
	// is taken and ok is true: send at once. Otherwise nothing is taken and
	// wait says how long until they may: the caller waits and asks again,
	// or hands the message back if that is too long. Slots are taken at the
	// time of sending, so a caller that wakes late never crowds the next.
	Reserve(now time.Time, chat string) (wait time.Duration, ok bool)
}

// Unlimited is a Limiter that never waits.
type Unlimited struct{}

// Reserve implements Limiter.
func (Unlimited) Reserve(time.Time, string) (time.Duration, bool) { return 0, true }

// LocalLimiter is an in-process Limiter with exact sliding windows: for each
// Rate it remembers the last N send times, and a send is allowed when the
// N-th last is at least Per ago.
type LocalLimiter struct {
	limits Limits
	mu     sync.Mutex
	acct   []*window
	last   time.Time // the latest account reservation
	chats  map[string]*window
	calls  int
}

var _ Limiter = (*LocalLimiter)(nil)

// NewLocalLimiter returns an in-process limiter for limits.
func NewLocalLimiter(limits Limits) *LocalLimiter {
	l := &LocalLimiter{limits: limits, chats: map[string]*window{}}
	for _, r := range limits.Account {
		l.acct = append(l.acct, newWindow(r))
	}
	return l
}

// Reserve implements Limiter.
func (l *LocalLimiter) Reserve(now time.Time, chat string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	cw := l.chats[chat]
	if cw == nil {
		cw = newWindow(l.chatRate(chat))
	}
	at := cw.earliest(now)
	if l.last.After(at) {
		at = l.last
	}
	for _, w := range l.acct {
		at = w.earliest(at)
	}
	if at.After(now) {
		return at.Sub(now), false
	}
	for _, w := range l.acct {
		w.add(now)
	}
	l.last = now
	if l.limits.Jitter > 0 {
		// On top of the account's own pace (2 s, then up to 1 s more), not
		// merely its larger part.
		next := now
		for _, w := range l.acct {
			next = w.earliest(next)
		}
		l.last = next.Add(rand.N(l.limits.Jitter))
	}
	if cw.rate.N > 0 {
		cw.add(now)
		l.chats[chat] = cw
	}
	return 0, true
}

func (l *LocalLimiter) chatRate(chat string) Rate {
	if l.limits.IsPrivate != nil && l.limits.IsPrivate(chat) {
		return l.limits.Private
	}
	return l.limits.Group
}

// sweep forgets, now and then, the chats with no send inside their window,
// so that the limiter's memory follows the active chats only.
func (l *LocalLimiter) sweep(now time.Time) {
	if l.calls++; l.calls%1024 != 0 {
		return
	}
	for k, w := range l.chats {
		if w.newest().Add(w.rate.Per).Before(now) {
			delete(l.chats, k)
		}
	}
}

// window holds the last rate.N send times, oldest first, in a ring.
type window struct {
	rate  Rate
	times []time.Time
	next  int // index of the oldest once full
}

func newWindow(r Rate) *window { return &window{rate: r} }

// earliest returns the first time at or after t a send fits the window.
func (w *window) earliest(t time.Time) time.Time {
	if w.rate.N <= 0 || len(w.times) < w.rate.N {
		return t
	}
	if free := w.times[w.next].Add(w.rate.Per); free.After(t) {
		return free
	}
	return t
}

// add records a send at t (t is never before an earlier send's time).
func (w *window) add(t time.Time) {
	if w.rate.N <= 0 {
		return
	}
	if len(w.times) < w.rate.N {
		w.times = append(w.times, t)
		return
	}
	w.times[w.next] = t
	w.next = (w.next + 1) % w.rate.N
}

func (w *window) newest() time.Time {
	if len(w.times) == 0 {
		return time.Time{}
	}
	if len(w.times) < w.rate.N {
		return w.times[len(w.times)-1]
	}
	return w.times[(w.next+w.rate.N-1)%w.rate.N]
}
