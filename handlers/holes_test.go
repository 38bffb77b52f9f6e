package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
)

func (w *world) invite(code string) {
	w.t.Helper()
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		return tx.CreateInvite(&nb.Invite{Code: code, Role: nb.RoleOfficer, UnitID: w.units["社区"],
			ExpiresAt: w.now.Add(time.Hour)})
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// byChat sorts what the bot sent by chat.
func byChat(got []bot.OutMessage) map[string][]string {
	m := map[string][]string{}
	for _, o := range got {
		m[o.ChatID] = append(m[o.ChatID], o.Text)
	}
	return m
}

// An invite code posted in a group is burned at once: the group is told
// without the code, the poster is told to ask for a new one (privately when
// the bot can reach them), and nobody can redeem it any more.
func TestFaultHoleInviteCodePostedInGroupIsBurned(t *testing.T) {
	w := newWorld(t)
	w.invite("ABCD-2345")
	w.invite("EFGH-6789")
	w.invite("JKLM-2345")
	w.one("private:新书记", "新书记", "#帮助", "邻里哨") // the bot can reach 新书记 privately now

	_, got := w.say("g1", "新书记", "我的绑定码是 abcd-2345，怎么用？")
	sent := byChat(got)
	if len(got) != 2 || len(sent["g1"]) != 1 || len(sent["private:新书记"]) != 1 {
		t.Fatalf("want one line to the group and one to the poster, got %+v", got)
	}
	if g := sent["g1"][0]; !strings.Contains(g, "已作废") || strings.Contains(strings.ToUpper(g), "ABCD") {
		t.Fatalf("the group must hear the code is cancelled, without the code: %q", g)
	}
	if p := sent["private:新书记"][0]; !strings.Contains(p, "申请一个新的绑定码") {
		t.Fatalf("the poster must be asked to get a new code: %q", p)
	}
	w.one("private:路人", "路人", "#绑定 ABCD-2345", "绑定码无效", "已被收回")
	w.one("private:路人", "路人", "#待办", "仅限社区工作人员")

	// Someone the bot cannot reach privately is told in the group; "#绑定
	// CODE" in a group burns the code too.
	m := w.one("g2", "居民乙", "#绑定 EFGH-6789", "已作废", "申请一个新的绑定码")
	if strings.Contains(m.Text, "EFGH") || len(m.Mentions) != 1 || m.Mentions[0] != "居民乙" {
		t.Fatalf("the reply must mention the poster and not repeat the code: %+v", m)
	}
	w.one("private:居民乙", "居民乙", "#绑定 EFGH-6789", "绑定码无效")

	// Full-width text in a report is caught as well, and the report is not taken.
	w.one("g1", "居民甲", "3号楼电梯坏了 ＪＫＬＭ－２３４５", "已作废")
	if c, _ := w.findCase(1); c != nil {
		t.Fatalf("a message with a code must not become a case: %+v", c)
	}
	// A code that is not live is left alone: chit-chat stays unanswered.
	if _, got := w.say("g1", "居民甲", "暗号 WXYZ-2345 哈哈"); len(got) != 0 {
		t.Fatalf("an unknown code is chit-chat: %+v", got)
	}
}

func (w *world) findCase(n int64) (*nb.Case, error) {
	var c *nb.Case
	err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { c, err = tx.FindCaseByID(n); return err })
	return c, err
}

// Following, rating and reading a case still on the review list are for the
// people the case belongs to: members of its group (or of another group of
// its unit), its reporters and followers, and the officers of its area.
func TestFaultHoleCasesBelongToTheirGroup(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "3号楼电梯又坏了")
	num := itoa(n)
	w.one("g2", "外人", "#关注 "+num, "不在本群")
	w.one("private:外人", "外人", "#关注 "+num, "不在本群")
	w.one("private:网格员2", "网格员2", "#关注 "+num, "不在本群") // a grid worker of the other grid
	w.one("g1", "邻居", "#关注 "+num, "已关注 #"+num)
	w.one("private:书记", "书记", "#关注 "+num, "已关注 #"+num) // the community's officer

	w.one("g1", "书记", "#立项 "+num+" 城管办", "已立项")
	w.one("g1", "师傅", "#办结 "+num+" 已修好", "已办结")
	w.one("g2", "外人", "#评价 "+num+" 不满意", "只有")
	if c := w.caseByID(n); c.Stage != nb.StageResolved {
		t.Fatalf("an outsider reopened the case: %s", c.Stage)
	}
	w.one("g1", "邻居", "#评价 "+num+" 满意", "感谢")

	// A case on the review list: only those it belongs to may read it.
	var q int64
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, "g1")
		if err != nil {
			return err
		}
		c := &nb.Case{Stage: nb.StageTopic, Text: "楼道好像有味道", Quiet: true, UnitID: chat.UnitID,
			ChatID: chat.ID, ReportMsg: "quiet-msg", Priority: nb.PriorityGeneral}
		err = tx.CreateCase(c)
		q = c.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	w.one("g2", "外人", "#进度 "+itoa(q), "不在本群")
	w.one("g1", "邻居", "#进度 "+itoa(q), "#"+itoa(q), "话题")
	w.one("g2", "外人", "#进度 "+num, "#"+num, "已关闭") // the group heard of it: anyone may ask
}

// Wrong invite codes lock the person out for a while, durably, with a
// reply that says until when; after the lock the right code works.
func TestFaultHoleWrongInviteCodesLockOut(t *testing.T) {
	w := newWorld(t)
	w.invite("ABCD-2345")
	for i := range 5 {
		w.one("private:猜码者", "猜码者", "#绑定 QQQQ-222"+itoa(int64(i+2)), "绑定码无效")
	}
	// A fresh engine and handlers: the lock is in the database, not in memory.
	h := handlers.New(model, handlers.Config{})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out)
	w.one("private:猜码者", "猜码者", "#绑定 ABCD-2345", "错误次数过多", "11月27日 17:15")
	w.now = w.now.Add(14 * time.Minute)
	w.one("private:猜码者", "猜码者", "#绑定 ABCD-2345", "错误次数过多")
	w.now = w.now.Add(2 * time.Minute)
	w.one("private:猜码者", "猜码者", "#绑定 ABCD-2345", "绑定成功")
}

// After 不满意 reopens a case, #进度 says so instead of the old 办结.
func TestFaultHoleStatusAfterUnsatisfied(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "9号楼单元门关不上")
	num := itoa(n)
	w.one("g1", "书记", "#立项 "+num+" 城管办", "已立项")
	w.one("g1", "师傅", "#办结 "+num+" 已修好", "已办结")
	w.one("g1", "居民甲", "#评价 "+num+" 不满意", "不满意")
	m := w.one("g1", "居民甲", "#进度 "+num, "状态：项目（办理中）", "最新：评价 不满意")
	if strings.Contains(m.Text, "最新：办结") {
		t.Fatalf("status still shows the old resolution: %q", m.Text)
	}
}

func TestFaultHolesInEnglish(t *testing.T) {
	w := newWorld(t)
	h := handlers.New(model, handlers.Config{Language: "en"})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out)
	n, _ := w.report("g1", "居民甲", "3号楼电梯又坏了")
	w.one("g2", "外人", "/follow "+itoa(n), "is not a case of your group")
	w.invite("ABCD-2345")
	w.one("g1", "居民甲", "code ABCD-2345", "cancelled")
	for range 5 {
		w.one("private:猜码者", "猜码者", "/bind QQQQ-2222", "does not work")
	}
	w.one("private:猜码者", "猜码者", "/bind QQQQ-2222", "Too many wrong codes", "Nov 27 17:15")
}
