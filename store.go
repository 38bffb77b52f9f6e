package neighborbot

import (
	"context"
	"time"
)

// Store keeps everything. Each Update runs in one transaction, so that a
// handled message, the case change it causes and the replies it queues are
// written together or not at all.
type Store interface {
	// Update runs fn in a read-write transaction; fn's error rolls it back.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// Tx is one transaction over every repository. Lookups of a missing row
// return an ENOTFOUND error.
type Tx interface {
	// Now is the store's clock (injectable for tests).
	Now() time.Time

	UnitRepo
	ChatRepo
	PersonRepo
	CaseRepo
	OutboxRepo
	InboxRepo
	SandboxRepo
	SettingRepo
}

// UnitRepo stores the unit tree.
type UnitRepo interface {
	CreateUnit(u *Unit) error // ECONFLICT if the name is taken
	FindUnitByID(id int64) (*Unit, error)
	FindUnitByName(name string) (*Unit, error)
	ListUnits() ([]*Unit, error)
}

// ChatRepo stores chats.
type ChatRepo interface {
	// EnsureChat inserts c if (platform, external id) is new, otherwise fills
	// c from the stored row (updating the title if it changed).
	EnsureChat(c *Chat) error
	FindChatByID(id int64) (*Chat, error)
	FindChat(p Platform, externalID string) (*Chat, error)
	ListChats(p Platform, kind ChatKind) ([]*Chat, error) // "" = any
	// BindChat binds a chat to a unit and gives its unbound cases that unit.
	BindChat(chatID, unitID int64) error
	// SetChatActive records whether the bot is still in the chat (a chat
	// not seen yet is created).
	SetChatActive(p Platform, externalID string, kind ChatKind, active bool) error
	// MigrateChat moves a chat to a new platform id (a Telegram group that
	// became a supergroup), keeping its unit, cases and pending messages.
	MigrateChat(p Platform, fromID, toID string) error
}

// PersonRepo stores people, their platform identities, roles and invites.
type PersonRepo interface {
	// EnsurePerson returns the person behind an identity, creating both if
	// new; the display name is updated when it changed.
	EnsurePerson(p Platform, externalID, displayName string) (*Person, error)
	FindPersonByID(id int64) (*Person, error)
	FindPersonByIdentity(p Platform, externalID string) (*Person, error)
	ListIdentities(p Platform) ([]*Identity, error)
	// SetPrivateChat records the private chat an identity writes to the bot from.
	SetPrivateChat(p Platform, externalID, chatID string) error
	// ListReachable returns the identities on platform p, with a private
	// chat, of the people who hold role with a scope of exactly unitID.
	ListReachable(role Role, unitID int64, p Platform) ([]*Identity, error)
	GrantRole(g RoleGrant) error // idempotent
	ListGrants(personID int64) ([]RoleGrant, error)
	// ListGrantees returns the grants of role whose scope is exactly unitID.
	ListGrantees(role Role, unitID int64) ([]RoleGrant, error)
	CreateInvite(inv *Invite) error
	// RedeemInvite marks the invite used and grants its role in one step.
	RedeemInvite(code string, personID int64) (*Invite, error)
}

// CaseRepo stores cases, their followers and their event log.
type CaseRepo interface {
	CreateCase(c *Case) error // sets ID, CreatedAt, UpdatedAt
	UpdateCase(c *Case) error
	FindCaseByID(id int64) (*Case, error)
	// FindCaseByMessage finds the case whose report, or one of whose bot
	// messages, has the given platform message id in the chat.
	FindCaseByMessage(p Platform, chatExternalID, messageID string) (*Case, error)
	ListCases(f CaseFilter) ([]*Case, error)
	CountCases(f CaseFilter) (int, error)

	// AddFollower adds a follower; added is false if they already follow.
	AddFollower(caseID, personID int64, kind FollowKind) (added bool, err error)
	IsFollower(caseID, personID int64) (bool, error)
	// ListFollowers returns followers with their identity on platform p.
	ListFollowers(caseID int64, p Platform) ([]*Follower, error)
	// MoveFollowers makes the followers of one case followers of another.
	MoveFollowers(fromCaseID, toCaseID int64) error

	AddAttachment(a *CaseAttachment) error // sets ID and CreatedAt
	ListAttachments(caseID int64) ([]*CaseAttachment, error)

	AppendEvent(e *Event) error // append-only
	ListEvents(caseID int64) ([]*Event, error)
}

// OutboxRepo stores outgoing messages until they are sent.
type OutboxRepo interface {
	EnqueueOutbox(m *OutboxMessage) error
	// ClaimOutbox returns up to limit pending messages due at now, in order,
	// and pushes their next attempt to now+lease so that no other sender
	// takes them meanwhile. A chat's message never overtakes an earlier
	// message of the same chat that is in flight or waiting to be retried
	// (one merely scheduled for later does not hold the chat back).
	ClaimOutbox(limit int, lease time.Duration) ([]*OutboxMessage, error)
	MarkOutboxSent(id int64, externalID string) error
	// MarkOutboxRetry records a failed attempt; dead gives up for good.
	MarkOutboxRetry(id int64, lastErr string, next time.Time, dead bool) error
	// ReleaseOutbox hands back a claimed message that was not tried, so
	// the claim's attempt does not count; it is due again at next.
	ReleaseOutbox(id int64, next time.Time, reason string) error
	FindOutbox(id int64) (*OutboxMessage, error)
}

// InboxRepo stores incoming messages until they are handled.
type InboxRepo interface {
	// PutInbox stores item unless one with the same (platform, chat key,
	// message id) exists; inserted tells which.
	PutInbox(item *InboxItem) (inserted bool, err error)
	PendingInbox(limit int) ([]*InboxItem, error) // oldest first
	MarkInboxDone(id int64, errText string) error
	// PruneInbox deletes items handled without error before the given time.
	PruneInbox(before time.Time) (int64, error)
}

// SandboxRepo stores the sandbox platform's chat history.
type SandboxRepo interface {
	AppendSandboxMessage(m *SandboxMessage) error // sets ID and At
	ListSandboxMessages(chatKey string, afterID int64, limit int) ([]*SandboxMessage, error)
	FindSandboxMessage(id int64) (*SandboxMessage, error)
}

// SettingRepo stores facts about the installation, such as when it first
// started.
type SettingRepo interface {
	Setting(key string) (string, error) // ENOTFOUND if unset
	PutSetting(key, value string) error
}
