package cases_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestWithdrawHeldForOthers: a reporter's withdrawal ends a case only while
// it is theirs alone. Once a neighbour follows it or an officer acted on it,
// the case stays where it is, the reporter stops following it, the group and
// the officers are told what the reporter says and why it stays, and the
// event is "left", not "withdraw" (no correction to learn from).
func TestWithdrawHeldForOthers(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	mine := w.report("3号楼楼道漏水", nb.PriorityUrgent)
	followed := w.report("12栋门口垃圾三天没收", nb.PriorityGeneral)
	confirmed := w.report("5号楼路灯坏了", nb.PriorityGeneral)
	w.update(func(tx nb.Tx) error {
		_, err := tx.AddFollower(followed, w.people["居民乙"].PersonID, nb.FollowFollower)
		return err
	})
	w.act("书记", confirmed, nb.Command{Action: nb.ActionConfirm})
	w.sent()

	// Theirs alone: withdrawn as before.
	out := w.act("居民甲", mine, nb.Command{Action: nb.ActionWithdraw, Note: nb.WithdrawNote(nb.WithdrawOver, "没事了")})
	if out.Held != nb.HoldNone || w.caseByID(mine).Stage != nb.StageDismissed || !w.caseByID(mine).Withdrawn {
		t.Fatalf("a case the reporter's alone was not withdrawn: %+v", out)
	}
	w.sent()

	for _, tc := range []struct {
		n    int64
		hold nb.WithdrawHold
		why  string
	}{{followed, nb.HoldFollowed, "还有其他邻居关注"}, {confirmed, nb.HoldActedOn, "工作人员已在跟进"}} {
		stage := w.caseByID(tc.n).Stage
		out := w.act("居民甲", tc.n, nb.Command{Action: nb.ActionWithdraw, Note: nb.WithdrawNote(nb.WithdrawMistake, "是我搞错了")})
		if out.Held != tc.hold || out.Event.Kind != nb.EventLeft {
			t.Fatalf("#%d: held %q, event %q; want %q, left", tc.n, out.Held, out.Event.Kind, tc.hold)
		}
		if c := w.caseByID(tc.n); c.Stage != stage || c.Withdrawn {
			t.Errorf("#%d moved: %s", tc.n, c.Stage)
		}
		if w.countKind(tc.n, nb.ActionWithdraw) != 0 {
			t.Errorf("#%d has a withdraw event", tc.n)
		}
		ev := w.events(tc.n)
		last := ev[len(ev)-1]
		if nb.WithdrawReason(last.Note) != nb.WithdrawMistake || nb.HeldBy(last.Note) != tc.hold || nb.WithdrawWords(last.Note) != "是我搞错了" {
			t.Errorf("#%d left event's note %q", tc.n, last.Note)
		}
		w.update(func(tx nb.Tx) error {
			if f, err := tx.IsFollower(tc.n, w.people["居民甲"].PersonID); err != nil || f {
				t.Errorf("#%d: the reporter still follows it (%v)", tc.n, err)
			}
			return nil
		})
		sent := w.sent()
		if g := sent["g1"]; len(g) != 1 || !contains(g[0], "是误报", tc.why, "继续办理") {
			t.Errorf("#%d: the group was told %q", tc.n, g)
		}
		if p := sent["private:书记"]; len(p) != 1 || !contains(p[0], "是误报", tc.why, "未撤回") {
			t.Errorf("#%d: the officer was told %q", tc.n, p)
		}
		if len(sent["private:居民甲"]) != 0 {
			t.Errorf("#%d: the reporter was told privately %q", tc.n, sent["private:居民甲"])
		}
		// Again: the reporter already stepped back.
		if _, err := w.svc.Act(w.ctx, w.people["居民甲"], tc.n, nb.Command{Action: nb.ActionWithdraw}); nb.ErrorCode(err) != nb.ECONFLICT {
			t.Errorf("#%d withdrawn twice: %v", tc.n, err)
		}
	}
}

func contains(s string, wants ...string) bool {
	for _, w := range wants {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// TestWithdrawHeldForAReporterWhoNeverFollowed: a reporter who does not
// follow their own case (made for them elsewhere) is not told they already
// stepped back; their withdrawal of a case held for others is recorded once.
func TestWithdrawHeldForAReporterWhoNeverFollowed(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	n := w.report("12栋门口垃圾三天没收", nb.PriorityGeneral)
	w.update(func(tx nb.Tx) error {
		if _, err := tx.AddFollower(n, w.people["居民乙"].PersonID, nb.FollowFollower); err != nil {
			return err
		}
		return tx.RemoveFollower(n, w.people["居民甲"].PersonID)
	})
	w.sent()
	out := w.act("居民甲", n, nb.Command{Action: nb.ActionWithdraw, Note: nb.WithdrawNote(nb.WithdrawOver, "没事了")})
	if out.Held != nb.HoldFollowed || out.Event.Kind != nb.EventLeft {
		t.Fatalf("held %q, event %q; want followed, left", out.Held, out.Event.Kind)
	}
	if _, err := w.svc.Act(w.ctx, w.people["居民甲"], n, nb.Command{Action: nb.ActionWithdraw}); nb.ErrorCode(err) != nb.ECONFLICT {
		t.Errorf("stepped back twice: %v", err)
	}
}
