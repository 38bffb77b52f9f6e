package neighborbot

import (
	"fmt"
	"strings"
	"time"
)

// NoticeStatus tells where a broadcast notice (宣传代言人的通知) stands.
type NoticeStatus string

// Notice statuses. A notice that needs no approval is queued at once.
const (
	NoticeAwaiting  NoticeStatus = "awaiting"  // waits for an officer's approval
	NoticeQueued    NoticeStatus = "queued"    // its deliveries are in the outbox
	NoticeRejected  NoticeStatus = "rejected"  // an officer refused it
	NoticeCancelled NoticeStatus = "cancelled" // withdrawn, or its author's role revoked
)

// Open reports whether the notice may still be approved or cancelled.
func (s NoticeStatus) Open() bool { return s == NoticeAwaiting || s == NoticeQueued }

// Notice is a text an ambassador or an officer broadcasts to the groups of
// a unit. Numbered B1, B2 … for humans.
type Notice struct {
	ID       int64
	AuthorID int64
	// AuthorName is shown with the notice, so that nobody mistakes it for
	// the bot's own word.
	AuthorName string
	UnitID     int64 // the scope: every group bound to this unit or below it
	Text       string
	Urgent     bool // sent even in quiet hours (officers only)
	// Photo is the photo sent with the notice, to the groups of its
	// Platform (a platform's file reference means nothing elsewhere).
	Photo  *Attachment
	SendAt time.Time // zero: at once
	Status NoticeStatus
	// Why is why it needs approval: "scope", "link" ("" = none needed).
	Why string
	// Where the author asked for it, to answer them there.
	Platform       Platform
	ChatExternalID string
	MessageID      string
	DecidedBy      int64
	DecidedAt      time.Time
	Reason         string // a rejection's reason
	CreatedAt      time.Time
}

// Code is the notice's number as people write it: "B7".
func (n *Notice) Code() string { return fmt.Sprintf("B%d", n.ID) }

// ParseNoticeCode reads "B7" (or "b7", "7") as a notice number.
func ParseNoticeCode(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "#"), "B")
	s = strings.TrimPrefix(s, "b")
	var n int64
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != s {
		return 0, false
	}
	return n, true
}

// DeliveryState is where one group's copy of a notice stands.
type DeliveryState string

// Delivery states.
const (
	DeliveryPending   DeliveryState = "pending"
	DeliveryDelivered DeliveryState = "delivered"
	DeliveryFailed    DeliveryState = "failed"
	DeliveryCancelled DeliveryState = "cancelled"
	DeliveryArchived  DeliveryState = "archived" // delivered or failed long ago; the outbox row was pruned
)

// NoticeCancelledReason is the last error of a delivery given up because
// its notice was cancelled.
const NoticeCancelledReason = "notice cancelled"

// NoticeDelivery is one group's copy of a notice.
type NoticeDelivery struct {
	NoticeID  int64
	ChatID    int64
	Title     string
	Platform  Platform
	OutboxID  int64
	State     DeliveryState
	DueAt     time.Time // when it is (or was) to go out
	SentAt    time.Time
	LastError string
}

// BroadcastEventKind is what a broadcast audit entry records.
type BroadcastEventKind string

// Broadcast audit entries.
const (
	BroadcastAppointed BroadcastEventKind = "appointed"
	BroadcastRevoked   BroadcastEventKind = "revoked"
	BroadcastSubmitted BroadcastEventKind = "submitted" // needs approval
	BroadcastQueued    BroadcastEventKind = "queued"    // deliveries queued (needed no approval)
	BroadcastApproved  BroadcastEventKind = "approved"
	BroadcastRejected  BroadcastEventKind = "rejected"
	BroadcastCancelled BroadcastEventKind = "cancelled"
)

// BroadcastEvent is one entry of the broadcasts' audit log: who did what to
// which notice or whose role.
type BroadcastEvent struct {
	ID       int64
	NoticeID int64 // 0 for an appointment or a revocation
	Kind     BroadcastEventKind
	ActorID  int64 // 0 = the system
	PersonID int64 // the person appointed or revoked
	UnitID   int64
	Note     string
	At       time.Time
}

// NoticeFilter selects notices.
type NoticeFilter struct {
	AuthorID int64          // 0 = anyone
	Statuses []NoticeStatus // none = any
	Since    time.Time      // created at or after (zero = ever)
	Limit    int
}

// NoticeRepo stores broadcast notices, their deliveries and audit log.
type NoticeRepo interface {
	CreateNotice(n *Notice) error // sets ID and CreatedAt
	FindNotice(id int64) (*Notice, error)
	UpdateNotice(n *Notice) error
	ListNotices(f NoticeFilter) ([]*Notice, error)
	CountNotices(f NoticeFilter) (int, error)
	// AddNoticeDelivery queues m as the notice's copy for chat chatID,
	// unless that chat already has one (added false): a notice reaches a
	// group at most once whatever is retried.
	AddNoticeDelivery(noticeID, chatID int64, m *OutboxMessage) (added bool, err error)
	ListNoticeDeliveries(noticeID int64) ([]*NoticeDelivery, error)
	// CancelNoticeDeliveries gives up the notice's copies not yet sent nor
	// being sent, and returns how many.
	CancelNoticeDeliveries(noticeID int64) (int64, error)
	AppendBroadcastEvent(e *BroadcastEvent) error
	ListBroadcastEvents(noticeID int64) ([]*BroadcastEvent, error)
	// FindPeopleByName returns the people called name, by id.
	FindPeopleByName(name string) ([]*Person, error)
}
