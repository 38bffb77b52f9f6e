package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/web"
)

// withNotices gives the desk the real broadcast service, as wired in
// cmd/neighborbot.
func withNotices(cfg *web.DeskConfig) {
	hcfg := handlers.Config{}
	cfg.Notices = handlers.NewDeskNotices(hcfg, broadcasts.New(handlers.NewNoticeWords(hcfg), broadcasts.Policy{}))
}

// submitNotice submits a notice as the demo person name would in chat
// (unit "" = their own scope) and returns its number and status.
func (e *deskEnv) submitNotice(name, unit, text string, tune ...func(*broadcasts.Draft)) (int64, nb.NoticeStatus) {
	e.t.Helper()
	p := e.person(name)
	svc := broadcasts.New(handlers.NewNoticeWords(handlers.Config{}), broadcasts.Policy{})
	var n *nb.Notice
	err := e.db.Update(e.t.Context(), func(tx nb.Tx) error {
		grants, err := tx.ListGrants(p.ID)
		if err != nil {
			return err
		}
		d := broadcasts.Draft{Text: text, AuthorName: name, Platform: nb.PlatformSandbox, ChatExternalID: name}
		for _, f := range tune {
			f(&d)
		}
		if unit != "" {
			u, err := tx.FindUnitByName(unit)
			if err != nil {
				return err
			}
			d.UnitID = u.ID
		}
		res, err := svc.SubmitTx(tx, nb.Actor{PersonID: p.ID, Grants: grants}, d)
		if err == nil {
			n = res.Notice
		}
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n.ID, n.Status
}

// noticeStatus reads a notice's status from the store.
func (e *deskEnv) noticeStatus(id int64) nb.NoticeStatus {
	e.t.Helper()
	var n *nb.Notice
	err := e.db.View(e.t.Context(), func(tx nb.Tx) (err error) {
		n, err = tx.FindNotice(id)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n.Status
}

// TestDeskNoticeApprove: an ambassador's notice with a link waits for the
// community's officer, who sees it on the desk and approves it: both grid
// groups receive it marked as a notice, the author is told, and the status
// page shows the groups delivered. A notice to the whole street is not
// listed for the community's officer and cannot be approved by them.
func TestDeskNoticeApprove(t *testing.T) {
	e := newDeskEnv(t, false, withNotices)
	id, st := e.submitNotice("张阿姨", "", "周六上午社区义诊，详见 www.example.com")
	wide, _ := e.submitNotice("张阿姨", "示范街道(演示)", "街道运动会报名")
	if st != nb.NoticeAwaiting {
		t.Fatalf("a notice with a link is %s, want awaiting", st)
	}
	c := e.client()
	_, csrf := e.login(c, "王书记", "secret-王书记")
	status, page := e.get(c, "/desk/notices")
	if status != http.StatusOK || !strings.Contains(page, "周六上午社区义诊") || !strings.Contains(page, `id="approve-`+strconv.FormatInt(id, 10)+`"`) {
		t.Fatalf("notices page = %d without the waiting notice:\n%s", status, page)
	}
	if strings.Contains(page, "街道运动会报名") {
		t.Error("the street-wide notice is listed for a community officer")
	}
	if !strings.Contains(page, "含链接") {
		t.Error("the page does not say why the notice waits")
	}
	// Without the CSRF token, nothing happens.
	path := "/desk/notices/" + strconv.FormatInt(id, 10)
	if status, _, _ := e.post(c, path+"/approve", url.Values{}); status != http.StatusForbidden {
		t.Errorf("approve without the form token = %d, want 403", status)
	}
	if got := e.noticeStatus(id); got != nb.NoticeAwaiting {
		t.Fatalf("a form without its token changed the notice to %s", got)
	}
	// Out of scope: refused by the broadcast service.
	status, _, body := e.post(c, "/desk/notices/"+strconv.FormatInt(wide, 10)+"/approve", url.Values{"csrf": {csrf}})
	if status != http.StatusForbidden || !strings.Contains(body, "不能审批") {
		t.Errorf("approving the street-wide notice = %d:\n%s", status, body)
	}
	status, loc, body := e.post(c, path+"/approve", url.Values{"csrf": {csrf}})
	if status != http.StatusSeeOther {
		t.Fatalf("approve = %d:\n%s", status, body)
	}
	if _, page := e.get(c, loc); !strings.Contains(page, "已批准 B"+strconv.FormatInt(id, 10)) {
		t.Errorf("the page does not confirm the approval:\n%s", page)
	}
	if got := e.noticeStatus(id); got != nb.NoticeQueued {
		t.Fatalf("approved notice is %s", got)
	}
	// Approving twice is a conflict, with the chat's sentence.
	if status, _, body := e.post(c, path+"/approve", url.Values{"csrf": {csrf}}); status != http.StatusConflict || !strings.Contains(body, "不在待审批状态") {
		t.Errorf("second approval = %d:\n%s", status, body)
	}
	e.deliver()
	for _, g := range []string{grid1, "幸福社区二网格群(演示)"} {
		if !e.groupSays(g, "周六上午社区义诊") || !e.groupSays(g, "张阿姨") {
			t.Errorf("group %s did not receive the notice with its author", g)
		}
	}
	if !e.groupSays("张阿姨", "B"+strconv.FormatInt(id, 10)) {
		t.Error("the author was not told of the approval")
	}
	status, page = e.get(c, path)
	if status != http.StatusOK {
		t.Fatalf("status page = %d:\n%s", status, page)
	}
	if !strings.Contains(page, `data-state="delivered"><th>已送达</th><td class="count">2</td>`) {
		t.Errorf("status page does not show 2 delivered groups:\n%s", page)
	}
}

// TestDeskNoticeReject: a rejection needs a reason, which the author is
// told; a grid worker (not an approver) may not use the notices pages.
func TestDeskNoticeReject(t *testing.T) {
	e := newDeskEnv(t, false, withNotices)
	id, _ := e.submitNotice("张阿姨", "", "点击 www.example.cn 领奖品")
	c := e.client()
	_, csrf := e.login(c, "王书记", "secret-王书记")
	path := "/desk/notices/" + strconv.FormatInt(id, 10) + "/reject"
	if status, _, _ := e.post(c, path, url.Values{"csrf": {csrf}, "reason": {"  "}}); status != http.StatusBadRequest {
		t.Errorf("reject without a reason = %d, want 400", status)
	}
	if status, _, body := e.post(c, path, url.Values{"csrf": {csrf}, "reason": {"疑似广告链接"}}); status != http.StatusSeeOther {
		t.Fatalf("reject = %d:\n%s", status, body)
	}
	if got := e.noticeStatus(id); got != nb.NoticeRejected {
		t.Fatalf("rejected notice is %s", got)
	}
	e.deliver()
	if !e.groupSays("张阿姨", "疑似广告链接") {
		t.Error("the author was not told the reason")
	}
	if e.groupSays(grid1, "领奖品") {
		t.Error("a rejected notice reached a group")
	}
	if _, page := e.get(c, "/desk/notices"); !strings.Contains(page, "已拒绝：疑似广告链接") {
		t.Errorf("the recent list does not show the rejection:\n%s", page)
	}

	grid := e.client()
	e.login(grid, "李网格员", "secret-李网格员")
	if status, _ := e.get(grid, "/desk/notices"); status != http.StatusForbidden {
		t.Errorf("a grid worker's notices page = %d, want 403", status)
	}
	if _, board := e.get(grid, "/desk/"); strings.Contains(board, `id="nav-notices"`) {
		t.Error("a grid worker is offered the notices page")
	}
}
