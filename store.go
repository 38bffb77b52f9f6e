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
	// fn may run more than once (PostgreSQL fails one of two conflicting
	// transactions, and the store runs it again): it must set its results
	// anew each time. A Tx method's error other than a lookup's ENOTFOUND
	// ends the transaction on PostgreSQL: return it rather than go on.
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
	TimerRepo
	StatsRepo
	NoticeRepo
	DeskRepo
}

// TimerRepo finds the cases whose timers are due and keeps the lease that
// lets one scheduler act at a time.
type TimerRepo interface {
	// ListTimerCases returns the cases on which the scheduler should take
	// q.Action now, soonest deadline first.
	ListTimerCases(q TimerQuery) ([]*Case, error)
	// AcquireLease takes or renews the named lease for holder until the
	// given time; false when another holder's lease has not expired.
	AcquireLease(name, holder string, until time.Time) (bool, error)
}

// TimerQuery selects the cases due for one timer action:
//
//   - remind_ack: an open whistle due before Before, not yet reminded nor escalated;
//   - escalate_ack: an open whistle due before Before, not yet escalated;
//   - remind_due: a project whose reminder time is before Before, not yet escalated;
//   - escalate_due: a project due before Before, not yet escalated;
//   - escalate_topic: a topic (not on the review list) reported before Before
//     that no officer answered and that was not escalated.
type TimerQuery struct {
	Action     Action
	Before     time.Time
	UrgentOnly bool // only urgent cases (during quiet hours)
	Limit      int
}

// StatsRepo computes statistics with aggregates in the database.
type StatsRepo interface {
	// CaseStats counts the cases f selects (the raw numbers of Stats;
	// Stats.Finish computes the rates).
	CaseStats(f StatsFilter) (*Stats, error)
}

// UnitRepo stores the unit tree.
type UnitRepo interface {
	CreateUnit(u *Unit) error // ECONFLICT if the name is taken
	FindUnitByID(id int64) (*Unit, error)
	FindUnitByName(name string) (*Unit, error)
	ListUnits() ([]*Unit, error)
	// UnitTree returns the whole tree, shared and cached while the units
	// do not change: callers must not modify it.
	UnitTree() (UnitTree, error)
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
	// SetOfficersChat makes a group the officers' work group of a unit,
	// where escalations and the weekly report are posted too.
	SetOfficersChat(chatID, unitID int64) error
	ListOfficersChats(unitID int64) ([]*Chat, error)
	// SetChatActive records whether the bot is still in the chat (a chat
	// not seen yet is created).
	SetChatActive(p Platform, externalID string, kind ChatKind, active bool) error
	// MigrateChat moves a chat to a new platform id (a Telegram group that
	// became a supergroup), keeping its unit, cases and pending messages.
	MigrateChat(p Platform, fromID, toID string) error
	// AddChatMember records that a person wrote in a chat (idempotent).
	AddChatMember(chatID, personID int64) error
	// IsChatMember reports whether a person wrote in chat chatID or, with
	// unitID not 0, in any group bound to unitID.
	IsChatMember(personID, chatID, unitID int64) (bool, error)
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
	// ListReachableIn is ListReachable for several roles and units in one
	// query; each identity comes with the role and unit of its grant.
	ListReachableIn(roles []Role, unitIDs []int64, p Platform) ([]*Reachable, error)
	GrantRole(g RoleGrant) error // idempotent
	ListGrants(personID int64) ([]RoleGrant, error)
	// ListGrantees returns the grants of role whose scope is exactly unitID.
	ListGrantees(role Role, unitID int64) ([]RoleGrant, error)
	CreateInvite(inv *Invite) error
	// RedeemInvite marks the invite used and grants its role in one step.
	RedeemInvite(code string, personID int64) (*Invite, error)
	// RevokeInvite makes an unused invite unusable; ENOTFOUND for an
	// unknown code, EINVALID for one already used, expired or revoked.
	RevokeInvite(code string) (*Invite, error)
	// ListInvites returns every invite, newest first.
	ListInvites() ([]*Invite, error)
	// CreateLinkCode stores a new link code, setting its CreatedAt.
	CreateLinkCode(l *LinkCode) error
	// RedeemLinkCode joins the identity (p, externalID) to the person who
	// asked for the code: that identity's person is merged into theirs
	// (identities, roles, cases, follows) and the code is used up.
	// ENOTFOUND for an unknown code; EINVALID for one used or expired,
	// for an identity already that person's, or for two accounts of the
	// same platform.
	RedeemLinkCode(code string, p Platform, externalID string) (*LinkCode, error)
	// RevokeLinkCode makes an unused link code unusable (ENOTFOUND,
	// EINVALID as RevokeInvite).
	RevokeLinkCode(code string) error
	// FindIdentity returns one platform identity.
	FindIdentity(p Platform, externalID string) (*Identity, error)
	// RevokeRole takes a grant back; ENOTFOUND if the person did not hold it.
	RevokeRole(g RoleGrant) error
	// ListAllGrants returns every role grant, by scope then person.
	ListAllGrants() ([]RoleGrant, error)
	// FindAttempts returns the failed tries counted for key (zero if none).
	FindAttempts(key string) (*Attempts, error)
	// PutAttempts stores a's count and lock.
	PutAttempts(a *Attempts) error
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
	// ListCandidates returns the open cases a new report may repeat, newest
	// first, with only what duplicate matching reads.
	ListCandidates(q CandidateQuery) ([]*CaseDigest, error)
	CountCases(f CaseFilter) (int, error)

	// AddFollower adds a follower; added is false if they already follow.
	AddFollower(caseID, personID int64, kind FollowKind) (added bool, err error)
	IsFollower(caseID, personID int64) (bool, error)
	// ListFollowers returns followers with their identity on platform p.
	ListFollowers(caseID int64, p Platform) ([]*Follower, error)
	// MoveFollowers makes the followers of one case followers of another.
	MoveFollowers(fromCaseID, toCaseID int64) error
	// RemoveFollower makes a person no longer follow a case (a reporter
	// who took back a report others still need: EventLeft).
	RemoveFollower(caseID, personID int64) error

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
	// Only messages of platform p are claimed; owner names the claimant
	// ("<instance>/<run>") so that its next run can hand them back.
	ClaimOutbox(p Platform, limit int, lease time.Duration, owner string) ([]*OutboxMessage, error)
	// ReleaseLeases hands back, due now and with the claim not counted, the
	// pending messages claimed by an owner whose name starts with prefix,
	// except those of owner except and of its inbox lanes (owners named
	// except + "#N"): a restarted process's previous runs. It also ends
	// those owners' leases on inbox chats.
	ReleaseLeases(prefix, except string) (int64, error)
	// OutboxInFlight reports whether a message to the chat is claimed and
	// not yet recorded as sent or failed.
	OutboxInFlight(p Platform, chatExternalID string) (bool, error)
	// FailChatOutbox gives up every pending message to a chat the bot can
	// no longer reach, and returns how many.
	FailChatOutbox(p Platform, chatExternalID, reason string) (int64, error)
	// PruneOutbox deletes messages sent or given up before the given time.
	PruneOutbox(before time.Time) (int64, error)
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
	// PutInboxBatch stores items in their order (each later one with a
	// larger id), as PutInbox each but in fewer statements, and returns how
	// many were new. It sets ReceivedAt (if zero) but not the IDs.
	PutInboxBatch(items []*InboxItem) (inserted int, err error)
	PendingInbox(limit int) ([]*InboxItem, error) // oldest first
	// ClaimInbox leases to owner the chats of the oldest pending items that
	// no other owner holds, and returns up to limit pending items of the
	// chats owner holds, oldest first: a chat is handled by one process at
	// a time. A lease not renewed expires after lease.
	ClaimInbox(limit int, lease time.Duration, owner string) ([]*InboxItem, error)
	// HoldChat renews owner's lease on a chat and reports whether owner
	// still held it (false: another process took the chat over).
	HoldChat(p Platform, chatKey, owner string, lease time.Duration) (bool, error)
	// ReleaseChats ends owner's leases on chats with no pending item left.
	ReleaseChats(owner string) (int64, error)
	CountPendingInbox() (int, error)
	// ListFailedInbox returns up to limit items set aside after failing,
	// newest first.
	ListFailedInbox(limit int) ([]*InboxItem, error)
	// RetryInbox makes a set-aside item (or, with id 0, every one) pending
	// again and returns how many.
	RetryInbox(id int64) (int64, error)
	MarkInboxDone(id int64, errText string) error
	// MarkInboxHandled records that pending items were handled without
	// error, several to a statement, and returns the ids that were not
	// pending (then the transaction must be rolled back). Handled items
	// keep only their key against redelivery, not their payload.
	MarkInboxHandled(ids []int64) (notPending []int64, err error)
	// PruneInbox deletes items handled without error before the given time.
	PruneInbox(before time.Time) (int64, error)
}

// SandboxRepo stores the sandbox platform's chat history.
type SandboxRepo interface {
	AppendSandboxMessage(m *SandboxMessage) error // sets ID and At
	ListSandboxMessages(chatKey string, afterID int64, limit int) ([]*SandboxMessage, error)
	FindSandboxMessage(id int64) (*SandboxMessage, error)
	// PruneSandbox deletes chat lines older than before that no newer
	// line replies to, and returns how many.
	PruneSandbox(before time.Time) (int64, error)
}

// SettingRepo stores facts about the installation, such as when it first
// started.
type SettingRepo interface {
	Setting(key string) (string, error) // ENOTFOUND if unset
	PutSetting(key, value string) error
	// Optimize refreshes the statistics the query planner uses (cheap
	// when nothing changed much).
	Optimize() error
}
