package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

func TestDeskAdmin(t *testing.T) {
	e := newDeskEnv(t, false)
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		p, err := tx.EnsurePerson(nb.PlatformSandbox, "管理员", "管理员")
		if err != nil {
			return err
		}
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleAdmin})
	})
	if err != nil {
		t.Fatal(err)
	}
	e.setPassword("管理员", "admin-password")
	e.srv.SetHealth(func() (bool, any) { return true, map[string]string{"wechat": "logged_in <b>"} })

	officer := e.client()
	e.login(officer, "王书记", "secret-王书记")
	if status, _ := e.get(officer, "/desk/admin"); status != http.StatusForbidden {
		t.Fatalf("an officer on the admin page: %d", status)
	}

	c := e.client()
	_, csrf := e.login(c, "管理员", "admin-password")
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		form.Set("csrf", csrf)
		status, _, body := e.post(c, path, form)
		return status, body
	}
	community := unitID(t, e, "幸福社区(演示)")
	if status, body := post("/desk/admin/units", url.Values{"name": {"第三网格"}, "kind": {"grid"}, "parent": {community}}); status != http.StatusSeeOther {
		t.Fatalf("add unit: %d %s", status, body)
	}
	if status, _ := post("/desk/admin/units", url.Values{"name": {"第三网格"}, "kind": {"grid"}, "parent": {community}}); status != http.StatusConflict {
		t.Errorf("the same unit twice: %d", status)
	}
	grid3 := unitID(t, e, "第三网格")
	status, body := post("/desk/admin/invites", url.Values{"role": {"grid_worker"}, "unit": {grid3}})
	code := regexp.MustCompile(`id="new-code">([A-Z0-9-]+)<`).FindStringSubmatch(body)
	if status != http.StatusOK || code == nil {
		t.Fatalf("invite: %d\n%s", status, body)
	}
	if status, _ := post("/desk/admin/invites/revoke", url.Values{"code": {code[1]}}); status != http.StatusSeeOther {
		t.Errorf("revoke invite: %d", status)
	}
	var chat2 int64
	err = e.db.View(t.Context(), func(tx nb.Tx) error {
		inv, err := tx.ListInvites()
		if err != nil || len(inv) != 1 || inv[0].Code != code[1] || inv[0].RevokedAt.IsZero() {
			t.Errorf("invites %+v, %v", inv, err)
		}
		c, err := tx.FindChat(nb.PlatformSandbox, "幸福社区二网格群(演示)")
		chat2 = c.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if status, body := post("/desk/admin/bind", url.Values{"chat": {strconv.FormatInt(chat2, 10)}, "unit": {grid3}}); status != http.StatusSeeOther {
		t.Fatalf("bind: %d %s", status, body)
	}
	resident := strconv.FormatInt(e.person("小周").ID, 10)
	if status, body := post("/desk/admin/grant", url.Values{"person": {resident}, "role": {"grid_worker"}, "unit": {grid3}}); status != http.StatusSeeOther {
		t.Fatalf("grant: %d %s", status, body)
	}
	_, page := e.get(c, "/desk/admin")
	if !strings.Contains(page, "小周") || !strings.Contains(page, "第三网格") || !strings.Contains(page, "logged_in \\u003cb\\u003e") {
		t.Errorf("admin page after changes:\n%s", page)
	}
	if status, _ := post("/desk/admin/revoke", url.Values{"person": {resident}, "role": {"grid_worker"}, "unit": {grid3}}); status != http.StatusSeeOther {
		t.Errorf("revoke: %d", status)
	}
	err = e.db.View(t.Context(), func(tx nb.Tx) error {
		c, err := tx.FindChatByID(chat2)
		if err == nil && strconv.FormatInt(c.UnitID, 10) != grid3 {
			t.Errorf("group bound to %d", c.UnitID)
		}
		grants, err2 := tx.ListGrants(e.person("小周").ID)
		if len(grants) != 0 {
			t.Errorf("grants left: %+v", grants)
		}
		return firstOf(err, err2)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// An admin of a community administers only within it.
func TestDeskScopedAdmin(t *testing.T) {
	e := newDeskEnv(t, false)
	community := unitID(t, e, "幸福社区(演示)")
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		p, err := tx.EnsurePerson(nb.PlatformSandbox, "社区管理员", "社区管理员")
		if err != nil {
			return err
		}
		id, _ := strconv.ParseInt(community, 10, 64)
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleAdmin, UnitID: id})
	})
	if err != nil {
		t.Fatal(err)
	}
	e.setPassword("社区管理员", "admin-password")
	c := e.client()
	_, csrf := e.login(c, "社区管理员", "admin-password")
	for _, step := range []struct {
		path string
		form url.Values
		want int
	}{
		{"/desk/admin/units", url.Values{"name": {"第四网格"}, "kind": {"grid"}, "parent": {community}}, http.StatusSeeOther},
		{"/desk/admin/units", url.Values{"name": {"新街道"}, "kind": {"street"}}, http.StatusForbidden},
		{"/desk/admin/invites", url.Values{"role": {"department"}, "unit": {unitID(t, e, "城管办(演示)")}}, http.StatusForbidden},
		{"/desk/admin/invites", url.Values{"role": {"admin"}}, http.StatusForbidden},
		{"/desk/admin/invites", url.Values{"role": {"officer"}, "unit": {community}}, http.StatusOK},
	} {
		step.form.Set("csrf", csrf)
		if status, _, body := e.post(c, step.path, step.form); status != step.want {
			t.Errorf("%s %v: %d, want %d\n%s", step.path, step.form, status, step.want, body)
		}
	}
}
