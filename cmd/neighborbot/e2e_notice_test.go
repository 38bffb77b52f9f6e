package main

import (
	"strings"
	"testing"
)

// noticeIn waits for the bot's notice in chat after id and returns it.
func (p *program) noticeIn(chat string, after int64) apiMessage {
	p.t.Helper()
	for {
		m := p.botReply(chat, after, 0)
		if strings.HasPrefix(m.Text, "【通知】") {
			return m
		}
		after = m.ID
	}
}

// countNotices counts the notices with text in chat after id.
func (p *program) countNotices(chat, text string) int {
	n := 0
	for _, m := range p.messages(chat, 0, false) {
		if m.FromBot && strings.HasPrefix(m.Text, "【通知】"+text) {
			n++
		}
	}
	return n
}

// TestAmbassadorNoticeThroughTheSandbox: an officer appoints an ambassador
// of one grid, who sends a notice to that grid's group, then asks for a
// community-wide one; the officer approves it, each group receives it once
// (marked as a notice, with the sender's name), and the status shows it.
// Quiet hours are off (startProgram): the test may run at any hour.
func TestAmbassadorNoticeThroughTheSandbox(t *testing.T) {
	p := startProgram(t, tempDB(t))
	ask := func(chat, from, text string, want ...string) apiMessage {
		t.Helper()
		post := chat
		if strings.HasPrefix(chat, "private:") {
			post = "private"
		}
		id := p.post(post, from, text, 0)
		m := p.botReply(chat, id, id)
		mustContain(t, text, m.Text, want...)
		return m
	}
	ask("private:王书记", "王书记", "#帮助", "")
	ask(group1, "小周", "#通知 周六义诊", "只有宣传代言人和社区工作人员可以发通知")
	ask(group1, "王书记", "#任命 小周", "已任命 小周 为「第一网格(演示)」的宣传代言人")
	ask(group1, "王书记", "#代言人", "第一网格(演示)：小周")
	offer := p.post(group2, "陈女士", "我也可以帮忙发通知", 0)
	id := p.post(group2, "王书记", "#任命", offer) // by replying to her message
	mustContain(t, "appoint by reply", p.botReply(group2, id, id).Text, "已任命 陈女士 为「第二网格(演示)」的宣传代言人")

	before1, before2 := lastID(p, group1), lastID(p, group2)
	ask(group1, "小周", "#通知 周六上午9点社区义诊，请带医保卡", "通知 B1 已发出，共 1 个群")
	got := p.noticeIn(group1, before1)
	mustContain(t, "own notice", got.Text, "【通知】周六上午9点社区义诊，请带医保卡", "发布人：小周")

	ask(group1, "小周", "#通知 @幸福社区 周日上午全社区大扫除", "通知 B2 超出其负责范围，已提交「幸福社区(演示)」的工作人员审批")
	req := p.botReply("private:王书记", 0, 0)
	for !strings.Contains(req.Text, "B2") {
		req = p.botReply("private:王书记", req.ID, 0)
	}
	mustContain(t, "approval request", req.Text, "小周", "周日上午全社区大扫除", "#批准 B2")
	ask("private:王书记", "王书记", "#批准 B2", "已批准 B2，将发送到 2 个群")
	p.noticeIn(group2, before2)
	status := ask(group1, "小周", "#通知状态 B2", "已送达 2，待发送 0，失败 0")
	mustContain(t, "status", status.Text, "幸福社区一网格群(演示)", "幸福社区二网格群(演示)")

	if n := p.countNotices(group1, "周日上午全社区大扫除"); n != 1 {
		t.Errorf("group 1 received the community notice %d times", n)
	}
	if n := p.countNotices(group2, "周日上午全社区大扫除"); n != 1 {
		t.Errorf("group 2 received the community notice %d times", n)
	}
	if n := p.countNotices(group2, "周六上午9点社区义诊"); n != 0 {
		t.Errorf("the grid's own notice reached the other grid %d times", n)
	}
}

// lastID is the id of the newest message in chat (0 if none).
func lastID(p *program, chat string) int64 {
	var last int64
	for _, m := range p.messages(chat, 0, false) {
		last = m.ID
	}
	return last
}
