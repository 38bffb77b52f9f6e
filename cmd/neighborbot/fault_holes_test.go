package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
)

// The holes of issue 7 (findings 7–12) through the real program's HTTP
// API, posted as the sandbox page posts: JSON from the page's own origin.

// browserPost posts body to path as the sandbox page does and returns the
// status and the decoded answer.
func (p *program) browserPost(path string, body any) (int, map[string]any) {
	p.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", p.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", p.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// say posts text to chat ("private" for from's private chat) as a browser
// would and returns the bot's next message in that chat.
func (p *program) say(chat, from, text string) string {
	p.t.Helper()
	code, out := p.browserPost("/api/sandbox/messages", map[string]any{"chat": chat, "from": from, "text": text})
	id, _ := out["id"].(float64)
	if code != http.StatusCreated || id == 0 {
		p.t.Fatalf("post %q as %s: %d %v", text, from, code, out)
	}
	if chat == sandbox.PrivateChat {
		chat = sandbox.PrivateKey(from)
	}
	return p.botReply(chat, int64(id), 0).Text
}

// Finding 7: an invite code posted in a group is burned at once; the group
// hears so without the code, and nobody can redeem it afterwards.
func TestFaultHoleInviteCodePostedInGroup(t *testing.T) {
	path := tempDB(t)
	p := startProgram(t, path)
	code, out, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": path}, "invite", "-role", "officer", "-unit", "第一网格(演示)")
	if code != 0 {
		t.Fatalf("invite: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	invite := lines[len(lines)-1]
	said := p.say(group1, "陈女士", "我的绑定码是 "+invite+"，怎么用？")
	mustContain(t, "the group's answer", said, "已作废")
	if strings.Contains(strings.ToUpper(said), strings.ToUpper(invite)) {
		t.Fatalf("the group's answer repeats the code: %q", said)
	}
	mustContain(t, "redeeming a burned code", p.say(sandbox.PrivateChat, "小周", "#绑定 "+invite), "绑定码无效")
	mustContain(t, "the outsider's rights", p.say(sandbox.PrivateChat, "小周", "#待办"), "仅限社区工作人员")
}

// Finding 8: following, rating and #进度 of a case waiting for review are
// for the people the case belongs to.
func TestFaultHoleCasesBelongToTheirGroup(t *testing.T) {
	path := tempDB(t)
	p := startProgram(t, path)
	mustContain(t, "the report", p.say(group1, "刘大爷", "3号楼电梯又坏了 老人上不去"), "#1")
	mustContain(t, "follow from the other group", p.say(group2, "小周", "#关注 1"), "不在本群")
	mustContain(t, "follow from a private chat", p.say(sandbox.PrivateChat, "小周", "#关注 1"), "不在本群")
	mustContain(t, "follow from the case's group", p.say(group1, "陈女士", "#关注 1"), "已关注 #1")

	mustContain(t, "accept", p.say(group1, "王书记", "#立项 1 城管办"), "立项")
	mustContain(t, "resolve", p.say(group1, "王书记", "#办结 1 已修好"), "已办结")
	mustContain(t, "an outsider's rating", p.say(group2, "小周", "#评价 1 不满意"), "只有")
	mustContain(t, "the case after it", p.say(group1, "陈女士", "#进度 1"), "已办结")

	// A case on the review list (quiet), made as the intake makes them.
	db, err := store.Open(context.Background(), path, store.MustExist())
	if err != nil {
		t.Fatal(err)
	}
	var quiet int64
	err = db.Update(context.Background(), func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, group1)
		if err != nil {
			return err
		}
		c := &nb.Case{Stage: nb.StageTopic, Text: "楼道好像有味道", Quiet: true, UnitID: chat.UnitID,
			ChatID: chat.ID, ReportMsg: "quiet-msg", Priority: nb.PriorityGeneral}
		err = tx.CreateCase(c)
		quiet = c.ID
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	num := strconv.FormatInt(quiet, 10)
	mustContain(t, "#进度 of a quiet case from outside", p.say(group2, "小周", "#进度 "+num), "不在本群")
	mustContain(t, "#进度 of a quiet case in its group", p.say(group1, "陈女士", "#进度 "+num), "#"+num)
}

// Finding 9: guessing invite codes locks the guesser out, saying until when.
func TestFaultHoleInviteGuessingLockedOut(t *testing.T) {
	p := startProgram(t, tempDB(t))
	for i := range 5 {
		mustContain(t, "a wrong code", p.say(sandbox.PrivateChat, "小周", "#绑定 QQQQ-222"+strconv.Itoa(i+2)), "绑定码无效")
	}
	mustContain(t, "the sixth guess", p.say(sandbox.PrivateChat, "小周", "#绑定 QQQQ-2229"), "错误次数过多", "后再试")
}

// Finding 10: a request for another host name (DNS rebinding) is refused,
// even with a matching Origin.
func TestFaultHoleForeignHostRefused(t *testing.T) {
	p := startProgram(t, tempDB(t))
	b, _ := json.Marshal(map[string]any{"name": "evil", "role": "admin"})
	req, _ := http.NewRequest("POST", p.base+"/api/sandbox/people", bytes.NewReader(b))
	req.Host = "evil.example:8080"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://evil.example:8080")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Fatalf("a post for evil.example = %d, want 421", resp.StatusCode)
	}
	var people []struct{ Name string }
	p.do("GET", "/api/sandbox/people", nil, &people)
	for _, person := range people {
		if person.Name == "evil" {
			t.Fatal("the foreign host's person was created")
		}
	}
}

// Finding 11: nobody posts as the bot or as a look-alike made with
// invisible characters, or says nothing visible; each gets a clear 400.
func TestFaultHoleImpersonationRefused(t *testing.T) {
	p := startProgram(t, tempDB(t))
	for _, tc := range []struct{ from, text string }{
		{sandbox.DefaultBotName, "我是机器人"},
		{"王书记\u200b", "我是书记"},
		{"王\u2066书记", "我是书记"},
		{"刘大爷", "\u200b\u200d\u2060"},
	} {
		code, out := p.browserPost("/api/sandbox/messages", map[string]any{"chat": group1, "from": tc.from, "text": tc.text})
		if msg, _ := out["error"].(string); code != http.StatusBadRequest || msg == "" {
			t.Errorf("post as %q saying %q = %d %v; want 400 with a reason", tc.from, tc.text, code, out)
		}
	}
	for _, name := range []string{sandbox.DefaultBotName, "王书记\u200b"} {
		if code, out := p.browserPost("/api/sandbox/people", map[string]any{"name": name}); code != http.StatusBadRequest {
			t.Errorf("a person named %q = %d %v; want 400", name, code, out)
		}
	}
	for _, m := range p.messages(group1, 0, false) {
		if strings.Contains(m.Text, "我是") {
			t.Fatalf("a refused post was stored: %+v", m)
		}
	}
}

// Finding 12: long polls are capped in total, whatever the clients (and
// per client, see web.TestFaultHoleLongPollsPerClient), with a clear 429.
func TestFaultHoleLongPollsCapped(t *testing.T) {
	conf := filepath.Join(t.TempDir(), "neighborbot.yaml")
	if err := os.WriteFile(conf, []byte("sandbox:\n  max_waiting_per_client: 1\n  max_waiting: 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startProgramEnv(t, tempDB(t), map[string]string{"NEIGHBORBOT_CONFIG": conf}, "sandbox chat: ")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	poll := p.base + "/api/sandbox/messages?" + url.Values{"chat": {group1}, "after": {"999999"}, "wait": {"1"}}.Encode()
	holders := make(chan struct{}, 2)
	for _, ip := range []string{"127.0.0.2", "127.0.0.3"} { // two clients hold a long poll each, again and again
		client := clientFrom(ip)
		go func() {
			defer func() { holders <- struct{}{} }()
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "GET", poll, nil)
				if resp, err := client.Do(req); err == nil {
					resp.Body.Close()
					if resp.StatusCode == http.StatusTooManyRequests { // the third took a place: try again shortly
						select {
						case <-ctx.Done():
						case <-time.After(10 * time.Millisecond):
						}
					}
				}
			}
		}()
	}
	third := clientFrom("127.0.0.4")
	var reason string
	eventually(t, 10*time.Second, "a third client's long poll refused with 429", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond) // a poll taken would wait
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", poll, nil)
		resp, err := third.Do(req)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var out struct{ Error string }
		_ = json.NewDecoder(resp.Body).Decode(&out)
		reason = out.Error
		return resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != ""
	})
	mustContain(t, "the 429's reason", reason, "too many waiting")
	if code := p.do("GET", "/api/sandbox/messages?"+url.Values{"chat": {group1}}.Encode(), nil, nil); code != http.StatusOK {
		t.Fatalf("a plain read is not capped: %d", code)
	}
	cancel()
	<-holders
	<-holders
}

// clientFrom is an HTTP client whose connections come from ip (any
// 127.x.y.z is this machine): another client, as far as the server knows.
func clientFrom(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
}
