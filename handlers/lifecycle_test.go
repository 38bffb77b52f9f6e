package handlers_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/handlers"
)

func TestAcceptSetsOwnerAndDeadline(t *testing.T) {
	w := newWorld(t)
	n, reportID := w.report("g1", "居民甲", "3号楼楼道灯坏了一周了")
	m := w.one("g1", "书记", "#立项 "+itoa(n)+" 城管办", "已立项", "城管办")
	if m.ReplyTo != reportID || len(m.Mentions) != 1 || m.Mentions[0] != "居民甲" {
		t.Fatalf("the notice must reply to the report and mention the reporter: %+v", m)
	}
	c := w.caseByID(n)
	if c.Stage != nb.StageProject || c.OwnerUnitID != w.units["城管办"] {
		t.Fatalf("case after accept: %+v", c)
	}
	if want := w.now.Add(nb.DefaultTimeLimits().For(c.Priority)); !c.DueAt.Equal(want) {
		t.Fatalf("due %v, want %v (priority %s)", c.DueAt, want, c.Priority)
	}
	if shown := c.DueAt.In(time.FixedZone("CST", 8*3600)).Format("1月2日 15:04"); !strings.Contains(m.Text, shown) {
		t.Fatalf("the deadline must be shown in China time (%s): %q", shown, m.Text)
	}
}

func TestOfficerScope(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "一网格3号楼门口井盖松了")
	w.one("g1", "网格员2", "#确认 "+itoa(n), "不在您负责的范围内")
	w.one("g1", "居民乙", "#确认 "+itoa(n), "仅限社区工作人员")
	w.one("g1", "师傅", "#立项 "+itoa(n), "仅限社区工作人员")
	if c := w.caseByID(n); c.Stage != nb.StageTopic {
		t.Fatalf("a refused command changed the case: %s", c.Stage)
	}
	w.one("g1", "书记", "#确认 "+itoa(n), "已确认为议题")
	if c := w.caseByID(n); c.Stage != nb.StageIssue {
		t.Fatalf("stage %s after confirm", c.Stage)
	}
}

func TestWhistleAndAck(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "小区东门违章搭建没人管")
	w.one("g1", "师傅", "#报到 "+itoa(n), "没有待报到的吹哨")
	w.one("g1", "书记", "#吹哨 "+itoa(n)+" 城管办", "已吹哨", "城管办")
	c := w.caseByID(n)
	if c.WhistleUnitID != w.units["城管办"] || !c.WhistleDueAt.Equal(w.now.Add(30*time.Minute)) {
		t.Fatalf("whistle not recorded: %+v", c)
	}
	w.one("g1", "物业", "#报到 "+itoa(n), "只有被吹哨的单位")
	w.one("g1", "师傅", "#报到 "+itoa(n), "城管办 已报到")
	if c := w.caseByID(n); c.WhistleUnitID != 0 {
		t.Fatalf("ack did not close the whistle")
	}
}

func TestProgressOnlyByOwner(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "5号楼下水道堵了")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "幸福物业")
	w.one("g1", "师傅", "#进展 "+itoa(n)+" 在路上", "只有 #"+itoa(n)+" 的承办单位")
	w.one("g1", "物业", "#进展 "+itoa(n)+" 已派人疏通，电话13812345678", "已派人疏通", "138****5678")
	w.one("g1", "物业", "#进展 "+itoa(n), "请写上内容")
}

func TestUnsatisfiedRatingReopens(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "2号楼电梯按钮失灵")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	resolved := w.one("g1", "物业", "#办结 "+itoa(n)+" 已更换按钮", "已办结", "评价")
	resolvedID := w.lastSentID()
	w.one("g1", "路人", "#评价 "+itoa(n)+" 满意", "只有 #"+itoa(n)+" 的反映人")
	w.one("g1", "居民甲", "#评价 "+itoa(n)+" 很好", "满意 / 基本满意 / 不满意")
	_, got := w.say("g1", "居民甲", "不满意", resolvedID)
	if len(got) != 1 || !strings.Contains(got[0].Text, "重新交办") {
		t.Fatalf("a reply 不满意 to the resolve notice must reopen: %+v (resolve notice %q)", got, resolved.Text)
	}
	c := w.caseByID(n)
	if c.Stage != nb.StageProject || c.Rating != nb.RatingUnsatisfied {
		t.Fatalf("case after unsatisfied: %+v", c)
	}
	w.one("g1", "物业", "#办结 "+itoa(n)+" 再次更换", "已办结")
	w.one("g1", "居民甲", "#评价 "+itoa(n)+" 基本满意", "已关闭")
	if c := w.caseByID(n); c.Stage != nb.StageClosed || c.Rating != nb.RatingBasic {
		t.Fatalf("case after basic: %+v", c)
	}
}

func TestDismissAndMerge(t *testing.T) {
	w := newWorld(t)
	a, _ := w.report("g1", "居民甲", "8号楼门口垃圾桶满了")
	b, _ := w.report("g1", "居民乙", "8号楼楼道的灯不亮了")
	w.one("g1", "书记", "#驳回 "+itoa(a), "请写上原因")
	w.one("g1", "书记", "#合并 "+itoa(b)+" "+itoa(b), "不能把")
	w.one("g1", "书记", "#合并 "+itoa(b)+" "+itoa(a), "已合并")
	if c := w.caseByID(b); c.Stage != nb.StageMerged || c.MergedInto != a {
		t.Fatalf("merge: %+v", c)
	}
	m := w.one("g1", "书记", "#立项 "+itoa(a), "立项")
	if strings.Join(m.Mentions, ",") != "居民甲,居民乙" {
		t.Fatalf("merged reporters must follow the target: mentions %v", m.Mentions)
	}
	w.one("g1", "书记", "#合并 "+itoa(b)+" "+itoa(a), "已合并") // stage check
	c, _ := w.report("g2", "居民丙", "12号楼有人在楼道里堆杂物")
	w.one("g2", "书记", "#驳回 "+itoa(c)+" 已由物业自行处理", "未予立项", "已由物业自行处理")
	w.one("g2", "书记", "#确认 "+itoa(c), "已驳回")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestUnratedCasesCloseAutomatically(t *testing.T) {
	w := newWorld(t)
	n, reportID := w.report("g1", "居民甲", "4号楼门口的垃圾桶坏了")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	w.one("g1", "物业", "#办结 "+itoa(n)+" 已换新桶", "已办结")
	h := handlers.New(model, handlers.Config{})
	job := h.AutoClose(7 * 24 * time.Hour)
	w.now = w.now.Add(6 * 24 * time.Hour)
	w.e.RunJob(w.ctx, "auto_close", job)
	if c := w.caseByID(n); c.Stage != nb.StageResolved {
		t.Fatalf("closed too early: %s", c.Stage)
	}
	w.now = w.now.Add(25 * time.Hour)
	w.e.RunJob(w.ctx, "auto_close", job)
	c := w.caseByID(n)
	if c.Stage != nb.StageClosed || c.Rating != nb.RatingNone {
		t.Fatalf("after 7 days: %+v", c)
	}
	_, _ = w.e.DeliverPending(w.ctx)
	last := w.out.sent[len(w.out.sent)-1]
	if !strings.Contains(last.Text, "自动关闭") || last.ReplyTo != reportID || last.ChatID != "g1" {
		t.Fatalf("the group must be told, as a reply to the report: %+v", last)
	}
}

func TestOwnerStaffAreToldPrivately(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "3号楼前面的井盖丢了 电话13812345678")
	w.one("private:师傅", "师傅", "#帮助", "#报事") // 师傅 opens a private chat with the bot
	_, got := w.say("g1", "书记", "#立项 "+itoa(n)+" 城管办")
	if len(got) != 2 || got[0].ChatID != "g1" || got[1].ChatID != "private:师傅" {
		t.Fatalf("want the group notice and a private task note: %+v", got)
	}
	if note := got[1].Text; !strings.Contains(note, "新任务") || !strings.Contains(note, "#进展 "+itoa(n)) ||
		strings.Contains(note, "13812345678") {
		t.Fatalf("task note: %q", note)
	}
	_, got = w.say("g1", "书记", "#吹哨 "+itoa(n)+" 幸福物业")
	if len(got) != 1 {
		t.Fatalf("物业 never wrote to the bot privately and cannot be reached: %+v", got)
	}
	_, got = w.say("g1", "书记", "#吹哨 "+itoa(n)+" 城管办")
	if len(got) != 2 || got[1].ChatID != "private:师傅" || !strings.Contains(got[1].Text, "#报到 "+itoa(n)) {
		t.Fatalf("whistle note: %+v", got)
	}
}
