package open311

import (
	"sync"
	"time"
)

// quota counts each key's new requests per hour, so that one client cannot
// flood its unit's group: a fixed window per key, kept in memory (a restart
// starts the windows afresh).
type quota struct {
	perHour int // 0 = no limit
	now     func() time.Time

	mu      sync.Mutex
	windows map[int64]window
}

type window struct {
	start time.Time
	n     int
}

func newQuota(perHour int) *quota {
	return &quota{perHour: perHour, now: time.Now, windows: map[int64]window{}}
}

// take counts one request of key; when the key's hour is used up it
// returns false and how long until the next window.
func (q *quota) take(key int64) (ok bool, retry time.Duration) {
	if q.perHour <= 0 {
		return true, 0
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	w := q.windows[key]
	if now.Sub(w.start) >= time.Hour {
		w = window{start: now}
	}
	if w.n >= q.perHour {
		return false, w.start.Add(time.Hour).Sub(now)
	}
	w.n++
	q.windows[key] = w
	return true, 0
}

// giveBack uncounts a request that was not stored.
func (q *quota) giveBack(key int64) {
	if q.perHour <= 0 {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if w, ok := q.windows[key]; ok && w.n > 0 {
		w.n--
		q.windows[key] = w
	}
}
