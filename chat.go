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
	CreatedAt  time.Time
}

// Bound reports whether the chat has been bound to a unit.
func (c *Chat) Bound() bool { return c.UnitID != 0 }
