package cases_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

var errRollback = errors.New("rollback")

// TestPermissionMatrix tries every action × every kind of actor, in and out
// of the case's area, through the case service. Each try runs on fresh cases
// in a transaction that is rolled back.
func TestPermissionMatrix(t *testing.T) {
	w := newWorld(t, nb.Policy{MaxExtensions: 1})
	actors := []string{"居民乙", "居民甲", "代言人", "网格员", "网格员2", "书记", "街道主任", "别的书记",
		"物业", "师傅", "管理员", "系统"}
	managersIn := []string{"网格员", "书记", "街道主任", "管理员", "系统"}
	allow := map[nb.Action][]string{
		nb.ActionConfirm: managersIn, nb.ActionDismiss: managersIn, nb.ActionMerge: managersIn,
		nb.ActionAccept: managersIn, nb.ActionAssign: managersIn, nb.ActionWhistle: managersIn,
		nb.ActionExtend:   managersIn,
		nb.ActionAck:      append([]string{"师傅"}, managersIn...),
		nb.ActionProgress: append([]string{"物业"}, managersIn...),
		nb.ActionResolve:  append([]string{"物业"}, managersIn...),
		nb.ActionRate:     {"居民甲", "系统"},
		nb.ActionClose:    {"系统"},
		nb.ActionWithdraw: {"居民甲", "系统"}, // the reporter
		nb.ActionCategory: managersIn,
	}
	for _, a := range nb.TimerActions {
		allow[a] = []string{"系统"}
	}
	for _, action := range nb.Actions {
		for _, who := range actors {
			actor := w.people[who]
			if who == "系统" {
				actor = nb.SystemActor
			}
			err := w.db.Update(w.ctx, func(tx nb.Tx) error {
				n, cmd := w.caseFor(tx, action)
				_, err := w.svc.ActTx(tx, actor, n, cmd)
				if err != nil {
					return err
				}
				return errRollback
			})
			if slices.Contains(allow[action], who) {
				if !errors.Is(err, errRollback) {
					t.Errorf("%s may %s: %v", who, action, err)
				}
			} else if nb.ErrorCode(err) != nb.EFORBIDDEN {
				t.Errorf("%s may not %s: got %v", who, action, err)
			}
		}
	}
}

// caseFor creates, in 一网格, a case that action applies to — a project of
// 幸福物业 with a whistle open to 城管办, reported and followed by 居民甲 —
// and returns a command for it.
func (w *world) caseFor(tx nb.Tx, action nb.Action) (int64, nb.Command) {
	w.t.Helper()
	now := tx.Now()
	c := &nb.Case{Stage: nb.StageTopic, Text: "井盖丢了", Priority: nb.PriorityGeneral, UnitID: w.units["一网格"],
		ChatID: w.chat.ID, ReporterID: w.people["居民甲"].PersonID,
		WhistleUnitID: w.units["城管办"], WhistleDueAt: now.Add(-time.Hour)}
	cmd := nb.Command{Action: action}
	switch action {
	case nb.ActionAssign, nb.ActionProgress, nb.ActionResolve, nb.ActionExtend, nb.ActionRemindDue, nb.ActionEscalateDue:
		c.Stage, c.OwnerUnitID, c.DueAt, c.DueRemindAt = nb.StageProject, w.units["幸福物业"], now.Add(-time.Hour), now.Add(-2*time.Hour)
	case nb.ActionRate, nb.ActionClose:
		c.Stage, c.OwnerUnitID, c.ResolvedAt = nb.StageResolved, w.units["幸福物业"], now.Add(-time.Hour)
	}
	switch action {
	case nb.ActionDismiss, nb.ActionProgress, nb.ActionResolve:
		cmd.Note = "原因"
	case nb.ActionAccept:
		cmd.UnitID = w.units["幸福物业"]
	case nb.ActionAssign, nb.ActionWhistle:
		cmd.UnitID = w.units["城管办"]
	case nb.ActionRate:
		cmd.Rating = nb.RatingSatisfied
	case nb.ActionExtend:
		cmd.Extend, cmd.Note = 24*time.Hour, "原因"
	case nb.ActionCategory:
		cmd.Category = "环境卫生"
	}
	if err := tx.CreateCase(c); err != nil {
		w.t.Fatal(err)
	}
	if _, err := tx.AddFollower(c.ID, c.ReporterID, nb.FollowReporter); err != nil {
		w.t.Fatal(err)
	}
	if action == nb.ActionMerge {
		target := &nb.Case{Stage: nb.StageTopic, Text: "同一件事", UnitID: w.units["一网格"], ChatID: w.chat.ID}
		if err := tx.CreateCase(target); err != nil {
			w.t.Fatal(err)
		}
		cmd.TargetID = target.ID
	}
	return c.ID, cmd
}
