package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/web"
)

// addAdmin gives the desk an admin called name over unit (0 = everywhere).
func (e *deskEnv) addAdmin(name string, unit int64) {
	e.t.Helper()
	err := e.db.Update(e.t.Context(), func(tx nb.Tx) error {
		p, err := tx.EnsurePerson(nb.PlatformSandbox, name, name)
		if err != nil {
			return err
		}
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleAdmin, UnitID: unit})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	e.setPassword(name, "password-"+name)
}

// TestDeskAdminWeChat: the admin page shows the WeChat account's state as
// /wechat/login does, and the login QR code while a scan is awaited — to
// an admin of everywhere only (whoever scans it logs in as the bot); an
// officer does not reach the page.
func TestDeskAdminWeChat(t *testing.T) {
	e := newDeskEnv(t, false)
	src := &fakeWeChat{st: web.WeChatState{State: "waiting_scan", Since: time.Now(), LoginURL: "https://login.weixin.qq.com/l/uuid-7",
		LastError: "sync: retcode 1101 <b>"}}
	e.srv.SetWeChatLogin(src, "")
	e.addAdmin("总管理员", 0)
	community, _ := strconv.ParseInt(unitID(t, e, "幸福社区(演示)"), 10, 64)
	e.addAdmin("社区管理员", community)

	c := e.client()
	e.login(c, "总管理员", "password-总管理员")
	status, page := e.get(c, "/desk/admin")
	if status != http.StatusOK {
		t.Fatalf("admin page = %d", status)
	}
	for _, want := range []string{`id="wechat-state" data-state="waiting_scan">请扫码登录<`, `<svg id="qr"`,
		`sync: retcode 1101 &lt;b&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("admin page lacks %q:\n%s", want, page)
		}
	}

	local := e.client()
	e.login(local, "社区管理员", "password-社区管理员")
	_, page = e.get(local, "/desk/admin")
	if strings.Contains(page, "<svg") || strings.Contains(page, "uuid-7") || !strings.Contains(page, `id="wechat-qr-admin"`) {
		t.Errorf("a community admin is shown the login QR code or not told why not:\n%s", page)
	}

	src.set(web.WeChatState{State: "online", Since: time.Now(), Account: "邻里哨小助手", Logins: 2})
	_, page = e.get(c, "/desk/admin")
	for _, want := range []string{`data-state="online">在线<`, `id="wechat-account">邻里哨小助手<`, `id="wechat-logins">2<`} {
		if !strings.Contains(page, want) {
			t.Errorf("online: admin page lacks %q", want)
		}
	}
	if strings.Contains(page, "<svg") {
		t.Error("a QR code is shown while online")
	}

	officer := e.client()
	e.login(officer, "王书记", "secret-王书记")
	if status, page := e.get(officer, "/desk/admin"); status != http.StatusForbidden || strings.Contains(page, "wechat-state") {
		t.Errorf("an officer on the admin page: %d", status)
	}
}
