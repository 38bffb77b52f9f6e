package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// deskClient is a browser-like client of the program's desk.
type deskClient struct {
	t    *testing.T
	p    *program
	http *http.Client
}

func (c *deskClient) get(path string) (int, string) {
	c.t.Helper()
	res, err := c.http.Get(c.p.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (c *deskClient) post(path string, form url.Values) int {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.p.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.p.base)
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// find returns the first group of re in s, failing the test without one.
func find(t *testing.T, re, s string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in:\n%s", re, s)
	}
	return m[1]
}

// TestDeskAgainstRealProgram: an officer asks the bot for a login code,
// logs in to the desk with it, and takes a resident's report to 办结
// without the chat; the group sees each step.
func TestDeskAgainstRealProgram(t *testing.T) {
	p := startProgramEnv(t, tempDB(t), map[string]string{"NEIGHBORBOT_DASHBOARD_URL": "https://desk.example.org"}, "sandbox chat: ")
	report := p.post(group1, "刘大爷", "44号楼前垃圾堆了三天没人收", 0)
	if ack := p.botReply(group1, report, report); !strings.Contains(ack.Text, "#1") {
		t.Fatalf("acknowledgement %q", ack.Text)
	}
	ask := p.post("private", "王书记", "#登录", 0)
	answer := p.botReply("private:王书记", ask, 0)
	code := find(t, `([A-Z2-9]{4}-[A-Z2-9]{4})`, answer.Text)
	if !strings.Contains(answer.Text, "https://desk.example.org/desk/login?code="+code) {
		t.Errorf("no login link in %q", answer.Text)
	}

	c, _ := deskLoginCode(t, p, code)
	_, board := c.get("/desk/")
	if !strings.Contains(board, "44号楼前垃圾堆了三天没人收") {
		t.Fatalf("the board lacks the report:\n%s", board)
	}
	_, casePage := c.get("/desk/cases/1")
	csrf := find(t, `name="csrf" value="([^"]+)"`, casePage)
	unit := find(t, `<option value="(\d+)"[^>]*>城管办\(演示\)`, casePage)
	for _, form := range []url.Values{
		{"action": {"accept"}, "unit": {unit}},
		{"action": {"resolve"}, "note": {"已清运完毕"}},
	} {
		form.Set("csrf", csrf)
		if status := c.post("/desk/cases/1/act", form); status != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", form.Get("action"), status, p.stderr)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for after := report; time.Now().Before(deadline); {
		for _, m := range p.messages(group1, after, true) {
			after = m.ID
			if m.FromBot && strings.Contains(m.Text, "已清运完毕") {
				if m.ReplyTo != report {
					t.Errorf("the resolution does not reply to the report: %+v", m)
				}
				return
			}
		}
	}
	t.Fatalf("the group never saw the resolution:\n%s", p.stderr)
}
