package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// deskLogin logs name in to the program's desk with a code the bot sends
// privately, and returns the client and the session's form token.
func deskLogin(t *testing.T, p *program, name string) (*deskClient, string) {
	t.Helper()
	ask := p.post("private", name, "#登录", 0)
	return deskLoginCode(t, p, find(t, `([A-Z2-9]{4}-[A-Z2-9]{4})`, p.botReply("private:"+name, ask, 0).Text))
}

// deskLoginCode logs in to the program's desk with a login code, and
// returns the client and the session's form token.
func deskLoginCode(t *testing.T, p *program, code string) (*deskClient, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &deskClient{t: t, p: p, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, page := c.get("/desk/login?code=" + url.QueryEscape(code))
	token := find(t, `name="token" value="([^"]+)"`, page)
	if status := c.post("/desk/login", url.Values{"token": {token}, "code": {code}}); status != http.StatusSeeOther {
		t.Fatalf("login with the bot's code: %d", status)
	}
	_, board := c.get("/desk/")
	return c, find(t, `name="csrf" value="([^"]+)"`, board)
}

// TestDeskApprovesNoticeInRealProgram: the ambassador's notice with a link
// waits for approval; the officer approves it on the desk of the running
// program, and both grid groups receive it, as after "#批准 B1".
func TestDeskApprovesNoticeInRealProgram(t *testing.T) {
	p := startProgram(t, tempDB(t))
	before2 := lastID(p, group2)
	id := p.post(group1, "张阿姨", "#通知 周日下午楼下义剪，详见 www.example.com", 0)
	mustContain(t, "submitted", p.botReply(group1, id, id).Text, "B1")
	c, csrf := deskLogin(t, p, "王书记")
	if status, page := c.get("/desk/notices"); status != http.StatusOK || !strings.Contains(page, "周日下午楼下义剪") {
		t.Fatalf("notices page = %d:\n%s", status, page)
	}
	if status := c.post("/desk/notices/1/approve", url.Values{"csrf": {csrf}}); status != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", status, p.stderr)
	}
	got := p.noticeIn(group2, before2)
	mustContain(t, "approved notice", got.Text, "【通知】周日下午楼下义剪", "张阿姨")
	if _, page := c.get("/desk/notices/1"); !strings.Contains(page, "已批准") {
		t.Errorf("status page:\n%s", page)
	}
}
