// Package bot is the platform-neutral engine: incoming messages are stored
// in the inbox, handled in order per chat through middleware and a command
// router, and every reply goes through the persistent outbox to a Sender.
package bot

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Message is an incoming chat message, the same for every platform.
type Message struct {
	Platform   nb.Platform `json:"platform"`
	ChatID     string      `json:"chat_id"` // platform chat id
	ChatKind   nb.ChatKind `json:"chat_kind"`
	ChatTitle  string      `json:"chat_title,omitempty"`
	SenderID   string      `json:"sender_id"` // platform user id
	SenderName string      `json:"sender_name"`
	ID         string      `json:"id"` // platform message id, unique within the chat
	Text       string      `json:"text"`
	ReplyTo    string      `json:"reply_to,omitempty"` // platform message id replied to
	// ReplyToSender is the platform user id of whoever wrote the message
	// replied to, when the platform says and it was not the bot ("" otherwise).
	ReplyToSender string    `json:"reply_to_sender,omitempty"`
	Mentions      []string  `json:"mentions,omitempty"` // platform user ids mentioned
	At            time.Time `json:"at"`
	// Attachments are the files on the message (a photo of the problem).
	Attachments []nb.Attachment `json:"attachments,omitempty"`
	// EditOf is set on a new version of a message already received: it is
	// the original message id, and ID is the edit's own key.
	EditOf string `json:"edit_of,omitempty"`
}

// OutMessage is a message for a Sender to deliver.
type OutMessage struct {
	Platform nb.Platform
	ChatID   string // platform chat id
	Text     string
	ReplyTo  string   // platform message id to reply to ("" = none)
	Mentions []string // platform user ids to mention
	// Attachments are files to send with the text (a photo of the result).
	Attachments []nb.Attachment
}

// Sender delivers messages to one platform. It returns the platform message
// id of what it sent. A *RetryAfterError asks the caller to wait.
type Sender interface {
	Send(ctx context.Context, m OutMessage) (messageID string, err error)
}

// TxSender is a Sender whose platform lives in the store itself (the
// sandbox): SendTx sends inside the transaction that records the message as
// sent, so that a message is sent exactly once whatever crashes.
// Delivered is called for each message after that transaction committed.
type TxSender interface {
	Sender
	SendTx(tx nb.Tx, m OutMessage) (messageID string, err error)
	Delivered(m OutMessage, messageID string)
}

// RetryAfterError is returned by a Sender when the platform asks us to
// slow down (Telegram's retry_after).
type RetryAfterError struct {
	After time.Duration
}

// Error implements the error interface.
func (e *RetryAfterError) Error() string {
	return "platform asks to retry after " + e.After.String()
}

// PermanentError is returned by a Sender for a message that can never be
// delivered (chat gone, bot removed): the outbox stops retrying it.
type PermanentError struct {
	Err error
	// ChatGone says the chat itself cannot be reached any more (the bot
	// was removed or blocked, the chat deleted): the chat is marked
	// inactive and its other pending messages are given up too.
	ChatGone bool
}

// Error implements the error interface.
func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *PermanentError) Unwrap() error { return e.Err }

// ChatMigratedError is returned by a Sender when the platform moved the chat
// to a new id (a Telegram group upgraded to a supergroup). The Telegram
// sender records the move itself and resends; it returns this error only
// when it could not, so that the caller may retry the message at NewChatID.
type ChatMigratedError struct {
	OldChatID, NewChatID string
}

// Error implements the error interface.
func (e *ChatMigratedError) Error() string {
	return "chat " + e.OldChatID + " moved to " + e.NewChatID
}

// Receiver takes incoming messages from a platform adapter. Receive returns
// once the message is stored durably (so the adapter may acknowledge it to
// the platform); handling happens afterwards, in order per chat. A message
// already received (same platform, chat and id) is ignored.
type Receiver interface {
	Receive(ctx context.Context, m Message) error
}

// BatchReceiver is a Receiver that can also take several messages at once,
// in order, with one commit: for a platform that hands messages over in
// batches (Telegram's getUpdates returns up to 100). ReceiveBatch returns
// once every message is stored, or an error and none is; a message that is
// not valid is left out (and logged), as if Receive had refused it alone.
type BatchReceiver interface {
	Receiver
	ReceiveBatch(ctx context.Context, ms []Message) error
}

// TxReceiver is a Receiver that can also take a message inside the
// adapter's own store transaction, so that the adapter's record of the
// message and the inbox entry are written together.
type TxReceiver interface {
	Receiver
	ReceiveTx(tx nb.Tx, m Message) (inserted bool, err error)
	Wake()
}
