package web_test

import (
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestDeskDismissSaysWhatTeachesNotAReport: the desk's dismiss form asks
// for a reason and says which reason teaches the model "not a report".
func TestDeskDismissSaysWhatTeachesNotAReport(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report(grid1, "刘大爷", "路灯坏了", "市政", nb.PriorityGeneral)
	c := e.client()
	e.login(c, "王书记", "secret-王书记")
	_, page := e.get(c, "/desk/cases/"+strconv.FormatInt(n, 10))
	if !strings.Contains(page, `placeholder="原因；根本不是报事请写「不是报事」`) {
		t.Errorf("case page: the dismiss reason does not say what teaches 'not a report':\n%s", page)
	}
}
