package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

// newEngineAPI serves the demo sandbox with the real engine (not running:
// the test handles messages itself) that is overloaded past limit.
func newEngineAPI(t *testing.T, limit int) (*httptest.Server, *bot.Engine, *web.Server) {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := sandbox.SeedDemo(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	e := bot.NewEngine(db, func(c *bot.Context) error { return nil }, bot.WithBacklogLimit(limit))
	sb := sandbox.New(db, e, sandbox.WithLogger(testLogger(t)), sandbox.WithWaitTimeout(time.Second))
	e.RegisterSender(nb.PlatformSandbox, sb)
	srv := web.New("127.0.0.1:0", sb, testLogger(t))
	srv.SetHealth(func() (bool, any) { h := e.Health(); return h.OK(), h })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, e, srv
}

// TestFaultBacklogSlowsIntake: past the backlog limit the sandbox answers 429
// with Retry-After and stores nothing; once the bot has caught up it takes
// messages again, and /healthz shows the backlog throughout.
func TestFaultBacklogSlowsIntake(t *testing.T) {
	ts, e, _ := newEngineAPI(t, 2)
	post := map[string]any{"chat": group1, "from": "刘大爷", "text": "今天天气不错"}
	for i := range 3 {
		if code := call(t, ts, "POST", "/api/sandbox/messages", post, nil); code != http.StatusCreated {
			t.Fatalf("post %d = %d", i, code)
		}
	}
	req, _ := http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/api/sandbox/messages",
		jsonBody(t, post))
	req.Header.Set("Content-Type", "application/json")
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("post past the backlog limit = %d (Retry-After %q), want 429 with Retry-After",
			res.StatusCode, res.Header.Get("Retry-After"))
	}
	var health struct {
		OK     bool       `json:"ok"`
		Detail bot.Health `json:"detail"`
	}
	if code := call(t, ts, "GET", "/healthz?detail=1", nil, &health); code != 200 || !health.OK ||
		health.Detail.Backlog != 3 || !health.Detail.Overloaded {
		t.Fatalf("healthz while overloaded = %d %+v", code, health)
	}
	if n, err := e.ProcessPending(context.Background()); n != 3 || err != nil {
		t.Fatalf("processed %d, %v; want the three accepted, not the refused one", n, err)
	}
	if code := call(t, ts, "POST", "/api/sandbox/messages", post, nil); code != http.StatusCreated {
		t.Fatalf("post after catching up = %d", code)
	}
}

// TestFaultHoleLongPollsPerClient: a client may hold only so many long polls.
func TestFaultHoleLongPollsPerClient(t *testing.T) {
	ts, _, srv := newEngineAPI(t, 0)
	srv.SetPollLimits(1, 10)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	started := make(chan struct{})
	go func() { // holds a long poll, again and again
		close(started)
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/sandbox/messages?chat="+queryEscape(group1)+"&after=999999&wait=1", nil)
			if res, err := ts.Client().Do(req); err == nil {
				res.Body.Close()
			}
		}
	}()
	<-started
	deadline := time.Now().Add(10 * time.Second)
	for {
		code := call(t, ts, "GET", "/api/sandbox/messages?chat="+queryEscape(group1)+"&after=999999&wait=1", nil, nil)
		if code == http.StatusTooManyRequests {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a second long poll from one client = %d, want 429", code)
		}
	}
	if code := call(t, ts, "GET", "/api/sandbox/messages?chat="+queryEscape(group1)+"&after=0", nil, nil); code != 200 {
		t.Fatalf("a plain read is not capped: %d", code)
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }

func jsonBody(t *testing.T, v any) io.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}
