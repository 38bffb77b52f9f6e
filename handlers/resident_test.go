package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func TestReportIsAcknowledgedAndChitChatIsNot(t *testing.T) {
	w := newWorld(t)
	id, got := w.say("g1", "居民甲", "3栋电梯又坏了 老人上不去 急")
	if len(got) != 1 || got[0].ReplyTo != id || !strings.Contains(got[0].Text, "#1") || !strings.Contains(got[0].Text, "电梯") {
		t.Fatalf("acknowledgement: %+v", got)
	}
	for _, s := range []string{"早上好", "收到", "好的谢谢", "今晚谁去跳广场舞", "看新闻说别的小区电梯困人了"} {
		if _, got := w.say("g1", "居民乙", s); len(got) != 0 {
			t.Errorf("chit-chat %q got an answer: %q", s, got[0].Text)
		}
	}
}

func TestMeTooAndDuplicates(t *testing.T) {
	w := newWorld(t)
	report, got := w.say("g1", "居民甲", "18号楼门口的路灯坏了好几天了，晚上很黑")
	if len(got) != 1 {
		t.Fatalf("report: %+v", got)
	}
	ackID := w.lastSentID()
	for _, replyTo := range []string{ackID, report} {
		_, got := w.say("g1", "居民乙", "我也是", replyTo)
		if len(got) != 1 {
			t.Fatalf("me too: %+v", got)
		}
		if replyTo == ackID && !strings.Contains(got[0].Text, "已关注 #1") {
			t.Fatalf("me too: %q", got[0].Text)
		}
		if replyTo == report && !strings.Contains(got[0].Text, "已在关注") {
			t.Fatalf("second me too: %q", got[0].Text)
		}
	}
	w.one("g1", "居民丙", "#关注 1", "已关注 #1", "3 人")
	w.one("g1", "居民丙", "#关注 77", "没有找到 #77")
	_, got = w.say("g1", "居民丁", "18号楼门口路灯不亮了，黑乎乎的")
	if len(got) != 1 || !strings.Contains(got[0].Text, "#1") {
		t.Fatalf("a second report of the same thing must join #1: %+v", got)
	}
	w.one("g1", "居民丁", "#我的", "#1")
}

func TestStatusAndMineAndHelp(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "6号楼302室楼上漏水 电话13912345678")
	m := w.one("g1", "路人", "#进度 "+itoa(n), "#"+itoa(n), "状态", "话题")
	if strings.Contains(m.Text, "13912345678") || strings.Contains(m.Text, "302室") {
		t.Fatalf("status leaks personal data: %q", m.Text)
	}
	w.one("g1", "路人", "/status@neighborbot "+itoa(n), "状态")
	w.one("g1", "路人", "#我的", "还没有")
	w.one("g1", "居民甲", "/mine", "#"+itoa(n))
	help := w.one("g1", "居民甲", "#帮助", "#报事")
	if strings.Contains(help.Text, "#立项") {
		t.Fatal("residents do not need officer commands in their help")
	}
	w.one("g1", "书记", "/help", "#立项")
}

func TestUnboundGroupWaitsForBinding(t *testing.T) {
	w := newWorld(t)
	_, got := w.say("新群", "居民甲", "#报事 9号楼前的健身器材坏了")
	if len(got) != 1 || !strings.Contains(got[0].Text, "尚未绑定") {
		t.Fatalf("unbound ack: %+v", got)
	}
	w.one("新群", "书记", "#立项 1 城管办", "不在您负责的范围内")
	w.one("新群", "居民甲", "#绑定群 一网格", "仅限社区工作人员")
	w.one("新群", "书记", "#绑定群 不存在的网格", "找不到单位")
	w.one("新群", "书记", "#绑定群 一网格", "已绑定到 一网格", "1 件")
	if c := w.caseByID(1); c.UnitID != w.units["一网格"] {
		t.Fatalf("the waiting case did not get the unit: %+v", c)
	}
	w.one("新群", "书记", "#立项 1 城管办", "已立项")
}

func TestInviteCodeGrantsRole(t *testing.T) {
	w := newWorld(t)
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		return tx.CreateInvite(&nb.Invite{Code: "ABCD-2345", Role: nb.RoleGridWorker, UnitID: w.units["一网格"],
			ExpiresAt: w.now.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := w.report("g1", "居民甲", "1号楼单元门禁坏了")
	w.one("g1", "新网格员", "#绑定 WXYZ-8888", "私聊") // not a live code: only told where to send it
	w.one("private:新网格员", "新网格员", "#绑定 WXYZ-9999", "绑定码无效")
	w.one("private:新网格员", "新网格员", "#绑定 abcd-2345", "绑定成功", "一网格", "网格员")
	w.one("private:新网格员", "新网格员", "#绑定 ABCD-2345", "绑定码无效")
	_, got := w.say("private:新网格员", "新网格员", "#确认 "+itoa(n))
	if len(got) != 2 || got[0].ChatID != "g1" || got[1].ChatID != "private:新网格员" || !strings.HasPrefix(got[1].Text, "已处理：#"+itoa(n)+" ") || strings.Count(got[1].Text, "#"+itoa(n)) != 1 {
		t.Fatalf("acting from a private chat tells the group and the officer: %+v", got)
	}
	if c := w.caseByID(n); c.Stage != nb.StageIssue {
		t.Fatalf("the new grid worker could not confirm: %s", c.Stage)
	}
}

func TestMalformedCommands(t *testing.T) {
	w := newWorld(t)
	w.one("g1", "居民甲", "#进度", "请写上编号")
	w.one("g1", "居民甲", "#进度 -3", "请写上编号")
	w.one("g1", "居民甲", "#进度 99999999999999999999", "请写上编号")
	w.one("g1", "居民甲", "#报事", "请写上内容")
	w.one("g1", "居民甲", "/nonsense", "不认识")
	w.one("g1", "书记", "#立项 1", "没有找到 #1")
	w.one("g1", "书记", "#派单 x 城管办", "请写上编号")
	if _, got := w.say("g1", "居民甲", "/help@someotherbot"); len(got) != 0 {
		t.Fatalf("a command for another bot must be ignored: %+v", got)
	}
	if _, got := w.say("g1", "居民甲", "#今日话题 大家周末去哪玩"); len(got) != 0 {
		t.Fatalf("a hashtag is not a command: %+v", got)
	}
}

func TestWeakDuplicateIsSuggestedToOfficers(t *testing.T) {
	w := newWorld(t)
	w.say("g1", "居民甲", "18号楼门口的路灯坏了好几天了，晚上很黑")
	_, got := w.say("g1", "居民乙", "路灯不亮了 晚上好黑")
	if len(got) != 1 || !strings.Contains(got[0].Text, "#2") {
		t.Fatalf("a weak match is a case of its own: %+v", got)
	}
	if c := w.caseByID(2); c.SuggestedDuplicate != 1 {
		t.Fatalf("suggested duplicate = %d, want 1", c.SuggestedDuplicate)
	}
	w.one("g1", "书记", "#待办", "#2", "可能与 #1 重复", "#1")
}
