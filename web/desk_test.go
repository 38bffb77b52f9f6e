package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

const grid1 = "幸福社区一网格群(演示)"

func TestDeskLoginAndBoard(t *testing.T) {
	e := newDeskEnv(t, false)
	e.report(grid1, "刘大爷", "3号楼电梯坏了 电话13812345678", "电梯", nb.PriorityUrgent)
	e.report(grid1, "陈女士", "垃圾没人收", "环境卫生", nb.PriorityGeneral)
	c := e.client()

	// Without a session the board sends to the login page.
	if status, _ := e.get(c, "/desk/"); status != http.StatusSeeOther {
		t.Fatalf("board without login: %d", status)
	}
	if status, _ := e.login(c, "王书记", "wrong password"); status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", status)
	}
	status, csrf := e.login(c, "王书记", "secret-王书记")
	if status != http.StatusSeeOther || csrf == "" {
		t.Fatalf("login: %d, csrf %q", status, csrf)
	}
	_, board := e.get(c, "/desk/")
	if !strings.Contains(board, "13812345678") || !strings.Contains(board, "垃圾没人收") || !strings.Contains(board, "badge urgent") {
		t.Errorf("board lacks the cases (an officer of the area sees phone numbers):\n%s", board)
	}
	_, filtered := e.get(c, "/desk/?urgent=1")
	if strings.Contains(filtered, "垃圾没人收") || !strings.Contains(filtered, "3号楼电梯") {
		t.Errorf("urgent filter:\n%s", filtered)
	}
	_, searched := e.get(c, "/desk/?q="+url.QueryEscape("垃圾"))
	if strings.Contains(searched, "3号楼电梯") || !strings.Contains(searched, "垃圾没人收") {
		t.Errorf("text search:\n%s", searched)
	}

	// Logging out ends the session.
	if status, loc, _ := e.post(c, "/desk/logout", url.Values{"csrf": {csrf}}); status != http.StatusSeeOther || loc != "/desk/login" {
		t.Fatalf("logout: %d %q", status, loc)
	}
	if status, _ := e.get(c, "/desk/"); status != http.StatusSeeOther {
		t.Fatalf("board after logout: %d", status)
	}
}

func TestDeskLoginRateLimited(t *testing.T) {
	e := newDeskEnv(t, false)
	c := e.client()
	for i := range nb.DefaultAttemptLimit.Max {
		if status, _ := e.login(c, "王书记", "nope"); status != http.StatusUnauthorized {
			t.Fatalf("try %d: %d", i, status)
		}
	}
	// Locked now, even with the right password.
	if status, _ := e.login(c, "王书记", "secret-王书记"); status != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: %d", nb.DefaultAttemptLimit.Max, status)
	}
}

func TestDeskActResolves(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report(grid1, "刘大爷", "路灯坏了", "市政", nb.PriorityGeneral)
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		return tx.AddAttachment(&nb.CaseAttachment{CaseID: n, EventKind: nb.EventReported, Platform: nb.PlatformSandbox,
			Attachment: nb.Attachment{Kind: "photo", FileRef: "f1"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	_, csrf := e.login(c, "王书记", "secret-王书记")
	path := "/desk/cases/" + strconv.FormatInt(n, 10)
	act := func(form url.Values) (int, string) {
		form.Set("csrf", csrf)
		status, loc, body := e.post(c, path+"/act", form)
		if status != http.StatusSeeOther {
			return status, body
		}
		return status, loc
	}
	if status, body := act(url.Values{"action": {"accept"}, "unit": {unitID(t, e, "城管办(演示)")}}); status != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", status, body)
	}
	if status, body := act(url.Values{"action": {"resolve"}, "note": {"已修好"}}); status != http.StatusSeeOther {
		t.Fatalf("resolve: %d %s", status, body)
	}
	e.deliver()
	if !e.groupSays(grid1, "已修好") {
		t.Error("the group was not told of the resolution")
	}
	_, page := e.get(c, path)
	if !strings.Contains(page, `data-stage="resolved"`) || !strings.Contains(page, "已修好") || !strings.Contains(page, "王书记") ||
		!strings.Contains(page, `<span id="photos">照片 1 张`) {
		t.Errorf("case page after resolving:\n%s", page)
	}
	// A resolved case cannot be resolved again: a clear refusal.
	if status, _ := act(url.Values{"action": {"resolve"}, "note": {"again"}}); status != http.StatusConflict {
		t.Errorf("resolving twice: %d", status)
	}
	// Without the form's token, nothing happens.
	status, _, _ := e.post(c, path+"/act", url.Values{"action": {"progress"}, "note": {"x"}})
	if status != http.StatusForbidden {
		t.Errorf("post without csrf: %d", status)
	}
}

func TestDeskOtherGridForbidden(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report("幸福社区二网格群(演示)", "小周", "二网格的事 13812345678 3-2-1202", "市政", nb.PriorityGeneral)
	c := e.client()
	_, csrf := e.login(c, "李网格员", "secret-李网格员") // grid worker of 第一网格
	path := "/desk/cases/" + strconv.FormatInt(n, 10)
	if status, _ := e.get(c, path); status != http.StatusForbidden {
		t.Errorf("another grid's case: %d", status)
	}
	status, _, body := e.post(c, path+"/act", url.Values{"csrf": {csrf}, "action": {"confirm"}})
	if status != http.StatusForbidden || !strings.Contains(body, "不在您负责的范围内") || strings.Contains(body, "outside your area") {
		t.Errorf("acting on another grid's case: %d, the refusal in the desk's language: %s", status, body)
	}
	if _, board := e.get(c, "/desk/?stage=all"); strings.Contains(board, "二网格的事") {
		t.Error("the board shows another grid's case")
	}
}

// unitID returns the id of a demo unit as a form value.
func unitID(t *testing.T, e *deskEnv, name string) string {
	t.Helper()
	var id int64
	err := e.db.View(t.Context(), func(tx nb.Tx) error {
		u, err := tx.FindUnitByName(name)
		if err == nil {
			id = u.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}
