package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// program is a running neighborbot (the real Main) for end-to-end tests.
type program struct {
	t      *testing.T
	base   string // http://127.0.0.1:PORT
	cancel context.CancelFunc
	done   chan int
	stderr *lockedWriter
}

// startProgram runs Main with the sandbox on a temporary database and waits
// until it serves.
func startProgram(t *testing.T, dbPath string, args ...string) *program {
	t.Helper()
	return startProgramEnv(t, dbPath, nil, "sandbox chat: ", args...)
}

// startProgramEnv runs Main with extra environment variables and waits for
// the line of its output that starts with ready.
func startProgramEnv(t *testing.T, dbPath string, extra map[string]string, readyPrefix string, args ...string) *program {
	t.Helper()
	// Quiet hours are off unless a test sets them: what the bot posts must
	// not depend on the hour the tests run at.
	env := map[string]string{"NEIGHBORBOT_DB": dbPath, "NEIGHBORBOT_HTTP_ADDR": "127.0.0.1:0", "NEIGHBORBOT_LOG_LEVEL": "debug",
		"NEIGHBORBOT_QUIET_HOURS": "off"}
	for k, v := range extra {
		env[k] = v
	}
	outR, outW := io.Pipe()
	p := &program{t: t, done: make(chan int, 1), stderr: &lockedWriter{}}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	sys := IO{In: strings.NewReader(""), Out: outW, Err: p.stderr, Getenv: func(k string) string { return env[k] }}
	go func() {
		code := Main(ctx, append([]string{"run"}, args...), sys)
		outW.Close()
		p.done <- code
	}()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), readyPrefix); ok {
				ready <- strings.TrimSuffix(after, "/sandbox")
			}
		}
		close(ready)
	}()
	select {
	case base, ok := <-ready:
		if !ok {
			t.Fatalf("program exited before serving:\n%s", p.stderr)
		}
		p.base = base
	case <-time.After(20 * time.Second):
		t.Fatalf("program did not start:\n%s", p.stderr)
	}
	t.Cleanup(func() { p.stop() })
	return p
}

// stop cancels the program and checks that it exits cleanly.
func (p *program) stop() {
	if p.cancel == nil {
		return
	}
	p.cancel()
	p.cancel = nil
	select {
	case code := <-p.done:
		if code != 0 {
			p.t.Errorf("exit code %d:\n%s", code, p.stderr)
		}
	case <-time.After(20 * time.Second):
		p.t.Error("program did not stop")
	}
}

// apiMessage is a message as the sandbox API returns it.
type apiMessage struct {
	ID      int64  `json:"id"`
	From    string `json:"from"`
	FromBot bool   `json:"from_bot"`
	Text    string `json:"text"`
	ReplyTo int64  `json:"reply_to"`
}

func (p *program) post(chat, from, text string, replyTo int64) int64 {
	p.t.Helper()
	body := map[string]any{"chat": chat, "from": from, "text": text}
	if replyTo != 0 {
		body["reply_to"] = replyTo
	}
	var out struct {
		ID int64 `json:"id"`
	}
	if code := p.do("POST", "/api/sandbox/messages", body, &out); code != http.StatusCreated {
		p.t.Fatalf("post %q: status %d", text, code)
	}
	return out.ID
}

func (p *program) do(method, path string, body, out any) int {
	p.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, p.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			p.t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// messages returns the messages of a chat after id, long-polling when wait.
func (p *program) messages(chat string, after int64, wait bool) []apiMessage {
	p.t.Helper()
	q := url.Values{"chat": {chat}, "after": {fmt.Sprint(after)}}
	if wait {
		q.Set("wait", "1")
	}
	var raw json.RawMessage
	switch code := p.do("GET", "/api/sandbox/messages?"+q.Encode(), nil, &raw); code {
	case http.StatusOK:
	case http.StatusServiceUnavailable: // the database is away for a moment: a client asks again
		<-time.After(50 * time.Millisecond)
		return nil
	default:
		p.t.Fatalf("messages: status %d", code)
	}
	var out []apiMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		p.t.Fatalf("messages: %v", err)
	}
	return out
}

// botReply waits for the bot's next message in chat after id that replies
// to replyTo (0 = any) and returns it.
func (p *program) botReply(chat string, after, replyTo int64) apiMessage {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range p.messages(chat, after, true) {
			after = m.ID
			if m.FromBot && (replyTo == 0 || m.ReplyTo == replyTo) {
				return m
			}
		}
	}
	p.t.Fatalf("no bot reply in %s after #%d (reply to %d):\n%s", chat, after, replyTo, p.stderr)
	return apiMessage{}
}

// quiet checks that the bot says nothing in chat after id, by sending a
// marker command and seeing its answer come first.
func (p *program) quiet(chat string, after int64) {
	p.t.Helper()
	marker := p.post(chat, "小周", "#帮助", 0)
	m := p.botReply(chat, after, 0)
	if m.ReplyTo != marker {
		p.t.Fatalf("the bot spoke when it should have kept quiet: %q", m.Text)
	}
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "neighborbot.db") }

// lockedWriter lets the program log while the test reads what it logged.
type lockedWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(b)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
