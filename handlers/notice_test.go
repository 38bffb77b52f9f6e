package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/handlers"
)

// withBroadcasts rebuilds w's handlers with a broadcast service of policy p.
func (w *world) withBroadcasts(p broadcasts.Policy) {
	cfg := handlers.Config{BotUsername: "neighborbot"}
	cfg.Broadcasts = broadcasts.New(handlers.NewNoticeWords(cfg), p)
	h := handlers.New(model, cfg)
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1))
}

// to returns the messages of got sent to chat.
func to(got []bot.OutMessage, chat string) []string {
	var texts []string
	for _, m := range got {
		if m.ChatID == chat {
			texts = append(texts, m.Text)
		}
	}
	return texts
}

// expect checks that texts holds exactly n lines containing want.
func expect(t *testing.T, texts []string, want string, n int) {
	t.Helper()
	found := 0
	for _, s := range texts {
		if strings.Contains(s, want) {
			found++
		}
	}
	if found != n {
		t.Fatalf("want %d message(s) with %q, got %d in %q", n, want, found, texts)
	}
}

// appointAmbassador makes 居民甲 the ambassador of 一网格, and lets the
// officer 书记 be reached privately.
func (w *world) appointAmbassador() {
	w.t.Helper()
	w.say("g1", "居民甲", "大家好")
	w.say("private:书记", "书记", "#帮助")
	w.one("g1", "书记", "#任命 居民甲 一网格", "已任命 居民甲 为「一网格」的宣传代言人")
}

// An ambassador sends to their own groups at once; a wider notice waits
// for the officers of that unit, who approve or reject it.
func TestNoticeOwnScopeAndApproval(t *testing.T) {
	w := newWorld(t)
	w.one("g1", "居民乙", "#通知 周六义诊", "只有宣传代言人和社区工作人员可以发通知")
	w.one("g1", "网格员2", "#任命 居民乙", "「一网格」不在您负责的范围内，不能任命")
	w.appointAmbassador()
	w.one("g2", "书记", "#代言人", "一网格：居民甲")
	w.one("g1", "居民甲", "#帮助", "#通知 内容", "#通知状态 B7")

	_, got := w.say("g1", "居民甲", "#通知 周六上午9点社区义诊")
	expect(t, to(got, "g1"), "通知 B1 已发出，共 1 个群", 1)
	expect(t, to(got, "g1"), "【通知】周六上午9点社区义诊\n—— 发布人：居民甲", 1)
	if len(to(got, "g2")) != 0 {
		t.Fatalf("a grid's notice reached another grid: %+v", got)
	}

	_, got = w.say("g1", "居民甲", "#通知 @社区 周日社区大扫除")
	expect(t, to(got, "g1"), "通知 B2 超出其负责范围，已提交「社区」的工作人员审批（已通知 1 处）", 1)
	expect(t, to(got, "private:书记"), "#批准 B2", 1)
	if n := len(to(got, "g2")); n != 0 {
		t.Fatalf("an unapproved notice was sent: %+v", got)
	}
	w.one("g2", "网格员2", "#批准 B2", "不在您负责的范围内")
	w.one("g1", "居民甲", "#批准 B2", "不在您负责的范围内")

	_, got = w.say("private:书记", "书记", "#批准 B2")
	expect(t, to(got, "private:书记"), "已批准 B2，将发送到 2 个群", 1)
	expect(t, to(got, "g1"), "【通知】周日社区大扫除", 1)
	expect(t, to(got, "g2"), "【通知】周日社区大扫除", 1)
	expect(t, to(got, "g1"), "您的通知 B2 已获批准", 1)
	w.one("private:书记", "书记", "#批准 B2", "不在待审批状态（已批准）")
	w.one("g1", "居民甲", "#通知状态 B2", "已送达 2，待发送 0，失败 0", "g1、g2")
	w.one("g2", "居民乙", "/notice status B2", "只有发布人或负责的工作人员可以查看通知 B2")

	_, got = w.say("g1", "居民甲", "#通知 @二网格 二网格停水通知")
	expect(t, to(got, "g1"), "通知 B3 超出其负责范围", 1)
	_, got = w.say("private:书记", "书记", "#拒绝 B3 请由二网格发布")
	expect(t, to(got, "private:书记"), "已拒绝 B3", 1)
	expect(t, to(got, "g1"), "您的通知 B3 未获批准。原因：请由二网格发布", 1)
	if len(to(got, "g2")) != 0 {
		t.Fatalf("a rejected notice was sent: %+v", got)
	}
	w.one("g1", "居民甲", "#通知 再发一条", "今天的通知已达上限（每天 3 条）")
	w.now = w.now.Add(24 * time.Hour)
	_, got = w.say("g1", "居民甲", "#通知 新的一天")
	expect(t, to(got, "g1"), "通知 B4 已发出", 1)

	// Officers send within their scope without approval, quota or link check.
	for range 4 {
		_, got = w.say("private:书记", "书记", "#通知 @社区 详见 https://example.cn/x")
		expect(t, to(got, "private:书记"), "已发出，共 2 个群", 1)
		expect(t, append(to(got, "g1"), to(got, "g2")...), "【通知】详见 https://example.cn/x\n—— 发布人：书记", 2)
	}
	w.assertAudit(t)
}

// assertAudit checks the audit log has each step with its actor.
func (w *world) assertAudit(t *testing.T) {
	var kinds []string
	err := w.db.View(w.ctx, func(tx nb.Tx) error {
		for _, id := range []int64{0, 1, 2, 3} {
			evs, err := tx.ListBroadcastEvents(id)
			if err != nil {
				return err
			}
			for _, e := range evs {
				if e.ActorID == 0 {
					t.Errorf("audit entry %s of B%d has no actor", e.Kind, id)
				}
				kinds = append(kinds, string(e.Kind))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(kinds, " "), "appointed queued submitted approved submitted rejected"; got != want {
		t.Errorf("audit log %q, want %q", got, want)
	}
}

// Links need approval by default; lengths and bad times are refused.
func TestNoticeLimits(t *testing.T) {
	w := newWorld(t)
	w.appointAmbassador()
	_, got := w.say("g1", "居民甲", "#通知 报名请点 www.example.com")
	expect(t, to(got, "g1"), "含链接，已提交「一网格」的工作人员审批", 1)
	expect(t, to(got, "private:书记"), "（含链接）", 1)
	w.one("g1", "居民甲", "#通知 "+strings.Repeat("长", 501), "通知太长（最多 500 字，现在 501 字）")
	w.one("g1", "居民甲", "#通知 --at 2026-11-20T09:00 过去", "发送时间已过")
	w.one("g1", "居民甲", "#通知 --at 明天 x", "时间格式不对")
	w.one("g1", "居民甲", "#通知 --urgent 紧急", "只有社区工作人员可以把通知标为紧急")
	w.one("g1", "居民甲", "#通知", "请写上通知内容")

	w2 := newWorld(t)
	w2.withBroadcasts(broadcasts.Policy{Links: broadcasts.LinksDeny, DailyQuota: -1})
	w2.appointAmbassador()
	w2.one("g1", "居民甲", "#通知 http://spam.top", "通知里不能带链接")
	for range 5 {
		_, got := w2.say("g1", "居民甲", "#通知 没有上限")
		expect(t, to(got, "g1"), "已发出，共 1 个群", 1)
	}
}

// A scheduled notice waits for its time and can be cancelled before it;
// revoking an ambassador cancels their unsent notices.
func TestNoticeScheduleCancelRevoke(t *testing.T) {
	w := newWorld(t) // 2026-11-27 09:00 UTC = 17:00 in Shanghai
	w.appointAmbassador()
	_, got := w.say("g1", "居民甲", "#通知 --at 2026-11-28T09:00 明早停电")
	expect(t, to(got, "g1"), "通知 B1 将于 11-28 09:00 发送到 1 个群", 1)
	if len(got) != 1 {
		t.Fatalf("a scheduled notice went out early: %+v", got)
	}
	w.one("g1", "居民乙", "#撤回 B1", "只有发布人或负责的工作人员可以撤回通知 B1")
	w.one("g1", "居民甲", "#通知状态 B1", "待发送 1", "g1（11-28 09:00 发送）")
	w.one("g1", "居民甲", "#撤回 B1", "已撤回通知 B1（1 个群的待发送已取消）")
	w.one("g1", "居民甲", "#撤回 B1", "通知 B1 已经撤回了，无需再撤回。")
	w.now = w.now.Add(25 * time.Hour)
	if n, err := w.e.DeliverPending(w.ctx); err != nil || n != 0 {
		t.Fatalf("a cancelled notice was delivered (%d, %v)", n, err)
	}
	w.one("g1", "居民甲", "#通知状态 B1", "已撤回 1")

	w.say("g1", "居民甲", "#通知 --at 2026-11-29T09:00 后天停水")
	w.say("g1", "居民甲", "#通知 @社区 全社区通知")
	w.one("g1", "书记", "#撤销 居民甲", "已撤销 居民甲 在「一网格」的宣传代言人身份，2 条未发出的通知已撤回")
	w.one("private:书记", "书记", "#批准 B3", "不在待审批状态（已撤回）")
	w.now = w.now.Add(48 * time.Hour)
	if n, err := w.e.DeliverPending(w.ctx); err != nil || n != 0 {
		t.Fatalf("a revoked ambassador's notice was delivered (%d, %v)", n, err)
	}
	w.one("g1", "居民甲", "#通知 还能发吗", "只有宣传代言人和社区工作人员可以发通知")
	w.one("g1", "书记", "#撤销 网格员2", "请写上名字和角色") // not an ambassador: the role is needed
}

// Quiet hours hold notices until they end; urgent ones and the answer to
// the author's own command are never held.
func TestNoticeQuietHours(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip(err)
	}
	w := newWorld(t)
	w.withBroadcasts(broadcasts.Policy{Quiet: nb.QuietHours{Start: 22 * time.Hour, End: 7 * time.Hour, Location: sh}})
	w.appointAmbassador()
	w.now = time.Date(2026, 11, 27, 23, 30, 0, 0, sh)
	_, got := w.say("g1", "居民甲", "#通知 明天上午义诊")
	expect(t, to(got, "g1"), "通知 B1 将于 11-28 07:00 发送到 1 个群（免打扰时段，顺延到结束后）", 1)
	if len(got) != 1 {
		t.Fatalf("a notice went out in quiet hours: %+v", got)
	}
	_, got = w.say("private:书记", "书记", "#通知 --urgent 今晚停水抢修")
	expect(t, to(got, "g1"), "【通知】今晚停水抢修", 1)
	expect(t, to(got, "g2"), "【通知】今晚停水抢修", 1)

	w.now = time.Date(2026, 11, 28, 6, 59, 0, 0, sh)
	if n, _ := w.e.DeliverPending(w.ctx); n != 0 {
		t.Fatalf("%d held messages went out before quiet hours ended", n)
	}
	w.now = time.Date(2026, 11, 28, 7, 0, 0, 0, sh)
	before := len(w.out.sent)
	if n, err := w.e.DeliverPending(w.ctx); err != nil || n != 1 || !strings.Contains(w.out.sent[before].Text, "明天上午义诊") {
		t.Fatalf("the held notice did not go out when quiet hours ended (%d, %v)", n, err)
	}
}

// A reporter satisfied with their case is suggested to the officers as an
// ambassador, in one private line, once.
func TestSatisfiedResidentSuggested(t *testing.T) {
	w := newWorld(t)
	w.say("private:书记", "书记", "#帮助")
	for i := range 2 {
		n := int64(i + 1)
		w.say("g1", "居民甲", "#报事 "+[]string{"2号楼电梯按钮失灵", "5号楼下水道堵了"}[i])
		w.say("g1", "书记", "#立项 "+itoa(n)+" 幸福物业")
		w.say("g1", "物业", "#办结 "+itoa(n)+" 已修好")
		_, got := w.say("g1", "居民甲", "#评价 "+itoa(n)+" 满意")
		suggested := to(got, "private:书记")
		if i == 0 {
			expect(t, suggested, "居民 居民甲 对 #1（一网格）的办理表示满意，或许愿意做宣传代言人：#任命 居民甲", 1)
		} else if len(suggested) != 0 {
			t.Fatalf("suggested twice: %q", suggested)
		}
	}
}

// An officer appoints by replying to the person's message.
func TestAppointByReply(t *testing.T) {
	w := newWorld(t)
	id, _ := w.say("g2", "居民乙", "我愿意帮忙宣传")
	m := bot.Message{Platform: nb.PlatformSandbox, ChatID: "g2", ChatKind: nb.ChatGroup, SenderID: "书记", SenderName: "书记",
		ID: "appoint-1", Text: "#任命", ReplyTo: id, ReplyToSender: "居民乙"}
	got := w.deliver(m)
	expect(t, to(got, "g2"), "已任命 居民乙 为「二网格」的宣传代言人", 1)
	m.ID, m.Text = "appoint-2", "#任命 社区"
	got = w.deliver(m)
	expect(t, to(got, "g2"), "已任命 居民乙 为「社区」的宣传代言人", 1)
}

// A photo sent with #通知 goes with the notice to the groups.
func TestNoticeWithPhoto(t *testing.T) {
	w := newWorld(t)
	w.say("private:书记", "书记", "#帮助")
	photo := nb.Attachment{Kind: "photo", FileRef: "poster-1"}
	got := w.deliver(bot.Message{Platform: nb.PlatformSandbox, ChatID: "private:书记", ChatKind: nb.ChatPrivate,
		SenderID: "书记", SenderName: "书记", ID: "photo-1", Text: "#通知 @社区 周六义诊海报", Attachments: []nb.Attachment{photo}})
	n := 0
	for _, m := range got {
		if strings.HasPrefix(m.Text, "【通知】") {
			n++
			if len(m.Attachments) != 1 || m.Attachments[0] != photo {
				t.Errorf("notice to %s without its photo: %+v", m.ChatID, m.Attachments)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d notices, want 2: %+v", n, got)
	}
}
