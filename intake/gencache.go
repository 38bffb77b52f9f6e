package intake

import "sync"

// genCache is a bounded, concurrency-safe string-keyed cache with two
// generations: entries go into the current map; when it reaches half the
// bound it becomes the old map and the previous old map is dropped. A hit in
// the old map moves the entry back to the current one, so entries in use
// survive and the cache never holds more than max entries. Values must not be
// modified after they are stored: they are shared between callers.
type genCache[V any] struct {
	mu       sync.RWMutex
	half     int
	cur, old map[string]V
}

func newGenCache[V any](max int) *genCache[V] {
	half := max / 2
	if half < 1 {
		half = 1
	}
	return &genCache[V]{half: half, cur: make(map[string]V), old: make(map[string]V)}
}

// get returns the value stored for k.
func (c *genCache[V]) get(k string) (V, bool) {
	c.mu.RLock()
	v, ok := c.cur[k]
	c.mu.RUnlock()
	if ok {
		return v, true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[k]; ok { // promoted by another goroutine meanwhile
		return v, true
	}
	v, ok = c.old[k]
	if ok {
		delete(c.old, k)
		c.putLocked(k, v)
	}
	return v, ok
}

// put stores v for k.
func (c *genCache[V]) put(k string, v V) {
	c.mu.Lock()
	delete(c.old, k)
	c.putLocked(k, v)
	c.mu.Unlock()
}

func (c *genCache[V]) putLocked(k string, v V) {
	c.cur[k] = v
	if len(c.cur) >= c.half {
		c.old, c.cur = c.cur, make(map[string]V, c.half)
	}
}

// len returns the number of stored entries.
func (c *genCache[V]) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.cur) + len(c.old)
}
