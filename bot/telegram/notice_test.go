package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/store"
)

// plainWords renders notices without the chat layer.
type plainWords struct{}

func (plainWords) Notice(n *nb.Notice) string {
	return "【通知】" + n.Text + "\n—— 发布人：" + n.AuthorName
}
func (plainWords) Request(n *nb.Notice, _ string) string { return "#批准 " + n.Code() }
func (plainWords) Decided(n *nb.Notice, _ int) string    { return n.Code() }
func (plainWords) Suggest(string, int64, string) string  { return "" }

// noticeWorld is a store with a community of groups Telegram groups, an
// officer of it, and the Telegram adapter against a fake Bot API that
// enforces Telegram's limits.
type noticeWorld struct {
	api     *telegramtest.Server
	db      *store.DB
	adapter *Adapter
	officer nb.Actor
}

func newNoticeWorld(tb testing.TB, groups int) *noticeWorld {
	tb.Helper()
	ctx := context.Background()
	w := &noticeWorld{api: telegramtest.New(tb)}
	w.api.EnforceLimits()
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "nb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	w.db = db
	if w.adapter, err = New(ctx, db, Options{Token: telegramtest.Token, ServerURL: w.api.URL}); err != nil {
		tb.Fatal(err)
	}
	err = db.Update(ctx, func(tx nb.Tx) error {
		u := &nb.Unit{Name: "幸福社区", Kind: nb.UnitCommunity}
		if err := tx.CreateUnit(u); err != nil {
			return err
		}
		for i := range groups {
			c := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: strconv.Itoa(-1000000000 - i), Kind: nb.ChatGroup, Title: fmt.Sprintf("楼栋群%d", i)}
			if err := tx.EnsureChat(c); err != nil {
				return err
			}
			if err := tx.BindChat(c.ID, u.ID); err != nil {
				return err
			}
		}
		p, err := tx.EnsurePerson(nb.PlatformTelegram, "1001", "王书记")
		if err != nil {
			return err
		}
		g := nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: u.ID}
		w.officer = nb.Actor{PersonID: p.ID, Grants: []nb.RoleGrant{g}}
		return tx.GrantRole(g)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// send submits a notice to the whole community, as its officer.
func (w *noticeWorld) send(tb testing.TB, text string) *broadcasts.Result {
	tb.Helper()
	svc := broadcasts.New(plainWords{}, broadcasts.Policy{})
	var res *broadcasts.Result
	err := w.db.Update(context.Background(), func(tx nb.Tx) (err error) {
		res, err = svc.SubmitTx(tx, w.officer, broadcasts.Draft{Text: text, AuthorName: "王书记"})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// run starts an engine delivering Telegram at its pace; stop cancels it
// and waits for it to end.
func (w *noticeWorld) run() (stop func()) {
	e := bot.NewEngine(w.db, func(*bot.Context) error { return nil })
	e.RegisterSender(nb.PlatformTelegram, w.adapter, bot.WithLimiter(bot.NewLocalLimiter(Limits())), bot.WithLanes(8))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = e.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

// perChat counts the sends the fake accepted, by chat.
func perChat(api *telegramtest.Server) map[string]int {
	n := map[string]int{}
	for _, c := range api.Calls("sendmessage") {
		if c.Result != nil {
			n[c.Fields["chat_id"]]++
		}
	}
	return n
}

// waitSent waits until the fake accepted at least n sends.
func waitSent(tb testing.TB, api *telegramtest.Server, n int) {
	tb.Helper()
	for have := len(api.Calls("sendmessage")); sent(api) < n; have++ {
		api.WaitCalls(tb, "sendmessage", have+1, time.Minute)
	}
}

// TestNoticeSurvivesStop: a notice to 200 groups, stopped part way (the
// engine's context cancelled) and started again, reaches every group
// exactly once, and its status shows every group delivered.
func TestNoticeSurvivesStop(t *testing.T) {
	w := newNoticeWorld(t, 200)
	res := w.send(t, "周六上午义诊")
	if res.Queued != 200 {
		t.Fatalf("queued %d copies, want 200", res.Queued)
	}
	stop := w.run()
	waitSent(t, w.api, 70)
	stop()
	before := sent(w.api)
	if before >= 200 {
		t.Fatalf("the broadcast finished (%d) before it was stopped", before)
	}
	stop = w.run()
	waitSent(t, w.api, 200)
	stop() // waits for the sends under way to be recorded
	var ds []*nb.NoticeDelivery
	err := w.db.View(context.Background(), func(tx nb.Tx) (err error) {
		ds, err = tx.ListNoticeDeliveries(res.Notice.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := delivered(ds); n != 200 || len(ds) != 200 {
		t.Errorf("status shows %d of %d groups delivered, want 200 of 200", n, len(ds))
	}
	counts := perChat(w.api)
	if len(counts) != 200 {
		t.Errorf("%d groups received the notice, want 200", len(counts))
	}
	for chat, n := range counts {
		if n != 1 {
			t.Errorf("group %s received the notice %d times", chat, n)
		}
	}
	t.Logf("stopped after %d of 200; %d refused (429) in all", before, w.api.Refused())
}

func delivered(ds []*nb.NoticeDelivery) int {
	n := 0
	for _, d := range ds {
		if d.State == nb.DeliveryDelivered {
			n++
		}
	}
	return n
}

// TestApprovalButtons: an approval request gets 批准 and 拒绝 buttons; a
// press becomes "#批准 B7" from the presser.
func TestApprovalButtons(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.a.Send(ctx, bot.OutMessage{ChatID: "1001", Text: "【待审批】小周 申请向「幸福社区」的所有群发送通知 B7（超出其负责范围）：\n大扫除\n同意请发送 #批准 B7，不同意请发送 #拒绝 B7 原因"})
	if err != nil {
		t.Fatal(err)
	}
	markup := f.api.Calls("sendMessage")[0].Fields["reply_markup"]
	if !strings.Contains(markup, `"callback_data":"approve:7"`) || !strings.Contains(markup, `"callback_data":"reject:7"`) ||
		strings.Contains(markup, "status:") {
		t.Fatalf("reply_markup = %s", markup)
	}
	notice := f.api.Calls("sendMessage")[0].Result
	notice.Chat = privateChat(officer)
	rec := newRecorder()
	press := models.Update{CallbackQuery: &models.CallbackQuery{ID: "cq1", From: officer, Data: "approve:7",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: notice}}}
	if err := f.a.HandleUpdate(ctx, rec, &press); err != nil {
		t.Fatal(err)
	}
	if m := rec.next(t); m.Text != "#批准 B7" || m.SenderID != "1001" {
		t.Fatalf("press = %+v", m)
	}
}

// BenchmarkNotice1000Groups: one notice from an officer to a community of
// 1,000 Telegram groups, through the broadcast service (one copy queued per
// group, in one transaction) and the engine, against the fake Bot API that
// refuses sends over Telegram's limits. The limits allow it in 33 s.
func BenchmarkNotice1000Groups(b *testing.B) {
	for b.Loop() {
		w := newNoticeWorld(b, 1000)
		start := time.Now()
		w.send(b, "周六上午义诊")
		queued := time.Since(start)
		stop := w.run()
		waitSent(b, w.api, 1000)
		took := time.Since(start)
		stop()
		b.ReportMetric(queued.Seconds()*1000, "ms_fanout")
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(took.Seconds()/limitBound(1000).Seconds(), "x_bound")
		b.ReportMetric(float64(w.api.Refused()), "429s")
		if n := len(perChat(w.api)); n != 1000 {
			b.Fatalf("%d groups received it, want 1000", n)
		}
	}
}

// TestReplyNamesItsSender: a message replying to a person's message names
// that person (#任命 by reply); a reply to the bot names no one.
func TestReplyNamesItsSender(t *testing.T) {
	f := newFixture(t)
	rec := newRecorder()
	for _, tc := range []struct {
		from *models.User
		want string
	}{{&neighbour, "2002"}, {&f.api.Bot, ""}} {
		m := f.api.NewMessage(supergroup, officer, "/appoint")
		m.ReplyToMessage = &models.Message{ID: 50, Date: 1, Chat: supergroup, From: tc.from}
		if err := f.a.HandleUpdate(context.Background(), rec, &models.Update{Message: m}); err != nil {
			t.Fatal(err)
		}
		if got := rec.next(t); got.ReplyTo != "50" || got.ReplyToSender != tc.want {
			t.Errorf("reply to %s: ReplyToSender %q, want %q", tc.from.FirstName, got.ReplyToSender, tc.want)
		}
	}
}

// TestNoticeWithPhoto: a notice's photo goes with it to each Telegram
// group, the text as its caption.
func TestNoticeWithPhoto(t *testing.T) {
	w := newNoticeWorld(t, 3)
	err := w.db.Update(context.Background(), func(tx nb.Tx) error {
		_, err := broadcasts.New(plainWords{}, broadcasts.Policy{}).SubmitTx(tx, w.officer, broadcasts.Draft{
			Text: "周六义诊", AuthorName: "王书记", Platform: nb.PlatformTelegram,
			Photo: &nb.Attachment{Kind: "photo", FileRef: "AgACposter"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	stop := w.run()
	calls := w.api.WaitCalls(t, "sendphoto", 3, 20*time.Second)
	stop()
	for _, c := range calls {
		if c.Fields["photo"] != "AgACposter" || !strings.HasPrefix(c.Fields["caption"], "【通知】周六义诊") {
			t.Errorf("sendPhoto = %v", c.Fields)
		}
	}
	if n := len(w.api.Calls("sendmessage")); n != 0 {
		t.Errorf("%d notices went without their photo", n)
	}
}
