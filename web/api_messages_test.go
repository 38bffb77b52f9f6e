package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/web"
)

type postJSON struct {
	Chat    string `json:"chat"`
	From    string `json:"from"`
	Text    string `json:"text"`
	ReplyTo int64  `json:"reply_to,omitempty"`
}

type idJSON struct {
	ID int64 `json:"id"`
}

func TestMessagesAPI(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	var created idJSON
	if st := call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: group1, From: "刘大爷", Text: "3号楼楼道灯坏了"}, &created); st != 201 || created.ID == 0 {
		t.Fatalf("POST message: %d %+v", st, created)
	}

	var msgs []message
	if st := call(t, ts, "GET", "/api/sandbox/messages?chat="+group1, nil, &msgs); st != 200 || len(msgs) != 2 {
		t.Fatalf("GET messages: %d %+v", st, msgs)
	}
	if m := msgs[0]; m.ID != created.ID || m.From != "刘大爷" || m.FromBot || m.Text != "3号楼楼道灯坏了" || m.ReplyTo != 0 || m.At.IsZero() {
		t.Errorf("person's message %+v", m)
	}
	if m := msgs[1]; !m.FromBot || m.From != sandbox.DefaultBotName || m.Text != "@刘大爷 收到：3号楼楼道灯坏了" || m.ReplyTo != created.ID {
		t.Errorf("bot's message %+v", m)
	}

	// A reply, then only what is new.
	var reply idJSON
	if st := call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: group1, From: "陈女士", Text: "+1", ReplyTo: msgs[1].ID}, &reply); st != 201 {
		t.Fatalf("POST reply: %d", st)
	}
	call(t, ts, "GET", fmt.Sprintf("/api/sandbox/messages?chat=%s&after=%d", group1, msgs[1].ID), nil, &msgs)
	if len(msgs) != 2 || msgs[0].ID != reply.ID || msgs[0].ReplyTo != created.ID+1 {
		t.Errorf("after: %+v", msgs)
	}

	// Private chat with the bot.
	if st := call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: "private", From: "小周", Text: "#我的"}, &created); st != 201 {
		t.Fatalf("POST private: %d", st)
	}
	call(t, ts, "GET", "/api/sandbox/messages?chat=private:小周", nil, &msgs)
	if len(msgs) != 2 || msgs[1].Text != "@小周 收到：#我的" {
		t.Errorf("private: %+v", msgs)
	}
	call(t, ts, "GET", "/api/sandbox/messages?chat=private:nobody&after=0", nil, &msgs)
	if msgs == nil || len(msgs) != 0 {
		t.Errorf("empty chat: %#v", msgs)
	}
}

func TestMessagesAPIErrors(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	var first idJSON
	call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: group2, From: "小周", Text: "hi"}, &first)

	for _, tt := range []struct {
		body   any
		status int
		msg    string
	}{
		{postJSON{Chat: "无此群", From: "小周", Text: "x"}, 404, `group "无此群" not found`},
		{postJSON{Chat: group1, From: "", Text: "x"}, 400, "name required"},
		{postJSON{Chat: group1, From: strings.Repeat("长", 33), Text: "x"}, 400, "name too long (at most 32 characters)"},
		{postJSON{Chat: group1, From: "小周", Text: "  "}, 400, "text required"},
		{postJSON{Chat: group1, From: "小周", Text: "x", ReplyTo: first.ID}, 400, fmt.Sprintf("reply_to: message %d is not in this chat", first.ID)},
		{`{"chat": "x", "from": "y", "text": "z", "reply_to": "1"}`, 400, `invalid JSON: field "reply_to" must be an integer`},
		{`{"chat": "x", "sender": "y"}`, 400, `invalid JSON: unknown field "sender"`},
		{`not json`, 400, "invalid JSON at byte 2: invalid character 'o' in literal null (expecting 'u')"},
		{`{"chat":"` + group1 + `","from":"小周","text":"` + strings.Repeat("x", 257<<10) + `"}`, 413, "request body too large (at most 256 KiB)"},
	} {
		var e apiError
		if st := call(t, ts, "POST", "/api/sandbox/messages", tt.body, &e); st != tt.status || e.Error != tt.msg {
			t.Errorf("POST %.80v: %d %q, want %d %q", tt.body, st, e.Error, tt.status, tt.msg)
		}
	}

	for _, q := range []string{"", "?after=1", "?chat=x&after=-1", "?chat=x&after=abc"} {
		var e apiError
		if st := call(t, ts, "GET", "/api/sandbox/messages"+q, nil, &e); st != 400 || e.Error == "" {
			t.Errorf("GET %s: %d %q", q, st, e.Error)
		}
	}
}

func TestMessagesAPITextLimits(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	// 20,000 Chinese characters are 60 KB of JSON: accepted.
	long := strings.Repeat("楼", 20_000)
	var created idJSON
	if st := call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: group1, From: "小周", Text: long}, &created); st != 201 {
		t.Fatalf("POST 20,000 characters: %d", st)
	}
	// Invalid UTF-8 is replaced, not rejected.
	if st := call(t, ts, "POST", "/api/sandbox/messages", "{\"chat\":\""+group1+"\",\"from\":\"小周\",\"text\":\"a\xffb\"}", &created); st != 201 {
		t.Fatalf("POST invalid UTF-8: %d", st)
	}
	var msgs []message
	call(t, ts, "GET", fmt.Sprintf("/api/sandbox/messages?chat=%s&after=%d", group1, created.ID-1), nil, &msgs)
	if len(msgs) != 2 || msgs[0].Text != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 stored as %+v", msgs)
	}
}

func TestMessagesAPIContentType(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	res, err := http.Post(ts.URL+"/api/sandbox/messages", "text/plain", strings.NewReader(`{"chat":"`+group1+`","from":"x","text":"y"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain: %d, want 415", res.StatusCode)
	}
}

func TestMessagesAPILongPoll(t *testing.T) {
	t.Parallel()
	polling := make(chan struct{})
	ts := newHookedAPI(t, func(r *http.Request) {
		if r.URL.Query().Get("wait") == "1" {
			close(polling)
		}
	}, sandbox.WithWaitTimeout(time.Minute))
	type result struct {
		status int
		msgs   []message
		err    error
	}
	got := make(chan result, 1)
	go func() {
		var r result
		res, err := ts.Client().Get(ts.URL + "/api/sandbox/messages?chat=" + group2 + "&after=0&wait=1")
		if err == nil {
			r.status = res.StatusCode
			err = json.NewDecoder(res.Body).Decode(&r.msgs)
			res.Body.Close()
		}
		r.err = err
		got <- r
	}()
	<-polling // the poll is in flight before anything is posted
	var created idJSON
	if st := call(t, ts, "POST", "/api/sandbox/messages", postJSON{Chat: group2, From: "张阿姨", Text: "周六上午义诊"}, &created); st != 201 {
		t.Fatalf("POST: %d", st)
	}
	select {
	case r := <-got:
		if r.err != nil || r.status != 200 || len(r.msgs) == 0 || r.msgs[0].ID != created.ID {
			t.Errorf("long poll: %d %+v %v", r.status, r.msgs, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("long poll did not return")
	}
}

func TestMessagesAPILongPollTimeout(t *testing.T) {
	t.Parallel()
	ts := newAPI(t, sandbox.WithWaitTimeout(10*time.Millisecond))
	var msgs []message
	if st := call(t, ts, "GET", "/api/sandbox/messages?chat="+group2+"&wait=1", nil, &msgs); st != 200 || msgs == nil || len(msgs) != 0 {
		t.Errorf("long poll timeout: %d %#v", st, msgs)
	}
}

// TestFaultHoleCrossSitePostsRefused: another web site cannot make a visitor's
// browser create people or post messages here.
func TestFaultHoleCrossSitePostsRefused(t *testing.T) {
	srv := httptest.NewServer(web.New("127.0.0.1:0", newSandbox(t), testLogger(t)).Handler())
	defer srv.Close()
	cases := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"no content type", map[string]string{}, http.StatusUnsupportedMediaType},
		{"cross-site fetch", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign origin", map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"same origin", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "same-origin"}, http.StatusCreated},
		// DNS rebinding: a page on evil.example whose name now points here.
		{"foreign host", map[string]string{"Content-Type": "application/json", "Host": "evil.example:8080",
			"Origin": "http://evil.example:8080", "Sec-Fetch-Site": "same-origin"}, http.StatusMisdirectedRequest},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest("POST", srv.URL+"/api/sandbox/people", strings.NewReader(`{"name":"evil`+tc.name+`","role":"admin"}`))
		for k, v := range tc.headers {
			req.Header.Set(k, v)
		}
		if h := tc.headers["Host"]; h != "" {
			req.Host = h
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.want)
		}
	}
}
