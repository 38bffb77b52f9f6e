package wechat

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
)

// waitLogins waits until the adapter is online after its n-th login.
func (w *world) waitLogins(n int) {
	w.t.Helper()
	timeout := time.After(10 * time.Second)
	for h := w.a.Health(); h.Logins < n || !h.Online(); h = w.a.Health() {
		select {
		case <-w.states:
		case <-timeout:
			w.t.Fatalf("login %d never came; health %+v", n, h)
		}
	}
}

// TestReloginKeepsIdentities: the session dies (1101), the adapter logs in
// again (the hot login fails, the push login works) and every UserName
// changes; the same group and officer are recognised, a message the server
// delivers again is not handled twice and nothing is sent twice.
func TestReloginKeepsIdentities(t *testing.T) {
	w := newWorld(t, nil, nil)
	w.waitState(StateOnline)
	report := "5号楼东侧路灯坏了一个星期，晚上很黑"
	reportID := w.f.Say(group1, "刘大爷", report)
	w.waitSends(1)

	w.f.Kill("1101")
	w.waitLogins(2)
	if n := w.f.Count("/cgi-bin/mmwebwx-bin/webwxpushloginurl"); n != 1 {
		t.Errorf("push logins = %d, want 1", n)
	}
	if n := w.f.Count("/jslogin"); n != 1 {
		t.Errorf("QR logins = %d, want only the first", n)
	}
	gen := w.f.Gen()
	if gen != 2 {
		t.Fatalf("login generation = %d, want 2 (new UserNames)", gen)
	}

	w.f.Redeliver(group1, "刘大爷", report, reportID)
	got := w.exchange(group1, "wang", "#立项 1 城管办", "立项", "城管办")
	if strings.Contains(got.Content, "仅限") {
		t.Errorf("the officer was not recognised after the re-login: %q", got.Content)
	}
	if !strings.HasPrefix(got.To, "@@g2-") {
		t.Errorf("sent to %q, want the group's new UserName", got.To)
	}
	w.exchange(group1, "zhao", "#办结 1 已修好", "已办结")
	sends := w.f.Sends()
	acks := 0
	for _, s := range sends {
		if strings.Contains(s.Content, "路灯") && strings.Contains(s.Content, "#1") && !strings.Contains(s.Content, "立项") &&
			!strings.Contains(s.Content, "办结") {
			acks++
		}
	}
	if acks != 1 || len(sends) != 3 {
		t.Errorf("sends = %d (acknowledgements %d), want 3 with one acknowledgement: %+v", len(sends), acks, sends)
	}
}

// TestDeathFallsBackToQR: with push login refused, a dead session (1102)
// is replaced by a new QR login; the loop waits between rounds.
func TestDeathFallsBackToQR(t *testing.T) {
	handled := make(chan bot.Message, 8)
	w := newWorld(t, func(c *bot.Context) error { handled <- c.Msg; return nil }, nil)
	w.waitState(StateOnline)
	w.f.SetPushOK(false)
	w.f.Kill("1102")
	w.waitLogins(2)
	if n := w.f.Count("/jslogin"); n != 2 {
		t.Errorf("QR logins = %d, want 2", n)
	}
	id := w.f.Say(group2, "李阿姨", "电梯又坏了")
	select {
	case m := <-handled:
		if m.ID != id || m.ChatID != ChatID(group2) || m.SenderID != MemberID(group2, "李阿姨") {
			t.Errorf("handled %+v", m)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the message after the re-login was not handled")
	}
}

// TestSyncBacksOff: while synccheck fails at the network level the adapter
// waits between polls instead of the library's immediate retry, and the
// session carries on once the network is back.
func TestSyncBacksOff(t *testing.T) {
	handled := make(chan bot.Message, 8)
	w := newWorld(t, func(c *bot.Context) error { handled <- c.Msg; return nil }, nil)
	w.waitState(StateOnline)
	const path = "/cgi-bin/mmwebwx-bin/synccheck"
	w.f.SetSyncDown(true)
	before := w.f.Count(path)
	<-time.After(400 * time.Millisecond)
	w.f.SetSyncDown(false)
	polls := w.f.Count(path) - before
	// the library tries each request 5 times; waits of 20, 40, 80, 100…ms
	// allow about 6 rounds in 400 ms. Without back-off: thousands.
	if polls > 60 {
		t.Errorf("%d synccheck requests in 400 ms of outage: the loop spins", polls)
	}
	if !w.a.Health().Online() {
		t.Errorf("a network outage ended the session: %+v", w.a.Health())
	}
	w.f.Say(group1, "刘大爷", "网络好了吗")
	select {
	case <-handled:
	case <-time.After(5 * time.Second):
		t.Fatal("no message handled after the outage")
	}
}

// TestPacing: 30 replies queued at once go out no closer than the
// configured interval, the hourly cap holds, and a message in another chat
// is handled while the replies are still going out.
func TestPacing(t *testing.T) {
	const interval = 50 * time.Millisecond
	handled := make(chan time.Time, 8)
	handler := func(c *bot.Context) error {
		if c.Msg.Text == "burst" {
			for i := range 30 {
				if err := c.Post(&nb.OutboxMessage{ChatExternalID: c.Msg.ChatID, Text: fmt.Sprintf("reply %d", i)}); err != nil {
					return err
				}
			}
			return nil
		}
		handled <- time.Now()
		return nil
	}
	w := newWorld(t, handler, func(c *Config) { c.SendInterval, c.HourlyCap = interval, 20 })
	var startsMu sync.Mutex
	var starts []time.Time
	w.a.sendHook = func(at time.Time) {
		startsMu.Lock()
		defer startsMu.Unlock()
		starts = append(starts, at)
	}
	w.waitState(StateOnline)
	w.f.Say(group1, "刘大爷", "burst")
	w.waitSends(1)
	w.f.Say(group2, "李阿姨", "hello")
	select {
	case <-handled:
	case <-time.After(5 * time.Second):
		t.Fatal("the other chat's message was not handled")
	}
	if n := len(w.f.Sends()); n >= 20 {
		t.Errorf("the other chat was handled only after %d sends: pacing delays handling", n)
	}
	sends := w.waitSends(20)
	<-time.After(5 * interval) // the cap: nothing more comes
	if n := len(w.f.Sends()); n != 20 {
		t.Errorf("%d sends, want the hourly cap of 20", n)
	}
	startsMu.Lock()
	defer startsMu.Unlock()
	if len(starts) != 20 {
		t.Errorf("%d sends started, want 20", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < interval {
			t.Errorf("sends %d and %d started %v apart, want ≥ %v", i-1, i, gap, interval)
		}
	}
	// as the server sees them the requests' travel times vary, so only
	// the whole span is checked there
	if span, want := sends[len(sends)-1].At.Sub(sends[0].At), time.Duration(len(sends)-1)*interval; span < want-interval/2 {
		t.Errorf("%d sends reached the server within %v, want about %v", len(sends), span, want)
	}
	for i := 1; i < len(sends); i++ {
		if want := fmt.Sprintf("reply %d", i); sends[i].Content != want {
			t.Errorf("send %d = %q, want %q (in order)", i, sends[i].Content, want)
		}
	}
}

// TestSendErrors: 1205 asks the engine to wait, a group that is gone is
// permanent, no session is an ordinary error; mentions and quotes.
func TestSendErrors(t *testing.T) {
	w := newWorld(t, func(*bot.Context) error { return nil }, func(c *Config) {
		c.TooOftenWait, c.GroupGrace = 7*time.Minute, time.Nanosecond
	})
	w.f.AddUnsavedGroup("未保存的群", wxfake.Member{Nick: "钱大妈"})
	ctx := context.Background()
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID(group1), Text: "x"}); err == nil {
		t.Error("sent before login")
	}
	w.waitState(StateOnline)
	w.f.FailSends(1205)
	_, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID(group1), Text: "x"})
	var retry *bot.RetryAfterError
	if !errors.As(err, &retry) || retry.After != 7*time.Minute {
		t.Errorf("1205: err = %v, want retry after 7m", err)
	}
	before := len(w.f.Sends())
	_, err = w.a.Send(ctx, bot.OutMessage{ChatID: ChatID(group2), Text: "y"})
	if !errors.As(err, &retry) || retry.After > 7*time.Minute || len(w.f.Sends()) != before {
		t.Errorf("after 1205, another chat: err = %v, want a wait without sending", err)
	}
	w.a.pause(0) // the wait is over
	var permanent *bot.PermanentError
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID("没有这个群"), Text: "x"}); !errors.As(err, &permanent) {
		t.Errorf("unknown group: err = %v, want permanent", err)
	}
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID("未保存的群"), Text: "在"}); err != nil {
		t.Errorf("a group known only from init's recent chats: %v", err)
	}
	w.f.Kill("1101")
	w.waitState(StateOffline)
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID(group1), Text: "x"}); err == nil || errors.As(err, &permanent) {
		t.Errorf("send on a dead session: err = %v, want a retried error", err)
	}
	w.waitLogins(2)
	id := w.f.Say(group1, "刘大爷", "楼道灯不亮了 3-2-1202")
	w.a.quotes.put(id, quote{name: "刘大爷", text: "楼道灯不亮了 3-2-1202"})
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID(group1), Text: "收到", ReplyTo: id,
		Mentions: []string{MemberID(group1, "王书记")}}); err != nil {
		t.Fatal(err)
	}
	sends := w.f.Sends()
	want := "「刘大爷：楼道灯不亮了 3-2-****」\n- - - - - - - - - - - - - - -\n@王书记\u2005收到"
	if len(sends) != 2 || sends[1].Content != want {
		t.Errorf("sent %+v, want one %q", sends, want)
	}
	w.a.cfg.GroupGrace = time.Hour // just logged in: the group may not have shown up yet
	if _, err := w.a.Send(ctx, bot.OutMessage{ChatID: ChatID("没有这个群"), Text: "x"}); err == nil || errors.As(err, &permanent) {
		t.Errorf("unknown group right after login: err = %v, want a retried error", err)
	}
}

// TestAmbiguousMembersNotMerged: two members with the same group card get
// different sender ids, neither of them the stable one.
func TestAmbiguousMembersNotMerged(t *testing.T) {
	handled := make(chan bot.Message, 8)
	w := newWorld(t, func(c *bot.Context) error { handled <- c.Msg; return nil }, nil)
	w.f.AddGroup("同名群", wxfake.Member{Nick: "a", Display: "张三"}, wxfake.Member{Nick: "b", Display: "张三"},
		wxfake.Member{Nick: "c"})
	w.waitState(StateOnline)
	var ids []string
	for _, nick := range []string{"a", "b", "c"} {
		w.f.Say("同名群", nick, "你好")
		select {
		case m := <-handled:
			ids = append(ids, m.SenderID)
		case <-time.After(5 * time.Second):
			t.Fatal("not handled")
		}
	}
	if ids[0] == ids[1] || ids[0] == MemberID("同名群", "张三") || ids[1] == MemberID("同名群", "张三") {
		t.Errorf("members sharing a name were merged or given the stable id: %q", ids)
	}
	if ids[2] != MemberID("同名群", "c") {
		t.Errorf("unique member id = %q", ids[2])
	}
}

// TestIDs: ids round-trip and the bot's @mention is stripped.
func TestIDs(t *testing.T) {
	id := MemberID("3号楼/业主群", "王 书记")
	if name, ok := memberName(id); !ok || name != "王 书记" {
		t.Errorf("memberName(%q) = %q, %v", id, name, ok)
	}
	if title, ok := groupTitle(ChatID("3号楼")); !ok || title != "3号楼" {
		t.Errorf("groupTitle = %q, %v", title, ok)
	}
	if got := stripMention("@邻里哨\u2005#立项 1", "邻里哨"); got != "#立项 1" {
		t.Errorf("stripMention = %q", got)
	}
	err := errors.New(`Get "https://wx.qq.com/x?skey=@crypt_secret&pass_ticket=abc": EOF`)
	if s := safeErr(err); strings.Contains(s, "secret") || strings.Contains(s, "abc") {
		t.Errorf("safeErr leaks: %q", s)
	}
	art, err := TerminalQR(QRContent("uuid-1"))
	if err != nil || strings.Count(art, "\n") < 10 || !strings.ContainsAny(art, "█▀▄") {
		t.Errorf("TerminalQR = %q, %v", art, err)
	}
}
