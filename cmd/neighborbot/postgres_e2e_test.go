package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/store/pgtest"
)

// TestPostgresEndToEnd runs the real program on PostgreSQL: a resident's
// report in the sandbox becomes case #1 and the bot replies to it in the
// group; "+1" joins it; an officer accepts it; a restart keeps it all.
func TestPostgresEndToEnd(t *testing.T) {
	db := pgtest.URL(t)
	p := startProgram(t, db)
	report := p.post(group1, "刘大爷", "44号楼前垃圾堆了三天没人收，味道很大", 0)
	ack := p.botReply(group1, report, report)
	mustContain(t, "acknowledgement", ack.Text, "#1", "环境卫生", "44号楼")

	plus := p.post(group1, "陈女士", "+1", ack.ID)
	joined := p.botReply(group1, plus, plus)
	mustContain(t, "+1", joined.Text, "#1", "2")

	p.post(group1, "王书记", "#立项 1 城管办", 0)
	accepted := p.botReply(group1, plus, report)
	mustContain(t, "accept", accepted.Text, "#1", "立项", "城管办", "@陈女士")
	before := p.messages(group1, 0, false)
	p.stop()

	p2 := startProgram(t, db)
	if after := p2.messages(group1, 0, false); len(after) != len(before) {
		t.Fatalf("restart lost messages: %d before, %d after", len(before), len(after))
	}
	q := p2.post(group1, "小周", "#进度 1", 0)
	status := p2.botReply(group1, q, q)
	mustContain(t, "status after restart", status.Text, "#1", "城管办", "关注：2")
}

// TestPostgresCLI: the admin verbs on a PostgreSQL URL.
func TestPostgresCLI(t *testing.T) {
	env := map[string]string{"NEIGHBORBOT_DB": pgtest.URL(t)}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"unit", "list"}, 1, ""}, // an admin verb never creates the tables
		{[]string{"migrate"}, 0, "schema version"},
		{[]string{"unit", "add", "-name", "东城街道", "-kind", "street"}, 0, "added unit 1 东城街道 (street)"},
		{[]string{"unit", "add", "-name", "东城街道", "-kind", "street"}, 1, ""},
		{[]string{"unit", "list"}, 0, "东城街道"},
		{[]string{"check"}, 0, "PostgreSQL checks its own pages"},
		{[]string{"backup", "-out", t.TempDir() + "/b.db"}, 1, ""},
	}
	for _, s := range steps {
		code, out, errOut := cli(t, env, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Fatalf("%v: code %d, out %q, err %q", s.args, code, out, errOut)
		}
		if s.args[0] == "backup" && !strings.Contains(errOut, "pg_dump") {
			t.Fatalf("backup on PostgreSQL must point to pg_dump: %q", errOut)
		}
		if s.args[0] == "unit" && s.code == 1 && s.want == "" && strings.Contains(errOut, "current transaction is aborted") {
			t.Fatalf("%v: %q", s.args, errOut)
		}
	}
}

// TestPostgresServerGoneAndBack: while PostgreSQL cannot be reached, the
// sandbox refuses posts (503) and the bot keeps running; once it is back,
// the bot takes and answers reports again on new connections.
func TestPostgresServerGoneAndBack(t *testing.T) {
	proxy, db := pgtest.NewProxy(t, pgtest.URL(t))
	p := startProgram(t, db)
	first := p.post(group1, "刘大爷", "44号楼前垃圾堆了三天没人收，味道很大", 0)
	mustContain(t, "acknowledgement", p.botReply(group1, first, first).Text, "#1")

	proxy.Cut()
	if code := p.do("POST", "/api/sandbox/messages",
		map[string]any{"chat": group1, "from": "陈女士", "text": "5号楼电梯又坏了 老人上不去"}, nil); code != http.StatusServiceUnavailable {
		t.Fatalf("post with the database gone = %d, want 503", code)
	}
	proxy.Restore()
	second := p.postOnceUp(group1, "陈女士", "5号楼电梯又坏了 老人上不去")
	mustContain(t, "acknowledgement after the database came back", p.botReply(group1, second, second).Text, "#2", "电梯")
}

// postOnceUp posts a message as a client would that was told 503: again,
// every 100 ms, until it is taken (a pooled connection the server dropped
// may fail one more request before the pool replaces it).
func (p *program) postOnceUp(chat, from, text string) int64 {
	p.t.Helper()
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	deadline := time.After(10 * time.Second)
	for {
		var out struct {
			ID int64 `json:"id"`
		}
		switch code := p.do("POST", "/api/sandbox/messages", map[string]any{"chat": chat, "from": from, "text": text}, &out); code {
		case http.StatusCreated:
			return out.ID
		case http.StatusServiceUnavailable:
		default:
			p.t.Fatalf("post %q: status %d", text, code)
		}
		select {
		case <-ticker.C:
		case <-deadline:
			p.t.Fatalf("post %q: still refused 10 s after the database came back:\n%s", text, p.stderr)
		}
	}
}
