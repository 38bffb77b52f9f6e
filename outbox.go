package neighborbot

import "time"

// OutboxStatus tells where an outgoing message stands.
type OutboxStatus string

// Outbox statuses.
const (
	OutboxPending OutboxStatus = "pending"
	OutboxSent    OutboxStatus = "sent"
	OutboxFailed  OutboxStatus = "failed" // gave up after the last attempt
)

// OutboxMessage is a reply or notice written to the persistent outbox in
// the same transaction as the change it reports, and sent later by a sender
// loop, so that a crash loses no reply.
type OutboxMessage struct {
	ID             int64
	Platform       Platform
	ChatExternalID string
	Text           string
	ReplyTo        string   // platform message id to reply to ("" = none)
	Mentions       []string // platform user ids to mention
	CaseID         int64    // the case it is about (0 = none), to find it from a reply
	// Attachments are files sent with the text (a notice's photo), as the
	// platform's references: only for a chat of the platform they came from.
	Attachments   []Attachment
	Status        OutboxStatus
	Attempts      int
	NextAttemptAt time.Time
	ExternalID    string // platform message id once sent
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
}

// InboxItem is an incoming message, stored before it is handled so that a
// crash never loses an update that the platform considers delivered, and
// de-duplicated by (platform, chat, message id) so none is handled twice.
type InboxItem struct {
	ID         int64
	Platform   Platform
	ChatKey    string // platform chat id
	MessageID  string // platform message id
	Payload    []byte // the message, encoded by the engine
	ReceivedAt time.Time
	DoneAt     time.Time
	Error      string
}

// SandboxMessage is one line of a sandbox chat, as the sandbox web page
// shows it. The sandbox is the built-in chat platform for trying the bot.
type SandboxMessage struct {
	ID      int64
	ChatKey string // group title, or "private:<name>"
	From    string
	FromBot bool
	Text    string
	ReplyTo int64
	At      time.Time
}
