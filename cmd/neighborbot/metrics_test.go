package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scrape reads /metrics into series → value ("name{labels}" as exposed).
func (p *program) scrape() map[string]float64 {
	p.t.Helper()
	code, ct, body := p.call("GET", "/metrics", nil)
	if code != 200 || !strings.HasPrefix(ct, "text/plain") {
		p.t.Fatalf("/metrics: %d %s %s", code, ct, body)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(body, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			p.t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// waitMetrics scrapes until every series in want has its value, and fails
// the test after a while with the last values.
func (p *program) waitMetrics(want map[string]float64) map[string]float64 {
	p.t.Helper()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(15 * time.Second)
	for {
		got := p.scrape()
		missing := ""
		for k, v := range want {
			if got[k] != v {
				missing += k + "=" + strconv.FormatFloat(got[k], 'g', -1, 64) + " (want " + strconv.FormatFloat(v, 'g', -1, 64) + ") "
			}
		}
		if missing == "" {
			return got
		}
		select {
		case <-tick.C:
		case <-deadline:
			p.t.Fatalf("metrics never reached: %s", missing)
		}
	}
}

// TestMetricsAfterScenario: after a report, a chit-chat message and a
// command in the sandbox, /metrics shows the
// messages handled and sent, their handling times, the cases by stage, an
// empty outbox and the store and platform up.
func TestMetricsAfterScenario(t *testing.T) {
	path := demoDB(t)
	p := startProgram(t, path)
	first := p.scrape()
	if first[`neighborbot_store_up`] != 1 || first[`neighborbot_cases{stage="topic"}`] != 0 ||
		first[`neighborbot_platform_state{platform="sandbox",state="ok"}`] != 1 {
		t.Fatalf("at start: %v", first)
	}
	report := p.post(demoGroup, "刘大爷", "3号楼电梯又坏了 老人上不去", 0)
	ack := p.botReply(demoGroup, report, report)
	p.post(demoGroup, "陈女士", "今天天气不错", 0)
	p.quiet(demoGroup, ack.ID) // a third message, #帮助, answered

	got := p.waitMetrics(map[string]float64{
		`neighborbot_messages_in_total{platform="sandbox"}`:         3,
		`neighborbot_handle_seconds_count{platform="sandbox"}`:      3,
		`neighborbot_cases{stage="topic"}`:                          1,
		`neighborbot_outbox_pending{platform="sandbox"}`:            0,
		`neighborbot_outbox_oldest_age_seconds{platform="sandbox"}`: 0,
		`neighborbot_inbox_backlog`:                                 0,
		`neighborbot_store_up`:                                      1,
	})
	// The acknowledgement and the help at least; private notes to the
	// officers may come on top.
	if out := got[`neighborbot_messages_out_total{platform="sandbox"}`]; out < 2 {
		t.Errorf("messages out = %v, want at least 2", out)
	}
	for k := range got {
		if strings.HasPrefix(k, "neighborbot_send_failures_total") || strings.HasPrefix(k, "neighborbot_messages_set_aside_total") {
			t.Errorf("a failure without cause: %s", k)
		}
	}
	if got[`neighborbot_handle_seconds_bucket{platform="sandbox",le="+Inf"}`] != 3 {
		t.Errorf("histogram: %v", got[`neighborbot_handle_seconds_bucket{platform="sandbox",le="+Inf"}`])
	}
}

// TestHealthz: the text answer for container checks and the JSON detail
// with the database's and each platform's state and the model loaded.
func TestHealthz(t *testing.T) {
	p := startProgram(t, tempDB(t))
	code, _, body := p.call("GET", "/healthz", nil)
	if code != 200 || body != "ok" {
		t.Fatalf("/healthz: %d %q", code, body)
	}
	code, _, body = p.call("GET", "/healthz?detail=1", nil)
	var h struct {
		OK     bool   `json:"ok"`
		Detail health `json:"detail"`
	}
	if err := json.Unmarshal([]byte(body), &h); err != nil || code != 200 || !h.OK {
		t.Fatalf("/healthz?detail=1: %d %s %v", code, body, err)
	}
	d := h.Detail
	if d.Status != stateOK || d.Database.Status != stateOK || len(d.Platforms) != 1 || d.Platforms["sandbox"].Status != stateOK {
		t.Fatalf("detail: %s", body)
	}
	if !strings.HasPrefix(d.Model.Source, "embedded") || !strings.HasPrefix(d.Model.Trained, "built-in corpus (") {
		t.Errorf("the model the bot loaded: %+v", d.Model)
	}
}
