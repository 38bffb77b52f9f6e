package store

import (
	"sync"
	"time"
)

// maxCachedMembers bounds the memberships a store remembers; past it the
// cache starts over (a forgotten membership costs one INSERT that does
// nothing).
const maxCachedMembers = 1 << 16

// memberKey names a membership by the chat's and the person's rows,
// including when each row was created: ids alone could name a newer row
// (SQLite may give the greatest id again once its row is deleted, as a
// merged person's or a migrated chat's is), even one deleted and created
// anew by another process sharing the database.
type memberKey struct {
	chatID, chatCreated, personID, personCreated int64
}

// memberCache holds memberships known to be committed, so that the
// chat-member middleware writes only a person's first message in a chat.
// Rows of chat_members are only ever deleted with their chat or person, so
// an entry stays true while both rows, as named by the key, exist.
type memberCache struct {
	mu  sync.Mutex
	set map[memberKey]struct{}
}

func (c *memberCache) has(k memberKey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.set[k]
	return ok
}

// keep remembers what a committed transaction recorded; after a
// transaction that deleted chats or persons, it forgets everything first.
func (c *memberCache) keep(keys []memberKey, forget bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if forget || c.set == nil || len(c.set)+len(keys) > maxCachedMembers {
		c.set = make(map[memberKey]struct{}, len(keys))
	}
	for _, k := range keys {
		c.set[k] = struct{}{}
	}
}

// rowSeen is a chat or person row a transaction loaded, with its creation.
type rowSeen struct{ id, created int64 }

func seen(id int64, created time.Time) rowSeen { return rowSeen{id, toMillis(created)} }
