package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
)

func TestDismissReasonIsMasked(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "7号楼楼道堆满杂物")
	m := w.one("g1", "书记", "#驳回 "+itoa(n)+" 已电话联系业主13812345678，5号楼1202室自行清理", "未予立项")
	if strings.Contains(m.Text, "13812345678") || strings.Contains(m.Text, "1202") {
		t.Fatalf("personal data in a group post: %q", m.Text)
	}
}

func TestPrivateReportsGetInstructions(t *testing.T) {
	w := newWorld(t)
	w.one("private:居民甲", "居民甲", "3号楼电梯坏了两天了", "群里")
	w.one("private:居民甲", "居民甲", "#报事 3号楼电梯坏了", "群里")
	var n int
	_ = w.db.View(w.ctx, func(tx nb.Tx) (err error) { n, err = tx.CountCases(nb.CaseFilter{}); return err })
	if n != 0 {
		t.Fatalf("a private report must not open an orphan case; %d cases", n)
	}
}

func TestBindGroupCannotTakeOverAnotherArea(t *testing.T) {
	w := newWorld(t)
	w.one("g1", "网格员2", "#绑定群 二网格", "只有负责本群现有单位和目标单位")
	var chat *nb.Chat
	_ = w.db.View(w.ctx, func(tx nb.Tx) (err error) { chat, err = tx.FindChat(nb.PlatformSandbox, "g1"); return err })
	if chat.UnitID != w.units["一网格"] {
		t.Fatalf("group 1 was moved to unit %d", chat.UnitID)
	}
	w.one("g1", "书记", "#绑定群 二网格", "已绑定到 二网格") // the community officer covers both
}

func TestFollowOnlyOpenCasesAndQuietly(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "2号楼门口地面塌了个坑")
	w.one("g1", "书记", "#驳回 "+itoa(n)+" 已由市政处理", "未予立项")
	w.one("g1", "路人", "#关注 "+itoa(n), "不能再关注")
	w.one("g1", "路人", "#评价 "+itoa(n)+" 不满意", "只有")

	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, "g1")
		if err != nil {
			return err
		}
		return tx.CreateCase(&nb.Case{Stage: nb.StageTopic, Text: "可能是报事", Quiet: true, UnitID: chat.UnitID,
			ChatID: chat.ID, ReportMsg: "quiet-msg", Priority: nb.PriorityGeneral})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, got := w.say("g1", "居民乙", "+1", "quiet-msg")
	if len(got) != 1 || strings.Contains(got[0].Text, "#") || !strings.Contains(got[0].Text, "已记录") {
		t.Fatalf("a +1 must not reveal a case on the review list: %+v", got)
	}
}

func TestUnsatisfiedGetsFreshDeadline(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "9号楼单元门关不上")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	w.one("g1", "物业", "#办结 "+itoa(n)+" 已修", "已办结")
	w.now = w.now.Add(30 * 24 * time.Hour)
	w.one("g1", "居民甲", "#评价 "+itoa(n)+" 不满意", "重新交办")
	c := w.caseByID(n)
	if want := w.now.Add(nb.DefaultTimeLimits().For(c.Priority)); !c.DueAt.Equal(want) {
		t.Fatalf("reopened with due %v, want %v", c.DueAt, want)
	}
}

func TestAutoCloseQueuesOnlyTheGroupNotice(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "6号楼路灯不亮")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	w.one("g1", "物业", "#办结 "+itoa(n)+" 已修", "已办结")
	w.now = w.now.Add(8 * 24 * time.Hour)
	w.e.RunJob(w.ctx, "auto_close", handlers.New(model, handlers.Config{}).AutoClose(7*24*time.Hour))
	before := len(w.out.sent)
	if sent, err := w.e.DeliverPending(w.ctx); err != nil || sent != 1 || len(w.out.sent) != before+1 {
		t.Fatalf("auto-close must queue exactly the group notice: sent %d, %v", sent, err)
	}
}

func TestProgressKeepsFullWidthPunctuation(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "11号楼门口，垃圾满了！")
	if c := w.caseByID(n); c.Text != "11号楼门口，垃圾满了！" {
		t.Fatalf("report text changed: %q", c.Text)
	}
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	w.one("g1", "物业", "#进展 "+itoa(n)+" 已联系环卫，明天（周五）清运。", "已联系环卫，明天（周五）清运。")
}

func TestAcceptWithoutUnitUsesTheCategorysOwner(t *testing.T) {
	w := newWorld(t)
	h := handlers.New(model, handlers.Config{OwnerKinds: map[string]nb.UnitKind{"环境卫生": nb.UnitPartner}})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1)) // one lane: replies arrive in the order queued
	n, _ := w.report("g1", "居民甲", "5号楼门口垃圾三天没人收")
	if c := w.caseByID(n); c.Category != "环境卫生" {
		t.Fatalf("category %q", c.Category)
	}
	w.one("g1", "书记", "#立项 "+itoa(n), "幸福物业")
	m, _ := w.report("g1", "居民甲", "8号楼楼上装修太吵了")
	w.one("g1", "书记", "#立项 "+itoa(m), "一网格") // no owner kind for the category: the group's own unit
}

func TestFollowingAMergedCaseFollowsItsTarget(t *testing.T) {
	w := newWorld(t)
	a, _ := w.report("g1", "居民甲", "6号楼门口的垃圾没人收")
	b, reportB := w.report("g1", "居民乙", "6号楼楼道灯坏了")
	w.one("g1", "书记", "#合并 "+itoa(b)+" "+itoa(a), "已合并")
	_, got := w.say("g1", "居民丙", "+1", reportB)
	if len(got) != 1 || !strings.Contains(got[0].Text, "已关注 #"+itoa(a)) {
		t.Fatalf("+1 on a merged case: %+v", got)
	}
	w.one("g1", "书记", "#驳回 "+itoa(a)+" 重复", "未予立项")
	m := w.one("g1", "居民丁", "#关注 "+itoa(a), "不能再关注")
	if strings.Contains(m.Text, "已已") {
		t.Fatalf("doubled word: %q", m.Text)
	}
}

func TestDefaultOwnerServesTheCasesArea(t *testing.T) {
	w := newWorld(t)
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		// The only partner besides 幸福物业 would be ambiguous; make 幸福物业
		// the only one, but placed under another community.
		other := &nb.Unit{Name: "别的社区", Kind: nb.UnitCommunity, ParentID: w.units["街道"]}
		if err := tx.CreateUnit(other); err != nil {
			return err
		}
		return tx.CreateUnit(&nb.Unit{Name: "别的物业", Kind: nb.UnitDepartment, ParentID: other.ID})
	})
	if err != nil {
		t.Fatal(err)
	}
	h := handlers.New(model, handlers.Config{OwnerKinds: map[string]nb.UnitKind{"环境卫生": nb.UnitDepartment}})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1)) // one lane: replies arrive in the order queued
	n, _ := w.report("g1", "居民甲", "5号楼门口垃圾三天没人收")
	m := w.one("g1", "书记", "#立项 "+itoa(n), "立项")
	if strings.Contains(m.Text, "别的物业") || !strings.Contains(m.Text, "城管办") {
		t.Fatalf("a unit of another community must not get the case: %q", m.Text)
	}
}

func TestReviewListComesFirstInTodo(t *testing.T) {
	w := newWorld(t)
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, "g1")
		if err != nil {
			return err
		}
		for i := range 30 {
			c := &nb.Case{Stage: nb.StageTopic, Text: "报事", Quiet: i == 0, UnitID: chat.UnitID, ChatID: chat.ID,
				Priority: nb.PriorityGeneral}
			if err := tx.CreateCase(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := w.one("g1", "书记", "#待办", "待审核")
	if first := strings.Split(m.Text, "\n")[1]; !strings.HasPrefix(first, "#1 ") {
		t.Fatalf("the oldest case, on the review list, must come first: %q", m.Text)
	}
}

func TestEnglishReplies(t *testing.T) {
	w := newWorld(t)
	h := handlers.New(model, handlers.Config{Language: "en", BotUsername: "neighborbot"})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1)) // one lane: replies arrive in the order queued
	w.one("g1", "resident", "#报事 3号楼电梯坏了", "Got it: registered #1")
	w.one("g1", "resident", "/status 1", "Stage: topic")
	w.one("g1", "resident", "/status 9", "There is no case #9")
	w.one("g1", "书记", "/accept 1 城管办", "is now a project, owner: 城管办")
	w.one("g1", "resident", "/help", "/report text")
}
