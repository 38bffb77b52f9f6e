package web_test

import (
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/handlers"
)

// TestDeskShowsWithdrawnCases: the desk's case page and board show a
// case its reporter withdrew as 已撤回, not 已驳回.
func TestDeskShowsWithdrawnCases(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report(grid1, "刘大爷", "路灯坏了", "市政", nb.PriorityGeneral)
	svc := cases.New(e.db, handlers.NewPhrases(handlers.Config{}), nb.Policy{})
	if _, err := svc.Act(t.Context(), nb.Actor{PersonID: e.person("刘大爷").ID}, n, nb.Command{Action: nb.ActionWithdraw}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	e.login(c, "王书记", "secret-王书记")
	if _, page := e.get(c, "/desk/cases/"+strconv.FormatInt(n, 10)); !strings.Contains(page, `<span id="stage">已撤回</span>`) {
		t.Errorf("case page does not say 已撤回:\n%s", page)
	}
	if _, board := e.get(c, "/desk/?stage=dismissed"); !strings.Contains(board, "<td>已撤回</td>") || strings.Contains(board, "<td>已驳回</td>") {
		t.Errorf("board does not say 已撤回:\n%s", board)
	}
}
