package main

import (
	"strings"
	"testing"

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
