package open311

import (
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestWithdrawnRequestNotes: a case its reporter withdrew is closed and
// reads 已撤回; an officer's dismissal reads 已驳回.
func TestWithdrawnRequestNotes(t *testing.T) {
	a := &API{}
	for _, c := range []struct {
		cs   nb.Case
		want string
	}{
		{nb.Case{ID: 1, Stage: nb.StageDismissed}, "已驳回"},
		{nb.Case{ID: 2, Stage: nb.StageDismissed, Withdrawn: true}, "已撤回"},
	} {
		if got := a.request(&c.cs, nb.UnitTree{}); got.Status != "closed" || got.StatusNotes != c.want {
			t.Errorf("#%d: %s %q, want closed %q", c.cs.ID, got.Status, got.StatusNotes, c.want)
		}
	}
}
