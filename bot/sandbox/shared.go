package sandbox

import (
	"context"
	"strings"

	"github.com/neighborbot/neighborbot/bot"
)

// topicPrefix starts the notices of new sandbox lines between processes.
const topicPrefix = "sandbox:"

// WithNotifier shares the news of each new chat line with the other
// processes of the bot (Redis pub/sub), so that a reader waiting on one
// process sees at once the answer another process delivered. Run must run.
func WithNotifier(n bot.Notifier) Option { return func(p *Platform) { p.notifier = n } }

// Run hears the other processes' new lines until ctx ends; without a
// notifier it returns at once.
func (p *Platform) Run(ctx context.Context) {
	if p.notifier == nil {
		return
	}
	p.notifier.Listen(ctx, func(topic string) {
		if chat, ok := strings.CutPrefix(topic, topicPrefix); ok {
			p.hub.forget(chat)
		}
	})
}

// lineAdded wakes this process's readers of the chat, and the others'.
func (p *Platform) lineAdded(chatKey string, id int64) {
	p.hub.notify(chatKey, id)
	if p.notifier != nil {
		p.notifier.Notify(topicPrefix + chatKey)
	}
}

// forget wakes the chat's readers (and listeners, such as the web server's
// parked polls) and forgets its bound: another process wrote to the chat,
// so the database must be asked.
func (h *hub) forget(chatKey string) {
	h.wake(chatKey, func() { delete(h.bounds, chatKey) })
}
