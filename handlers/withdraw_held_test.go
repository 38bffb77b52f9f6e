package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// TestFollowUpsKeepTheUrgentCaseOpen: the walkthrough's urgent case (#25)
// was withdrawn by its reporter's follow-up 物业来看了说没事了 可是还在漏啊, and
// another by 没事了吗？有人管吗. Follow-ups that say the trouble goes on, quote
// someone else or ask leave the case open; the reporter's own 是我搞错了 still
// withdraws it.
func TestFollowUpsKeepTheUrgentCaseOpen(t *testing.T) {
	w := newWorld(t)
	if _, got := w.say("g1", "居民甲", "9号楼2单元有煤气味 很浓"); len(got) != 1 || !strings.Contains(got[0].Text, "#1") {
		t.Fatalf("report: %+v", got)
	}
	if c := w.caseByID(1); c.Priority != nb.PriorityUrgent || c.Quiet {
		t.Fatalf("#1 is not an acknowledged urgent case: %+v", c)
	}
	for _, follow := range []string{"物业来看了说没事了 可是还在漏啊", "没事了吗？有人管吗", "物业说没事了", "他们说没事",
		"真的没事了?", "没事了 但是味道还在", "还没修好"} {
		w.now = w.now.Add(time.Minute)
		_, got := w.say("g1", "居民甲", follow)
		for _, m := range got {
			if strings.Contains(m.Text, "撤回") {
				t.Errorf("%q: the bot said %q", follow, m.Text)
			}
		}
		if c := w.caseByID(1); c.Stage != nb.StageTopic || c.Withdrawn {
			t.Fatalf("%q withdrew urgent #1: %s", follow, c.State())
		}
	}
	_, got := w.say("g1", "居民甲", "不好意思 是我搞错了")
	if len(got) == 0 || !strings.Contains(got[0].Text, "撤回") || !w.caseByID(1).Withdrawn {
		t.Fatalf("the reporter's own retraction: %+v, %s", got, w.caseByID(1).State())
	}
}

// TestWithdrawalHeldForOthers: a report a neighbour follows (+1) or an
// officer confirmed is not withdrawn by its reporter: the group is told the
// reporter says it is over and why it stays, the reporter stops following
// it, and a reporter who withdrew from their private chat is told why.
func TestWithdrawalHeldForOthers(t *testing.T) {
	w := newWorld(t)
	if _, got := w.say("g1", "居民甲", "12栋门口的垃圾三天没人收了"); len(got) != 1 {
		t.Fatalf("report: %+v", got)
	}
	w.say("g1", "居民乙", "+1", w.lastSentID())
	w.now = w.now.Add(2 * time.Minute)
	_, got := w.say("g1", "居民甲", "没事了")
	if len(got) != 1 || !strings.Contains(got[0].Text, "#1") || !strings.Contains(got[0].Text, "已经没事了") ||
		!strings.Contains(got[0].Text, "还有其他邻居关注") || strings.Contains(got[0].Text, "已由反映人撤回") {
		t.Fatalf("held withdrawal of a followed case, the group was told: %+v", got)
	}
	if c := w.caseByID(1); c.Stage != nb.StageTopic || c.Withdrawn {
		t.Fatalf("#1 withdrawn though followed: %s", c.State())
	}
	if mine := texts(w.say("private:居民甲", "居民甲", "#我的")); strings.Contains(mine, "#1") {
		t.Errorf("the reporter still follows #1: %q", mine)
	}
	if mine := texts(w.say("private:居民乙", "居民乙", "#我的")); !strings.Contains(mine, "#1") {
		t.Errorf("the follower no longer follows #1: %q", mine)
	}

	n, _ := w.report("g1", "居民甲", "18号楼门口的路灯坏了好几天了 晚上很黑")
	w.say("g1", "书记", "#确认 "+itoa(n))
	_, got = w.say("private:居民甲", "居民甲", "#撤回 "+itoa(n)+" 已经修好了")
	var reply string
	for _, m := range got {
		if m.ChatID == "private:居民甲" {
			reply = m.Text
		}
	}
	if !strings.Contains(reply, "没有撤回") || !strings.Contains(reply, "工作人员已在跟进") {
		t.Errorf("the reporter is not told why #%d stays: %q (all: %+v)", n, reply, got)
	}
	if c := w.caseByID(n); c.Stage != nb.StageIssue {
		t.Errorf("confirmed #%d moved: %s", n, c.State())
	}
}

// texts joins what the bot answered.
func texts(_ string, got []bot.OutMessage) string {
	var b strings.Builder
	for _, m := range got {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}
