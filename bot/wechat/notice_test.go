package wechat

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
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

// broadcastNotice logs in to a fake WeChat with groups groups bound to one
// community, has its officer send one notice to the community, and
// returns how long delivering every copy took and what the fake received.
func broadcastNotice(tb testing.TB, groups int, tune func(*Config)) (time.Duration, []wxfake.Sent) {
	tb.Helper()
	f := wxfake.New(tb)
	titles := make([]string, groups)
	for i := range titles {
		titles[i] = fmt.Sprintf("幸福里%d号楼业主群", i+1)
		f.AddGroup(titles[i], wxfake.Member{Nick: "刘大爷"})
	}
	ctx, cancel := context.WithCancel(context.Background())
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "nb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	officer := seedCommunity(tb, db, titles)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := bot.NewEngine(db, func(*bot.Context) error { return nil }, bot.WithLogger(logger))
	online := make(chan struct{})
	cfg := Config{SessionFile: filepath.Join(tb.TempDir(), "session.json"), ReloginMin: 10 * time.Millisecond,
		ReloginMax: 50 * time.Millisecond, SyncMin: 20 * time.Millisecond, SyncMax: 100 * time.Millisecond,
		Transport: f.Transport(), Logger: logger, Store: db, OnState: func(h Health) {
			if h.State == StateOnline {
				select {
				case <-online:
				default:
					close(online)
				}
			}
		}}
	if tune != nil {
		tune(&cfg)
	}
	a := New(cfg, e)
	Register(e, a)
	done := make(chan struct{}, 2)
	go func() { _ = e.Run(ctx); done <- struct{}{} }()
	go func() { _ = a.Run(ctx); done <- struct{}{} }()
	defer func() { cancel(); <-done; <-done; db.Close() }()
	select {
	case <-online:
	case <-time.After(20 * time.Second):
		tb.Fatal("the adapter did not log in")
	}
	start := time.Now()
	err = db.Update(ctx, func(tx nb.Tx) error {
		res, err := broadcasts.New(plainWords{}, broadcasts.Policy{}).SubmitTx(tx, officer,
			broadcasts.Draft{Text: "周六上午义诊", AuthorName: "王书记"})
		if err == nil && res.Queued != groups {
			err = fmt.Errorf("queued %d copies, want %d", res.Queued, groups)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	sent := f.WaitSends(groups, 10*time.Minute)
	return time.Since(start), sent
}

// seedCommunity binds the WeChat groups titles to one community and
// returns its officer.
func seedCommunity(tb testing.TB, db *store.DB, titles []string) nb.Actor {
	var officer nb.Actor
	err := db.Update(context.Background(), func(tx nb.Tx) error {
		u := &nb.Unit{Name: "幸福社区", Kind: nb.UnitCommunity}
		if err := tx.CreateUnit(u); err != nil {
			return err
		}
		for _, title := range titles {
			c := &nb.Chat{Platform: nb.PlatformWeChat, ExternalID: ChatID(title), Kind: nb.ChatGroup, Title: title}
			if err := tx.EnsureChat(c); err != nil {
				return err
			}
			if err := tx.BindChat(c.ID, u.ID); err != nil {
				return err
			}
		}
		p, err := tx.EnsurePerson(nb.PlatformWeChat, "wang", "王书记")
		if err != nil {
			return err
		}
		g := nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: u.ID}
		officer = nb.Actor{PersonID: p.ID, Grants: []nb.RoleGrant{g}}
		return tx.GrantRole(g)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return officer
}

// TestNoticeToWeChatGroups: a notice reaches each WeChat group once,
// marked as a notice, at no more than the account's pace (the whole takes
// at least the nine gaps; single gaps are not checked, as the fake sees
// arrivals, which a slow request can bunch).
func TestNoticeToWeChatGroups(t *testing.T) {
	const interval = 20 * time.Millisecond
	took, sent := broadcastNotice(t, 10, func(c *Config) { c.SendInterval, c.SendJitter = interval, -1 })
	seen := map[string]int{}
	for i, s := range sent {
		seen[s.Group]++
		if !strings.HasPrefix(s.Content, "【通知】周六上午义诊") {
			t.Errorf("send %d is not marked as a notice: %q", i, s.Content)
		}
	}
	if len(seen) != 10 || len(sent) != 10 {
		t.Errorf("%d sends to %d groups, want 10 to 10: %v", len(sent), len(seen), seen)
	}
	if bound := 9 * interval; took < bound {
		t.Errorf("10 sends in %s, faster than the pacing allows (%s)", took, bound)
	}
}

// BenchmarkNoticeWeChat50Groups: one notice to 50 WeChat groups with the
// default pacing (a send every 2 s plus up to 1 s of jitter, at most 60 an
// hour). The least the pacing allows is 49 × 2 s = 98 s; 122.5 s on average
// with the jitter.
func BenchmarkNoticeWeChat50Groups(b *testing.B) {
	for b.Loop() {
		took, sent := broadcastNotice(b, 50, nil)
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(took.Seconds()/98, "x_bound")
		b.ReportMetric(float64(len(sent)), "sends")
	}
}
