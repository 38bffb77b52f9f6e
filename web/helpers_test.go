package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

const (
	group1 = "幸福社区一网格群(演示)"
	group2 = "幸福社区二网格群(演示)"
)

// echoBot is a test receiver that answers every message through the
// sandbox, as a reply mentioning the sender: "收到：<text>".
type echoBot struct {
	sb *sandbox.Platform
}

func (e *echoBot) Receive(ctx context.Context, m bot.Message) error {
	_, err := e.sb.Send(ctx, bot.OutMessage{ChatID: m.ChatID, Text: "收到：" + m.Text, ReplyTo: m.ID, Mentions: []string{m.SenderID}})
	return err
}

// newSandbox returns a sandbox with the demo data on a real store in a
// temporary file, answered by echoBot.
func newSandbox(t *testing.T, opts ...sandbox.Option) *sandbox.Platform {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "neighborbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if ok, err := sandbox.SeedDemo(t.Context(), db); err != nil || !ok {
		t.Fatalf("SeedDemo = %v, %v", ok, err)
	}
	echo := &echoBot{}
	echo.sb = sandbox.New(db, echo, append([]sandbox.Option{sandbox.WithLogger(testLogger(t))}, opts...)...)
	return echo.sb
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newAPI serves a seeded sandbox with httptest.
func newAPI(t *testing.T, opts ...sandbox.Option) *httptest.Server {
	t.Helper()
	return newHookedAPI(t, func(*http.Request) {}, opts...)
}

// newHookedAPI is newAPI with a function called as each request arrives.
func newHookedAPI(t *testing.T, onRequest func(*http.Request), opts ...sandbox.Option) *httptest.Server {
	t.Helper()
	opts = append([]sandbox.Option{sandbox.WithWaitTimeout(10 * time.Second)}, opts...)
	srv := web.New("127.0.0.1:0", newSandbox(t, opts...), testLogger(t))
	srv.OnRequest(onRequest)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		shutdown(t, srv) // ends long polls
		ts.Close()
	})
	return ts
}

// shutdown stops srv, failing the test if that takes more than 10 s.
func shutdown(t *testing.T, srv *web.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// call sends a request (JSON-encoding body unless it is a string or nil) and
// decodes a JSON answer into out unless out is nil. It returns the status.
func call(t *testing.T, ts *httptest.Server, method, path string, body, out any) int {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewBufferString(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %d %q: %v", method, path, res.StatusCode, data, err)
		}
	}
	return res.StatusCode
}

// apiError is an error answer.
type apiError struct {
	Error string `json:"error"`
}

// message is a message as the API lists it.
type message struct {
	ID      int64     `json:"id"`
	From    string    `json:"from"`
	FromBot bool      `json:"from_bot"`
	Text    string    `json:"text"`
	ReplyTo int64     `json:"reply_to"`
	At      time.Time `json:"at"`
}
