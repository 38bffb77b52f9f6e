package web_test

import (
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestDeskDuplicateLinkOnlyWhileOpen: the case page links the case its
// report may repeat (and offers it as the merge target) only while that
// case is open, as #待办 hints it; a dismissed or closed one is not named.
func TestDeskDuplicateLinkOnlyWhileOpen(t *testing.T) {
	e := newDeskEnv(t, false)
	first := e.report(grid1, "刘大爷", "3号楼路灯坏了", "市政", nb.PriorityGeneral)
	second := e.report(grid1, "陈女士", "3号楼的路灯不亮", "市政", nb.PriorityGeneral)
	setCase := func(id int64, change func(*nb.Case)) {
		t.Helper()
		err := e.db.Update(t.Context(), func(tx nb.Tx) error {
			c, err := tx.FindCaseByID(id)
			if err != nil {
				return err
			}
			change(c)
			return tx.UpdateCase(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	setCase(second, func(c *nb.Case) { c.SuggestedDuplicate = first })
	c := e.client()
	e.login(c, "王书记", "secret-王书记")
	link := `href="/desk/cases/` + strconv.FormatInt(first, 10) + `" id="dup"`
	target := `name="target" size="6" value="` + strconv.FormatInt(first, 10) + `"`
	if _, page := e.get(c, "/desk/cases/"+strconv.FormatInt(second, 10)); !strings.Contains(page, link) || !strings.Contains(page, target) {
		t.Fatalf("open duplicate: no link or merge target:\n%s", page)
	}
	for _, stage := range []nb.Stage{nb.StageDismissed, nb.StageClosed} {
		setCase(first, func(c *nb.Case) { c.Stage = stage })
		_, page := e.get(c, "/desk/cases/"+strconv.FormatInt(second, 10))
		if strings.Contains(page, `id="dup"`) || strings.Contains(page, target) {
			t.Errorf("%s duplicate still offered:\n%s", stage, page)
		}
	}
}
