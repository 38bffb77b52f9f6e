package wechat

import (
	"regexp"
	"strings"
	"sync"
)

// quote is what a reply quotes of the message it answers: who wrote it,
// its text, and (for the bot's own) the text as shown, with its own quote.
type quote struct{ name, text, shown string }

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

// find returns the id of the newest remembered message by name whose text
// is text, or begins with it (clients shorten long quotes).
func (c *quoteCache) find(name, text string) (string, bool) {
	text = strings.TrimSuffix(strings.Join(strings.Fields(text), " "), "...")
	text = strings.TrimSuffix(text, "…")
	if text == "" {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := 1; i <= len(c.ring); i++ {
		id := c.ring[(c.next-i+len(c.ring))%len(c.ring)]
		if id == "" {
			break
		}
		q := c.byID[id]
		if q.name != name {
			continue
		}
		for _, t := range []string{q.text, q.shown} {
			if t = strings.Join(strings.Fields(t), " "); t != "" && strings.HasPrefix(t, text) {
				return id, true
			}
		}
	}
	return "", false
}

// WeChat clients write a quoted reply (引用) as text:
// 「name：quoted」, a dashed line, then the reply.
var quotedRE = regexp.MustCompile(`^「([^：」]+)：([\s\S]*)」\n(?:- )+-?\n([\s\S]*)$`)

// splitQuote returns the quoted name and text and the reply of a quoted
// reply (ok false for any other text).
func splitQuote(text string) (name, quoted, reply string, ok bool) {
	m := quotedRE.FindStringSubmatch(text)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], strings.TrimSpace(m[3]), true
}
