package neighborbot

import (
	"strconv"
	"strings"
	"time"
)

// Action is something a person (or the scheduler) does to a case.
type Action string

// Lifecycle actions (DESIGN.md, "Case lifecycle").
const (
	ActionConfirm  Action = "confirm"  // 确认: topic → issue
	ActionDismiss  Action = "dismiss"  // 驳回: topic/issue → dismissed
	ActionMerge    Action = "merge"    // 合并: topic/issue → merged
	ActionAccept   Action = "accept"   // 立项: topic/issue → project
	ActionAssign   Action = "assign"   // 派单: project → project, new owner
	ActionWhistle  Action = "whistle"  // 吹哨: any open stage, a unit must acknowledge
	ActionAck      Action = "ack"      // 报到: closes an open whistle
	ActionProgress Action = "progress" // 进展: project → project
	ActionResolve  Action = "resolve"  // 办结: project → resolved
	ActionRate     Action = "rate"     // 评价: resolved → closed, or back to project if 不满意
	ActionClose    Action = "close"    // scheduler: resolved → closed without a rating
	ActionExtend   Action = "extend"   // 延期: a project's deadline moves, with a reason
	ActionWithdraw Action = "withdraw" // 撤回: the reporter says it is not a report: topic/issue → dismissed
	ActionCategory Action = "category" // 分类: an officer corrects the category of an open case

	// Timer actions, taken by the scheduler only (see Timers).
	ActionRemindAck     Action = "remind_ack"     // a whistle not acknowledged in time: remind the unit
	ActionEscalateAck   Action = "escalate_ack"   // still not acknowledged: tell the parent unit's officers
	ActionRemindDue     Action = "remind_due"     // a project near its deadline: remind the owner
	ActionEscalateDue   Action = "escalate_due"   // a project past its deadline: tell the parent unit's officers
	ActionEscalateTopic Action = "escalate_topic" // a topic nobody answered in time: tell the community's officers
)

// TimerActions are the actions only the scheduler takes.
var TimerActions = []Action{ActionRemindAck, ActionEscalateAck, ActionRemindDue, ActionEscalateDue, ActionEscalateTopic}

// IsTimer reports whether a is one of the scheduler's timer actions.
func (a Action) IsTimer() bool {
	for _, t := range TimerActions {
		if a == t {
			return true
		}
	}
	return false
}

// responds reports whether a person taking a counts as answering the case
// (响应): any officer's or owner's step, not a resident's rating.
func (a Action) responds() bool {
	switch a {
	case ActionConfirm, ActionDismiss, ActionMerge, ActionAccept, ActionAssign, ActionWhistle,
		ActionProgress, ActionResolve:
		return true
	}
	return false
}

// Command asks for one action on a case.
type Command struct {
	Action   Action
	ActorID  int64 // 0 = the system
	Note     string
	UnitID   int64     // accept (owner), assign (new owner), whistle (whistled unit)
	TargetID int64     // merge: the case that absorbs this one
	Rating   Rating    // rate
	DueAt    time.Time // accept/assign/extend/whistle, rate (if reopened): the new deadline
	// Extend is how far an extension moves the deadline (extend only; the
	// case service turns it into DueAt).
	Extend time.Duration
	// RemindAt is when the owner is reminded of the deadline DueAt (accept,
	// assign, extend, rate if reopened); zero = no reminder.
	RemindAt time.Time
	// Category is the corrected category (category only).
	Category string
	// Photos show the action (a photo of the repair sent with "#办结"),
	// as files of the platform PhotosFrom: the group's notice carries them
	// when the case's group is on that platform (a file id means nothing
	// on another).
	Photos     []Attachment
	PhotosFrom Platform
}

// TransitionError says an action does not apply to a case in its stage.
type TransitionError struct {
	CaseID int64
	Stage  Stage
	State  string // as shown (Case.State): a withdrawn case is dismissed
	Action Action
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	return "case #" + strconv.FormatInt(e.CaseID, 10) + " is " + string(e.Stage) + ": cannot " + string(e.Action)
}

// transitions lists, for each action, the stages it applies to and the
// stage it leads to ("" = stays where it is).
var transitions = map[Action]struct {
	from []Stage
	to   Stage
}{
	ActionConfirm:  {[]Stage{StageTopic}, StageIssue},
	ActionDismiss:  {[]Stage{StageTopic, StageIssue}, StageDismissed},
	ActionMerge:    {[]Stage{StageTopic, StageIssue}, StageMerged},
	ActionAccept:   {[]Stage{StageTopic, StageIssue}, StageProject},
	ActionAssign:   {[]Stage{StageProject}, ""},
	ActionWhistle:  {[]Stage{StageTopic, StageIssue, StageProject}, ""},
	ActionAck:      {[]Stage{StageTopic, StageIssue, StageProject}, ""},
	ActionProgress: {[]Stage{StageProject}, ""},
	ActionResolve:  {[]Stage{StageProject}, StageResolved},
	ActionRate:     {[]Stage{StageResolved}, StageClosed},
	ActionClose:    {[]Stage{StageResolved}, StageClosed},
	ActionExtend:   {[]Stage{StageProject}, ""},
	ActionWithdraw: {[]Stage{StageTopic, StageIssue}, StageDismissed},
	ActionCategory: {[]Stage{StageTopic, StageIssue, StageProject}, ""},

	ActionRemindAck:     {[]Stage{StageTopic, StageIssue, StageProject}, ""},
	ActionEscalateAck:   {[]Stage{StageTopic, StageIssue, StageProject}, ""},
	ActionRemindDue:     {[]Stage{StageProject}, ""},
	ActionEscalateDue:   {[]Stage{StageProject}, ""},
	ActionEscalateTopic: {[]Stage{StageTopic}, ""},
}

// Actions lists every action, in lifecycle order.
var Actions = []Action{ActionConfirm, ActionDismiss, ActionMerge, ActionAccept, ActionAssign,
	ActionWhistle, ActionAck, ActionProgress, ActionResolve, ActionRate, ActionClose, ActionExtend,
	ActionWithdraw, ActionCategory, ActionRemindAck, ActionEscalateAck, ActionRemindDue, ActionEscalateDue, ActionEscalateTopic}

// CanApply reports whether action applies to a case in stage.
func CanApply(stage Stage, action Action) bool {
	t, ok := transitions[action]
	if !ok {
		return false
	}
	for _, s := range t.from {
		if s == stage {
			return true
		}
	}
	return false
}

// Apply moves the case by cmd at now and returns the event to append.
// It checks the stage and the command's own arguments; who may act is
// Authorize's job. On error the case is unchanged.
func (c *Case) Apply(cmd Command, now time.Time) (*Event, error) {
	if err := c.Check(cmd); err != nil {
		return nil, err
	}
	ev := &Event{CaseID: c.ID, Kind: EventKind(cmd.Action), ActorID: cmd.ActorID,
		FromStage: c.Stage, UnitID: cmd.UnitID, Note: strings.TrimSpace(cmd.Note), CreatedAt: now}
	c.applyEffects(cmd, now)
	if cmd.ActorID != 0 && cmd.Action.responds() && c.FirstResponseAt.IsZero() {
		c.FirstResponseAt = now
	}
	ev.ToStage = c.Stage
	c.UpdatedAt = now
	return ev, nil
}

// Check reports whether Apply would accept cmd, without changing the case.
func (c *Case) Check(cmd Command) error {
	if !CanApply(c.Stage, cmd.Action) {
		return &TransitionError{CaseID: c.ID, Stage: c.Stage, State: c.State(), Action: cmd.Action}
	}
	return c.checkArgs(cmd)
}

func (c *Case) checkArgs(cmd Command) error {
	note := strings.TrimSpace(cmd.Note)
	switch cmd.Action {
	case ActionDismiss:
		if note == "" {
			return Errorf(EINVALID, "a reason is required to dismiss")
		}
	case ActionMerge:
		if cmd.TargetID == 0 || cmd.TargetID == c.ID {
			return Errorf(EINVALID, "merge needs another case")
		}
	case ActionAssign, ActionWhistle:
		if cmd.UnitID == 0 {
			return Errorf(EINVALID, "a unit is required")
		}
		if cmd.Action == ActionAssign && cmd.UnitID == c.OwnerUnitID { // it would only restart the deadline
			return Errorf(EINVALID, "the case is already assigned to this unit")
		}
	case ActionAck, ActionRemindAck, ActionEscalateAck:
		if c.WhistleUnitID == 0 {
			return Errorf(EINVALID, "case #%d has no open whistle", c.ID)
		}
	case ActionExtend:
		if note == "" {
			return Errorf(EINVALID, "a reason is required to extend")
		}
		if !cmd.DueAt.After(c.DueAt) {
			return Errorf(EINVALID, "the new deadline must be later than the current one")
		}
	case ActionProgress:
		if note == "" {
			return Errorf(EINVALID, "progress needs a text")
		}
	case ActionCategory:
		if strings.TrimSpace(cmd.Category) == "" || cmd.Category == c.Category {
			return Errorf(EINVALID, "a different category is required")
		}
	case ActionRate:
		switch cmd.Rating {
		case RatingSatisfied, RatingBasic, RatingUnsatisfied:
		default:
			return Errorf(EINVALID, "rating must be satisfied, basic or unsatisfied")
		}
	}
	return nil
}

func (c *Case) applyEffects(cmd Command, now time.Time) {
	if to := transitions[cmd.Action].to; to != "" {
		c.Stage = to
	}
	switch cmd.Action {
	case ActionMerge:
		c.MergedInto = cmd.TargetID
		c.ClosedAt = now
	case ActionDismiss, ActionWithdraw:
		c.ClosedAt = now
		c.Withdrawn = cmd.Action == ActionWithdraw
	case ActionCategory:
		c.Category = strings.TrimSpace(cmd.Category)
	case ActionAccept, ActionAssign:
		if cmd.UnitID != 0 {
			c.OwnerUnitID = cmd.UnitID
		}
		c.setDue(cmd)
		c.Quiet = false
	case ActionExtend:
		c.setDue(cmd)
		c.Extensions++
	case ActionConfirm:
		c.Quiet = false
	case ActionWhistle:
		c.WhistleUnitID, c.WhistleDueAt = cmd.UnitID, cmd.DueAt
		c.WhistleRemindedAt, c.WhistleEscalatedAt = time.Time{}, time.Time{}
	case ActionAck:
		c.WhistleUnitID, c.WhistleDueAt = 0, time.Time{}
		c.WhistleRemindedAt, c.WhistleEscalatedAt = time.Time{}, time.Time{}
	case ActionRemindAck:
		c.WhistleRemindedAt = now
	case ActionEscalateAck:
		c.WhistleEscalatedAt = now
	case ActionRemindDue:
		c.DueRemindAt = time.Time{}
	case ActionEscalateDue:
		c.DueEscalatedAt = now
	case ActionEscalateTopic:
		c.TopicEscalatedAt = now
	case ActionResolve:
		c.ResolvedAt = now
	case ActionRate:
		c.applyRating(cmd, now)
	case ActionClose:
		c.Rating, c.ClosedAt = RatingNone, now
	}
}

// applyRating closes the case, or reopens the project, with a fresh
// deadline if given, when the reporter is not satisfied.
func (c *Case) applyRating(cmd Command, now time.Time) {
	c.Rating = cmd.Rating
	if cmd.Rating == RatingUnsatisfied {
		c.Stage = StageProject
		c.ResolvedAt = time.Time{}
		if !cmd.DueAt.IsZero() {
			c.setDue(cmd)
		}
		return
	}
	c.ClosedAt = now
}

// setDue gives the case a new deadline and its reminder, and forgets that
// the old one was escalated.
func (c *Case) setDue(cmd Command) {
	if cmd.DueAt.IsZero() {
		return
	}
	c.DueAt, c.DueRemindAt, c.DueEscalatedAt = cmd.DueAt, cmd.RemindAt, time.Time{}
}
