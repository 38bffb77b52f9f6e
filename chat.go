package neighborbot

import "time"

// Platform names a chat platform.
type Platform string

// Known platforms.
const (
	PlatformSandbox  Platform = "sandbox"
	PlatformTelegram Platform = "telegram"
	PlatformWeChat   Platform = "wechat"
)

// ChatKind tells a group chat from a private chat with the bot.
type ChatKind string

// Chat kinds.
const (
	ChatGroup   ChatKind = "group"
	ChatPrivate ChatKind = "private"
)

// Chat is a group (or private) chat the bot is in. A group is bound to one
// unit, usually a grid; an unbound group still takes reports.
type Chat struct {
	ID         int64
	Platform   Platform
	ExternalID string // the platform's chat id
	Kind       ChatKind
	Title      string
	UnitID     int64 // 0 while unbound
	// Inactive is set when the bot was removed from the chat; nothing is
	// posted there until it is added back.
	Inactive  bool
	CreatedAt time.Time
}

// Bound reports whether the chat has been bound to a unit.
func (c *Chat) Bound() bool { return c.UnitID != 0 }

// Attachment is a file on a chat message, such as a resident's photo of the
// problem: the platform's reference to the file, its size and MIME type.
type Attachment struct {
	Kind     string `json:"kind"`     // "photo"
	FileRef  string `json:"file_ref"` // the platform's file id
	Size     int64  `json:"size,omitempty"`
	MIMEType string `json:"mime_type,omitempty"`
}

// CaseAttachment is an attachment kept as evidence on a case.
type CaseAttachment struct {
	ID        int64
	CaseID    int64
	EventKind EventKind // the step it came with (reported, resolved …)
	Platform  Platform
	Attachment
	CreatedAt time.Time
}
