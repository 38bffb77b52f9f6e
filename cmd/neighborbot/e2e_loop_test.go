package main

import (
	"encoding/json"
	"testing"
)

// TestLoopAndStatsEndToEnd plays issue 9's scenario through the sandbox's
// JSON API — report → accept → whistle → ack → progress → resolve →
// 不满意 → reopened → resolve → 满意 — then reads `neighborbot stats -json`:
// one project, resolved, and satisfied (a case's last rating counts).
func TestLoopAndStatsEndToEnd(t *testing.T) {
	db := tempDB(t)
	p := startProgram(t, db)

	report := p.post(group1, "刘大爷", "44号楼前垃圾堆了三天没人收，味道很大", 0)
	last := p.botReply(group1, report, report)
	mustContain(t, "acknowledgement", last.Text, "#1")
	step := func(from, text string, wants ...string) {
		t.Helper()
		p.post(group1, from, text, 0)
		last = p.botReply(group1, last.ID, report)
		mustContain(t, text, last.Text, wants...)
	}
	step("王书记", "#立项 1 城管办", "立项", "城管办")
	step("王书记", "#吹哨 1 城管办", "吹哨", "报到")
	step("赵师傅", "#报到 1", "已报到")
	step("赵师傅", "#进展 1 已安排环卫车明早清运", "已安排环卫车明早清运")
	step("赵师傅", "#办结 1 已清运", "已办结")
	rating := p.post(group1, "刘大爷", "不满意", last.ID)
	last = p.botReply(group1, rating, report)
	mustContain(t, "unsatisfied", last.Text, "重新交办", "城管办")
	step("赵师傅", "#办结 1 已彻底清理并消毒", "已办结")
	rating = p.post(group1, "刘大爷", "满意", last.ID)
	last = p.botReply(group1, rating, report)
	mustContain(t, "satisfied", last.Text, "满意", "关闭")
	p.stop()

	code, out, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": db}, "stats", "-json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errOut)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats -json: %v in %q", err, out)
	}
	for k, want := range map[string]any{"topics": 1.0, "projects": 1.0, "resolved": 1.0, "resolution_rate": 1.0,
		"satisfaction_rate": 1.0, "solve_rate": 1.0, "response_rate": 1.0} {
		if s[k] != want {
			t.Errorf("%s = %v, want %v (all: %s)", k, s[k], want, out)
		}
	}
	code, out, _ = cli(t, map[string]string{"NEIGHBORBOT_DB": db}, "stats", "-unit", "幸福社区")
	mustContain(t, "stats table", out, "幸福社区(演示) and below", "projects 项目", "100.0%")
	if code != 0 {
		t.Fatalf("stats table: exit %d", code)
	}
}
