package neighborbot_test

import (
	"errors"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

var allStages = []nb.Stage{nb.StageTopic, nb.StageIssue, nb.StageProject, nb.StageResolved,
	nb.StageClosed, nb.StageDismissed, nb.StageMerged}

// validCommand returns a command whose arguments are acceptable for action.
func validCommand(a nb.Action) nb.Command {
	cmd := nb.Command{Action: a, ActorID: 7}
	switch a {
	case nb.ActionDismiss, nb.ActionProgress, nb.ActionResolve:
		cmd.Note = "原因"
	case nb.ActionExtend:
		cmd.Note = "原因"
		cmd.DueAt = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	case nb.ActionMerge:
		cmd.TargetID = 99
	case nb.ActionAccept, nb.ActionAssign, nb.ActionWhistle, nb.ActionAck:
		cmd.UnitID = 5
		cmd.DueAt = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	case nb.ActionRate:
		cmd.Rating = nb.RatingSatisfied
	case nb.ActionCategory:
		cmd.Category = "环境卫生"
	}
	return cmd
}

// TestTransitionTable checks every stage × action against the lifecycle
// table of DESIGN.md.
func TestTransitionTable(t *testing.T) {
	want := map[nb.Action]map[nb.Stage]nb.Stage{
		nb.ActionConfirm:  {nb.StageTopic: nb.StageIssue},
		nb.ActionDismiss:  {nb.StageTopic: nb.StageDismissed, nb.StageIssue: nb.StageDismissed},
		nb.ActionMerge:    {nb.StageTopic: nb.StageMerged, nb.StageIssue: nb.StageMerged},
		nb.ActionAccept:   {nb.StageTopic: nb.StageProject, nb.StageIssue: nb.StageProject},
		nb.ActionAssign:   {nb.StageProject: nb.StageProject},
		nb.ActionWhistle:  {nb.StageTopic: nb.StageTopic, nb.StageIssue: nb.StageIssue, nb.StageProject: nb.StageProject},
		nb.ActionAck:      {nb.StageTopic: nb.StageTopic, nb.StageIssue: nb.StageIssue, nb.StageProject: nb.StageProject},
		nb.ActionProgress: {nb.StageProject: nb.StageProject},
		nb.ActionResolve:  {nb.StageProject: nb.StageResolved},
		nb.ActionRate:     {nb.StageResolved: nb.StageClosed},
		nb.ActionClose:    {nb.StageResolved: nb.StageClosed},
		nb.ActionExtend:   {nb.StageProject: nb.StageProject},
		nb.ActionWithdraw: {nb.StageTopic: nb.StageDismissed, nb.StageIssue: nb.StageDismissed},
		nb.ActionCategory: {nb.StageTopic: nb.StageTopic, nb.StageIssue: nb.StageIssue, nb.StageProject: nb.StageProject},

		nb.ActionRemindAck:     {nb.StageTopic: nb.StageTopic, nb.StageIssue: nb.StageIssue, nb.StageProject: nb.StageProject},
		nb.ActionEscalateAck:   {nb.StageTopic: nb.StageTopic, nb.StageIssue: nb.StageIssue, nb.StageProject: nb.StageProject},
		nb.ActionRemindDue:     {nb.StageProject: nb.StageProject},
		nb.ActionEscalateDue:   {nb.StageProject: nb.StageProject},
		nb.ActionEscalateTopic: {nb.StageTopic: nb.StageTopic},
	}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for _, a := range nb.Actions {
		for _, s := range allStages {
			c := &nb.Case{ID: 1, Stage: s, WhistleUnitID: 5}
			ev, err := c.Apply(validCommand(a), now)
			to, ok := want[a][s]
			if !ok {
				var te *nb.TransitionError
				if !errors.As(err, &te) || te.Stage != s || te.Action != a {
					t.Errorf("%s on %s: want TransitionError, got %v", a, s, err)
				}
				if c.Stage != s {
					t.Errorf("%s on %s: stage changed to %s on error", a, s, c.Stage)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s on %s: %v", a, s, err)
				continue
			}
			if c.Stage != to || ev.FromStage != s || ev.ToStage != to || ev.Kind != nb.EventKind(a) || ev.ActorID != 7 {
				t.Errorf("%s on %s: stage %s, event %+v; want %s", a, s, c.Stage, ev, to)
			}
			if !c.UpdatedAt.Equal(now) {
				t.Errorf("%s on %s: UpdatedAt not set", a, s)
			}
		}
	}
}

func TestApplyEffects(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	due := now.Add(2 * time.Hour)
	c := &nb.Case{ID: 3, Stage: nb.StageTopic, Quiet: true}
	mustApply(t, c, nb.Command{Action: nb.ActionAccept, UnitID: 4, DueAt: due}, now)
	if c.OwnerUnitID != 4 || !c.DueAt.Equal(due) || c.Quiet {
		t.Fatalf("accept: %+v", c)
	}
	mustApply(t, c, nb.Command{Action: nb.ActionWhistle, UnitID: 8, DueAt: due}, now)
	if c.WhistleUnitID != 8 {
		t.Fatalf("whistle: %+v", c)
	}
	mustApply(t, c, nb.Command{Action: nb.ActionAck}, now)
	if c.WhistleUnitID != 0 || !c.WhistleDueAt.IsZero() {
		t.Fatalf("ack: %+v", c)
	}
	mustApply(t, c, nb.Command{Action: nb.ActionResolve, Note: "done"}, now)
	mustApply(t, c, nb.Command{Action: nb.ActionRate, Rating: nb.RatingUnsatisfied}, now)
	if c.Stage != nb.StageProject || !c.ResolvedAt.IsZero() || c.Rating != nb.RatingUnsatisfied {
		t.Fatalf("unsatisfied rating must reopen: %+v", c)
	}
	mustApply(t, c, nb.Command{Action: nb.ActionResolve}, now)
	mustApply(t, c, nb.Command{Action: nb.ActionRate, Rating: nb.RatingBasic}, now)
	if c.Stage != nb.StageClosed || c.ClosedAt.IsZero() || c.Rating != nb.RatingBasic {
		t.Fatalf("basic rating must close: %+v", c)
	}
}

func TestApplyArgumentErrors(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name  string
		stage nb.Stage
		cmd   nb.Command
	}{
		{"dismiss without reason", nb.StageTopic, nb.Command{Action: nb.ActionDismiss, Note: "  "}},
		{"merge into itself", nb.StageTopic, nb.Command{Action: nb.ActionMerge, TargetID: 1}},
		{"merge without target", nb.StageIssue, nb.Command{Action: nb.ActionMerge}},
		{"assign without unit", nb.StageProject, nb.Command{Action: nb.ActionAssign}},
		{"whistle without unit", nb.StageIssue, nb.Command{Action: nb.ActionWhistle}},
		{"ack without whistle", nb.StageProject, nb.Command{Action: nb.ActionAck}},
		{"progress without text", nb.StageProject, nb.Command{Action: nb.ActionProgress}},
		{"rate with nonsense", nb.StageResolved, nb.Command{Action: nb.ActionRate, Rating: "great"}},
	}
	for _, tc := range cases {
		c := &nb.Case{ID: 1, Stage: tc.stage}
		before := *c
		if _, err := c.Apply(tc.cmd, now); nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("%s: want EINVALID, got %v", tc.name, err)
		}
		if *c != before {
			t.Errorf("%s: case changed on error", tc.name)
		}
	}
}

func mustApply(t *testing.T, c *nb.Case, cmd nb.Command, now time.Time) {
	t.Helper()
	if _, err := c.Apply(cmd, now); err != nil {
		t.Fatalf("%s: %v", cmd.Action, err)
	}
}
