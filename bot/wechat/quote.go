package wechat

import "sync"

// quote is what a reply quotes of the message it answers.
type quote struct{ name, text string }

// quoteCache remembers the last n messages' text by message id, so that a
// reply can quote the report it answers (WeChat gives bots no threading).
type quoteCache struct {
	mu   sync.Mutex
	byID map[string]quote
	ring []string
	next int
}

func newQuoteCache(n int) *quoteCache {
	return &quoteCache{byID: map[string]quote{}, ring: make([]string, n)}
}

func (c *quoteCache) put(id string, q quote) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byID[id]; ok || id == "" {
		return
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.byID, old)
	}
	c.ring[c.next] = id
	c.next = (c.next + 1) % len(c.ring)
	c.byID[id] = q
}

func (c *quoteCache) get(id string) (quote, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q, ok := c.byID[id]
	return q, ok
}
