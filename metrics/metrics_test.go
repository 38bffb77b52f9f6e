package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// scrape returns the metrics' text exposition.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("scrape: %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func wantLines(t *testing.T, text string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(text, "\n"+l+"\n") {
			t.Errorf("metrics lack %q", l)
		}
	}
}

func TestMetrics(t *testing.T) {
	reads := 0
	var fail error
	m := New(func(ctx context.Context) (Gauges, error) {
		reads++
		if _, ok := ctx.Deadline(); !ok {
			t.Error("the gauges are read without a deadline")
		}
		g := Gauges{Backlog: 3, States: map[string]string{"sandbox": "ok", "wechat": "degraded"}}
		if fail != nil {
			return g, fail
		}
		g.Outbox = map[string]Queue{"sandbox": {Pending: 2, Oldest: time.Now().Add(-time.Minute)}}
		g.Cases = map[string]int{"topic": 4, "project": 1}
		return g, nil
	}, 0)
	m.Handled(nb.PlatformSandbox, 2)
	m.HandleTook(nb.PlatformSandbox, 3*time.Millisecond)
	m.Sent(nb.PlatformSandbox, 1)
	m.SendFailed(nb.PlatformWeChat, false)
	m.SendFailed(nb.PlatformWeChat, true)
	m.SetAside(nb.PlatformSandbox)
	m.InboxClaimed(5)
	m.InboxClaimed(0)
	m.InboxClaimed(0)
	text := scrape(t, m)
	wantLines(t, text,
		`neighborbot_messages_in_total{platform="sandbox"} 2`,
		`neighborbot_messages_out_total{platform="sandbox"} 1`,
		`neighborbot_handle_seconds_count{platform="sandbox"} 1`,
		`neighborbot_handle_seconds_bucket{platform="sandbox",le="0.005"} 1`,
		`neighborbot_send_failures_total{kind="retry",platform="wechat"} 1`,
		`neighborbot_send_failures_total{kind="permanent",platform="wechat"} 1`,
		`neighborbot_messages_set_aside_total{platform="sandbox"} 1`,
		`neighborbot_inbox_claims_total{result="some"} 1`,
		`neighborbot_inbox_claims_total{result="empty"} 2`,
		`neighborbot_outbox_pending{platform="sandbox"} 2`,
		`neighborbot_outbox_pending{platform="wechat"} 0`,
		`neighborbot_cases{stage="topic"} 4`,
		`neighborbot_cases{stage="closed"} 0`,
		`neighborbot_inbox_backlog 3`,
		`neighborbot_store_up 1`,
		`neighborbot_platform_state{platform="wechat",state="degraded"} 1`,
		`neighborbot_platform_state{platform="wechat",state="ok"} 0`,
	)
	if !strings.Contains(text, `neighborbot_outbox_oldest_age_seconds{platform="sandbox"} 6`) { // about 60 s
		t.Errorf("oldest age missing or wrong:\n%s", grep(text, "oldest"))
	}

	fail = errors.New("database is locked")
	text = scrape(t, m)
	wantLines(t, text, `neighborbot_store_up 0`, `neighborbot_inbox_backlog 3`)
	if strings.Contains(text, "neighborbot_cases{") {
		t.Error("cases reported from a failed read")
	}
	if reads != 2 {
		t.Errorf("read %d times for 2 scrapes", reads)
	}
}

// The gauges are read at most once per cache period.
func TestGaugeCache(t *testing.T) {
	reads := 0
	m := New(func(context.Context) (Gauges, error) { reads++; return Gauges{}, nil }, time.Hour)
	scrape(t, m)
	scrape(t, m)
	if reads != 1 {
		t.Errorf("read %d times within the cache period", reads)
	}
}

func grep(text, word string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
