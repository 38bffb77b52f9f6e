package bot

import (
	"context"
	"log/slog"

	nb "github.com/neighborbot/neighborbot"
)

// Context is what a handler gets: the message, who sent it where, the
// parsed command (if any), and the transaction in which the message is
// handled. Replies are queued in the same transaction.
type Context struct {
	context.Context
	Tx      nb.Tx
	Msg     Message
	Chat    *nb.Chat
	Person  *nb.Person
	Grants  []nb.RoleGrant
	Command *Command // nil for plain text
	Logger  *slog.Logger
	// Prepared is what the engine's PrepareFunc returned for the message,
	// read before the transaction (nil if none): see WithPrepare.
	Prepared any

	queued int
}

// HandlerFunc handles one message.
type HandlerFunc func(c *Context) error

// Middleware wraps a handler.
type Middleware func(HandlerFunc) HandlerFunc

// Actor returns the sender as a domain actor (IsFollower is left false).
func (c *Context) Actor() nb.Actor {
	return nb.Actor{PersonID: c.Person.ID, Grants: c.Grants}
}

// IsGroup reports whether the message came from a group chat.
func (c *Context) IsGroup() bool { return c.Msg.ChatKind == nb.ChatGroup }

// Reply queues text to the sender's chat as a reply to their message.
func (c *Context) Reply(text string) error {
	return c.Post(&nb.OutboxMessage{ChatExternalID: c.Msg.ChatID, Text: text, ReplyTo: c.Msg.ID})
}

// Post queues a message in the outbox. Platform defaults to the message's
// platform and the chat to the message's chat.
func (c *Context) Post(m *nb.OutboxMessage) error {
	if m.Platform == "" {
		m.Platform = c.Msg.Platform
	}
	if m.ChatExternalID == "" {
		m.ChatExternalID = c.Msg.ChatID
	}
	if err := c.Tx.EnqueueOutbox(m); err != nil {
		return err
	}
	c.queued++
	return nil
}

// Queued returns how many messages the handler queued.
func (c *Context) Queued() int { return c.queued }

// Counted records n messages queued on the handler's behalf by a service
// working in the same transaction, so the outbox is woken for them.
func (c *Context) Counted(n int) { c.queued += n }
