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
)

// Command asks for one action on a case.
type Command struct {
	Action   Action
	ActorID  int64 // 0 = the system
	Note     string
	UnitID   int64     // accept (owner), assign (new owner), whistle (whistled unit)
	TargetID int64     // merge: the case that absorbs this one
	Rating   Rating    // rate
	DueAt    time.Time // accept/whistle: deadline from the time-limit policy
}

// TransitionError says an action does not apply to a case in its stage.
type TransitionError struct {
	CaseID int64
	Stage  Stage
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
}

// Actions lists every action, in lifecycle order.
var Actions = []Action{ActionConfirm, ActionDismiss, ActionMerge, ActionAccept, ActionAssign,
	ActionWhistle, ActionAck, ActionProgress, ActionResolve, ActionRate, ActionClose}

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
	if !CanApply(c.Stage, cmd.Action) {
		return nil, &TransitionError{CaseID: c.ID, Stage: c.Stage, Action: cmd.Action}
	}
	if err := c.checkArgs(cmd); err != nil {
		return nil, err
	}
	ev := &Event{CaseID: c.ID, Kind: EventKind(cmd.Action), ActorID: cmd.ActorID,
		FromStage: c.Stage, UnitID: cmd.UnitID, Note: strings.TrimSpace(cmd.Note), CreatedAt: now}
	c.applyEffects(cmd, now)
	ev.ToStage = c.Stage
	c.UpdatedAt = now
	return ev, nil
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
	case ActionAck:
		if c.WhistleUnitID == 0 {
			return Errorf(EINVALID, "case #%d has no open whistle", c.ID)
		}
	case ActionProgress:
		if note == "" {
			return Errorf(EINVALID, "progress needs a text")
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
	case ActionDismiss:
		c.ClosedAt = now
	case ActionAccept, ActionAssign:
		if cmd.UnitID != 0 {
			c.OwnerUnitID = cmd.UnitID
		}
		if !cmd.DueAt.IsZero() {
			c.DueAt = cmd.DueAt
		}
		c.Quiet = false
	case ActionConfirm:
		c.Quiet = false
	case ActionWhistle:
		c.WhistleUnitID, c.WhistleDueAt = cmd.UnitID, cmd.DueAt
	case ActionAck:
		c.WhistleUnitID, c.WhistleDueAt = 0, time.Time{}
	case ActionResolve:
		c.ResolvedAt = now
	case ActionRate:
		c.applyRating(cmd.Rating, cmd.DueAt, now)
	case ActionClose:
		c.Rating, c.ClosedAt = RatingNone, now
	}
}

// applyRating closes the case, or reopens the project, with a fresh
// deadline if given, when the reporter is not satisfied.
func (c *Case) applyRating(r Rating, due, now time.Time) {
	c.Rating = r
	if r == RatingUnsatisfied {
		c.Stage = StageProject
		c.ResolvedAt = time.Time{}
		if !due.IsZero() {
			c.DueAt = due
		}
		return
	}
	c.ClosedAt = now
}
