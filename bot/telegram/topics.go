package telegram

import (
	"sync"

	"github.com/go-telegram/bot/models"
)

// topics remembers the forum topic of recent messages, so that a reply is
// sent into the topic of the message it answers, with message_thread_id.
// (Telegram puts a reply into the replied message's topic by itself, but a
// reply whose message was deleted goes through as a plain message — we ask
// for allow_sending_without_reply — and would land in General.) Bounded:
// the oldest entries are forgotten first; after a restart, Telegram's own
// inference is what remains.
type topics struct {
	mu    sync.Mutex
	by    map[topicKey]int
	order []topicKey // ring of the keys in insertion order
	next  int
}

type topicKey struct {
	chat int64
	msg  int
}

// maxTopics bounds the remembered messages (about 40 bytes each).
const maxTopics = 20000

// remember records that message msg of chat is in topic thread (0: none).
func (t *topics) remember(chat int64, msg, thread int) {
	if thread == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.by == nil {
		t.by = make(map[topicKey]int)
		t.order = make([]topicKey, maxTopics)
	}
	k := topicKey{chat, msg}
	if _, ok := t.by[k]; ok {
		return
	}
	delete(t.by, t.order[t.next])
	t.order[t.next] = k
	t.next = (t.next + 1) % maxTopics
	t.by[k] = thread
}

// of returns the topic of message msg of chat (0: unknown or none).
func (t *topics) of(chat int64, msg int) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.by[topicKey{chat, msg}]
}

// rememberMessage records the topic of a received message.
func (t *topics) rememberMessage(m *models.Message) {
	if m.IsTopicMessage {
		t.remember(m.Chat.ID, m.ID, m.MessageThreadID)
	}
}
