package neighborbot

import "time"

// Stage is where a case stands in its lifecycle (话题 → 议题 → 项目 → 办结).
type Stage string

// Case stages.
const (
	StageTopic     Stage = "topic"     // 话题: a concern detected in chat
	StageIssue     Stage = "issue"     // 议题: confirmed as a real pain point
	StageProject   Stage = "project"   // 项目: accepted, with an owner and a deadline
	StageResolved  Stage = "resolved"  // 办结: the owner says it is done; awaiting rating
	StageClosed    Stage = "closed"    // 已关闭: rated, or no rating in time
	StageDismissed Stage = "dismissed" // 已驳回
	StageMerged    Stage = "merged"    // 已合并 into another case
)

// Open reports whether the case still needs work.
func (s Stage) Open() bool {
	return s == StageTopic || s == StageIssue || s == StageProject
}

// Priority is the time-limit tier of a case.
type Priority string

// Priorities, after Beijing 12345 practice.
const (
	PriorityUrgent    Priority = "urgent"    // risk to life or property: 2 h
	PriorityUtilities Priority = "utilities" // water, power, gas, heating: 24 h
	PriorityGeneral   Priority = "general"   // 7 days
	PriorityComplex   Priority = "complex"   // 15 days
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool {
	switch p {
	case PriorityUrgent, PriorityUtilities, PriorityGeneral, PriorityComplex:
		return true
	}
	return false
}

// Rating is a reporter's verdict on a resolved case.
type Rating string

// Ratings.
const (
	RatingSatisfied   Rating = "satisfied"   // 满意
	RatingBasic       Rating = "basic"       // 基本满意
	RatingUnsatisfied Rating = "unsatisfied" // 不满意: reopens the project
	RatingNone        Rating = "none"        // no rating in time
)

// Case is one resident concern on its way from topic to closed.
// Its ID is the number people see (#12).
type Case struct {
	ID           int64
	Stage        Stage
	Text         string // the report as the resident wrote it
	Category     string
	Location     string // as written, e.g. "44号楼"
	LocationNorm string // normalised for matching, e.g. "44号楼"
	Priority     Priority
	Confidence   float64
	Quiet        bool // low-confidence detection: on the review list, not acknowledged in the group

	SuggestedDuplicate int64 // a weak duplicate match, for officers to merge or not

	UnitID     int64  // the unit of the originating chat; 0 while the chat is unbound
	ChatID     int64  // originating chat
	ReportMsg  string // platform message id of the report, for replies
	ReporterID int64

	OwnerUnitID int64     // who must do it, once a project
	DueAt       time.Time // deadline of the project
	MergedInto  int64
	Rating      Rating

	WhistleUnitID int64     // unit whistled and not yet acknowledged (0 = none open)
	WhistleDueAt  time.Time // deadline to acknowledge

	// Timers: what the scheduler has done, so that each reminder and
	// escalation happens once, even after a long outage.
	DueRemindAt        time.Time // when to remind the owner of DueAt; zero once reminded (or never)
	DueEscalatedAt     time.Time // when the missed DueAt was escalated
	WhistleRemindedAt  time.Time // when the whistled unit was reminded
	WhistleEscalatedAt time.Time // when the missed whistle was escalated
	TopicEscalatedAt   time.Time // when the unanswered topic was escalated
	Extensions         int       // how often the deadline was extended (延期)
	FirstResponseAt    time.Time // first step an officer or owner took (响应)

	CreatedAt  time.Time
	UpdatedAt  time.Time
	ResolvedAt time.Time
	ClosedAt   time.Time

	// Withdrawn is derived from the case's history, never stored: its
	// reporter took it back (action withdraw), which ends in the dismissed
	// stage as an officer's 驳回 does, but is not a rejection.
	Withdrawn bool
}

// StateWithdrawn is the state shown for a dismissed case its reporter
// withdrew (State); it is no stage of the lifecycle.
const StateWithdrawn = "withdrawn"

// State is the case's state as people are shown it: its stage, except
// StateWithdrawn for a case its reporter withdrew.
func (c *Case) State() string {
	if c.Withdrawn && c.Stage == StageDismissed {
		return StateWithdrawn
	}
	return string(c.Stage)
}

// FollowKind tells a reporter from someone who joined later.
type FollowKind string

// Follower kinds.
const (
	FollowReporter FollowKind = "reporter"
	FollowFollower FollowKind = "follower"
)

// Follower is a person who reported or joined a case ("+1", "我也是").
type Follower struct {
	CaseID     int64
	PersonID   int64
	Kind       FollowKind
	Name       string // display name on the case's platform
	ExternalID string // platform user id on the case's platform, for mentions
	CreatedAt  time.Time
}

// EventKind names what happened to a case.
type EventKind string

// Event kinds: one per lifecycle action, plus reported and followed.
const (
	EventReported EventKind = "reported"
	EventFollowed EventKind = "followed"
	EventBound    EventKind = "bound"    // the chat was bound, the case got its unit
	EventEdited   EventKind = "edited"   // the reporter edited the report; the note keeps the old text
	EventEvidence EventKind = "evidence" // a photo was added to the case
	// EventLeft: the reporter took back a report others follow or someone
	// else acted on (WithdrawHold); the case stays, the reporter no longer
	// follows it, and the note says why as a withdrawal's does (WithdrawNote).
	EventLeft EventKind = "left"
)

// Event is one entry of a case's append-only log.
type Event struct {
	ID        int64
	CaseID    int64
	Kind      EventKind
	ActorID   int64 // 0 = the system
	FromStage Stage
	ToStage   Stage
	UnitID    int64 // the unit an accept/assign/whistle/ack names
	Note      string
	CreatedAt time.Time
}

// CandidateQuery selects the open cases a new report may repeat: those of
// one unit (or, for a chat bound to no unit, one chat) and category created
// since a time.
type CandidateQuery struct {
	UnitID   int64 // 0: use ChatID
	ChatID   int64
	Category string
	Since    time.Time
	Limit    int
}

// CaseDigest is what duplicate matching reads of an open case.
type CaseDigest struct {
	ID           int64
	Category     string
	LocationNorm string // normalised places joined by "|"
	Text         string
	CreatedAt    time.Time
}

// CaseFilter selects cases. Zero fields do not filter.
type CaseFilter struct {
	IDs     []int64 // only these cases; nil = no filter
	Stages  []Stage
	UnitID  int64   // within this unit (exact)
	UnitIDs []int64 // within any of these units (exact); nil = no filter
	// OwnerUnitIDs, with UnitIDs: also the cases owned by or whistled to
	// one of these units (a department's work); nil = no filter.
	OwnerUnitIDs []int64
	ChatID       int64
	Category     string
	FollowerID   int64 // cases this person reported or follows
	Since        time.Time
	// ResolvedBefore selects cases resolved (办结) before this time.
	ResolvedBefore time.Time
	OpenOnly       bool
	QuietOnly      bool // only cases on the review list (low-confidence detections)
	LoudOnly       bool // only cases not on the review list
	// OverdueAt selects projects whose deadline passed before this time.
	OverdueAt time.Time
	// Before selects cases reported before this time (with Since, a period).
	Before time.Time
	// Priority selects cases of one priority (PriorityUrgent: the urgent ones).
	Priority Priority
	// ExceptPriority leaves out the cases of one priority.
	ExceptPriority Priority
	// WhistleOpen selects cases with a whistle not yet acknowledged.
	WhistleOpen bool
	// Text selects cases whose report or location contains it.
	Text string
	// ByDue orders projects by deadline, soonest first, then the other
	// cases oldest first (default: newest first).
	ByDue  bool
	Offset int
	Limit  int // 0 = a sensible default
}
