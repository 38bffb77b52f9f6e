package main

import (
	"strings"
	"testing"
)

const (
	group1 = "幸福社区一网格群(演示)"
	group2 = "幸福社区二网格群(演示)"
)

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s: %q does not contain %q", what, got, w)
		}
	}
}

// TestCaseLifecycleEndToEnd plays the foundation scenario against the real
// program: report → acknowledgement → "+1" → accept → progress → resolve →
// rating, each step seen in the group as a reply to the report; then a
// restart keeps everything.
func TestCaseLifecycleEndToEnd(t *testing.T) {
	db := tempDB(t)
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

	p.post(group1, "赵师傅", "#进展 1 已安排环卫车明早清运", 0)
	progress := p.botReply(group1, accepted.ID, report)
	mustContain(t, "progress", progress.Text, "#1", "已安排环卫车明早清运")

	p.post(group1, "王书记", "#办结 1 垃圾已清运完毕", 0)
	resolved := p.botReply(group1, progress.ID, report)
	mustContain(t, "resolve", resolved.Text, "#1", "已办结", "垃圾已清运完毕", "@刘大爷")

	rating := p.post(group1, "刘大爷", "满意", resolved.ID)
	rated := p.botReply(group1, rating, report)
	mustContain(t, "rating", rated.Text, "#1", "满意", "关闭")

	before := p.messages(group1, 0, false)
	p.stop()

	p2 := startProgram(t, db)
	after := p2.messages(group1, 0, false)
	if len(after) != len(before) {
		t.Fatalf("restart lost messages: %d before, %d after", len(before), len(after))
	}
	q := p2.post(group1, "小周", "#进度 1", 0)
	status := p2.botReply(group1, q, q)
	mustContain(t, "status after restart", status.Text, "#1", "已关闭", "关注：2")
}

// TestChitChatGetsNoReply checks that the bot keeps quiet in the group.
func TestChitChatGetsNoReply(t *testing.T) {
	p := startProgram(t, tempDB(t))
	last := int64(0)
	for _, s := range []string{"大家早上好", "收到", "今天天气不错，下午去公园吗", "看新闻说别的小区电梯困人了"} {
		last = p.post(group2, "小周", s, 0)
	}
	p.quiet(group2, last)
}

// TestBadInput checks that mistakes get a short, clear answer and that
// nothing breaks.
func TestBadInput(t *testing.T) {
	p := startProgram(t, tempDB(t))
	cases := []struct {
		from, text string
		want       []string
	}{
		{"刘大爷", "#进度 999", []string{"没有找到 #999"}},
		{"刘大爷", "#进度 abc", []string{"编号"}},
		{"刘大爷", "#立项 1 城管办", []string{"仅限社区工作人员"}},
		{"王书记", "#立项 999", []string{"没有找到 #999"}},
		{"王书记", "#驳回", []string{"编号"}},
		{"王书记", "#派单 1", []string{"单位"}},
		{"刘大爷", "/frobnicate", []string{"不认识"}},
		{"刘大爷", "#报事 " + strings.Repeat("很长", 10000), []string{"太长"}},
	}
	for _, tc := range cases {
		id := p.post(group1, tc.from, tc.text, 0)
		m := p.botReply(group1, id, id)
		mustContain(t, tc.text[:min(len(tc.text), 30)], m.Text, tc.want...)
	}
	// Noise that deserves no answer: long pasted text, control characters,
	// invalid UTF-8.
	last := p.post(group1, "小周", strings.Repeat("转发一篇很长的文章。", 2000), 0)
	last = p.post(group1, "小周", "\x01\x02\x03", 0)
	last = p.post(group1, "小周", "bad \xff\xfe bytes", 0)
	p.quiet(group1, last)
}

// TestSecondReportJoinsTheFirst: a second resident saying the same thing in
// other words joins the first case instead of opening a new one.
func TestSecondReportJoinsTheFirst(t *testing.T) {
	p := startProgram(t, tempDB(t))
	first := p.post(group2, "陈女士", "3栋电梯又坏了 老人上不去 急", 0)
	ack := p.botReply(group2, first, first)
	mustContain(t, "acknowledgement", ack.Text, "#1", "电梯", "3栋")
	second := p.post(group2, "小周", "三号楼的电梯坏了，困在家里下不去", 0)
	joined := p.botReply(group2, second, second)
	mustContain(t, "duplicate", joined.Text, "#1", "已将您加入关注")
	q := p.post(group2, "小周", "#我的", 0)
	mine := p.botReply(group2, q, q)
	mustContain(t, "mine", mine.Text, "#1")
	if strings.Contains(mine.Text, "#2") {
		t.Fatalf("the second report must not open a case: %q", mine.Text)
	}
}

// TestNoDemoIsRemembered: a database first started with --no-demo does not
// get demo data on a later start without the flag.
func TestNoDemoIsRemembered(t *testing.T) {
	db := tempDB(t)
	p := startProgram(t, db, "--no-demo")
	var chats []map[string]any
	p.do("GET", "/api/sandbox/chats", nil, &chats)
	if len(chats) != 0 {
		t.Fatalf("--no-demo seeded %v", chats)
	}
	p.stop()
	p2 := startProgram(t, db)
	p2.do("GET", "/api/sandbox/chats", nil, &chats)
	if len(chats) != 0 {
		t.Fatalf("demo data appeared on the second start: %v", chats)
	}
}
