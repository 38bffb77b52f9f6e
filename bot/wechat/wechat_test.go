package wechat

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

const (
	group1 = "幸福里3号楼业主群"
	group2 = "幸福里5号楼业主群"
)

var (
	modelOnce sync.Once
	model     *intake.Model
	modelErr  error
)

// world is the real engine, handlers and store, with the adapter logged in
// to the fake WeChat server.
type world struct {
	t      *testing.T
	ctx    context.Context
	f      *wxfake.Server
	db     *store.DB
	e      *bot.Engine
	a      *Adapter
	cfg    Config
	states chan Health
	units  map[string]int64
	stop   func()
}

func newWorld(t *testing.T, handler bot.HandlerFunc, tune func(*Config)) *world {
	t.Helper()
	return newWorldWith(t, handler, tune, nil)
}

// newWorldWith is newWorld with before called once the world is seeded,
// before the engine and the adapter run (to register other senders).
func newWorldWith(t *testing.T, handler bot.HandlerFunc, tune func(*Config), before func(*world)) *world {
	t.Helper()
	f := wxfake.New(t)
	f.AddGroup(group1, wxfake.Member{Nick: "刘大爷"}, wxfake.Member{Nick: "wang", Display: "王书记"},
		wxfake.Member{Nick: "zhao", Display: "赵师傅"})
	f.AddGroup(group2, wxfake.Member{Nick: "李阿姨"})
	ctx, cancel := context.WithCancel(context.Background())
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	if handler == nil {
		modelOnce.Do(func() { model, modelErr = intake.Default() })
		if modelErr != nil {
			t.Fatal(modelErr)
		}
		h := handlers.New(model, handlers.Config{BotUsername: "neighborbot"})
		handler = bot.Chain(h.Router().Handle, bot.Recover)
	}
	w := &world{t: t, ctx: ctx, f: f, db: db, states: make(chan Health, 64), units: map[string]int64{}}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	w.e = bot.NewEngine(db, handler, bot.WithLogger(logger), bot.WithRetry(8, 20*time.Millisecond))
	w.cfg = Config{SessionFile: filepath.Join(t.TempDir(), "session.json"), SendInterval: 20 * time.Millisecond,
		SendJitter: -1, ReloginMin: 10 * time.Millisecond, ReloginMax: 50 * time.Millisecond,
		SyncMin: 20 * time.Millisecond, SyncMax: 100 * time.Millisecond, Transport: f.Transport(), Logger: logger, Store: db,
		OnState: func(h Health) {
			select {
			case w.states <- h:
			default:
			}
		}}
	if tune != nil {
		tune(&w.cfg)
	}
	w.a = New(w.cfg, w.e)
	Register(w.e, w.a)
	var wg sync.WaitGroup
	var once sync.Once
	w.stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
			db.Close()
		})
	}
	t.Cleanup(func() { w.stop() })
	w.seed()
	if before != nil {
		before(w)
	}
	wg.Add(2)
	go func() { defer wg.Done(); _ = w.e.Run(ctx) }()
	go func() { defer wg.Done(); _ = w.a.Run(ctx) }()
	return w
}

// seed: a community with a grid bound to group1, an officer and a
// department worker known by their WeChat group names.
func (w *world) seed() {
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		add := func(name string, kind nb.UnitKind, parent string) error {
			u := &nb.Unit{Name: name, Kind: kind, ParentID: w.units[parent]}
			w.units[name] = 0
			if err := tx.CreateUnit(u); err != nil {
				return err
			}
			w.units[name] = u.ID
			return nil
		}
		for _, u := range []struct {
			name   string
			kind   nb.UnitKind
			parent string
		}{{"街道", nb.UnitStreet, ""}, {"社区", nb.UnitCommunity, "街道"}, {"一网格", nb.UnitGrid, "社区"},
			{"城管办", nb.UnitDepartment, ""}} {
			if err := add(u.name, u.kind, u.parent); err != nil {
				return err
			}
		}
		c := &nb.Chat{Platform: nb.PlatformWeChat, ExternalID: ChatID(group1), Kind: nb.ChatGroup, Title: group1}
		if err := tx.EnsureChat(c); err != nil {
			return err
		}
		if err := tx.BindChat(c.ID, w.units["一网格"]); err != nil {
			return err
		}
		for _, g := range []struct {
			name string
			role nb.Role
			unit string
		}{{"王书记", nb.RoleOfficer, "社区"}, {"赵师傅", nb.RoleDepartment, "城管办"}} {
			p, err := tx.EnsurePerson(nb.PlatformWeChat, MemberID(group1, g.name), g.name)
			if err != nil {
				return err
			}
			if err := tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: g.role, UnitID: w.units[g.unit]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// waitState waits until the adapter reaches state.
func (w *world) waitState(state string) {
	w.t.Helper()
	timeout := time.After(10 * time.Second)
	for w.a.Health().State != state {
		select {
		case <-w.states:
		case <-timeout:
			w.t.Fatalf("state %q never reached; health %+v", state, w.a.Health())
		}
	}
}

// waitSends waits until the fake server has received n sends.
func (w *world) waitSends(n int) []wxfake.Sent {
	w.t.Helper()
	return w.f.WaitSends(n, 10*time.Second)
}

// exchange makes a member say text and returns the bot's one answer.
func (w *world) exchange(group, nick, text string, wants ...string) wxfake.Sent {
	w.t.Helper()
	before := len(w.f.Sends())
	w.f.Say(group, nick, text)
	got := w.waitSends(before + 1)[before]
	if got.Group != group {
		w.t.Errorf("answer to %q went to %q", text, got.Group)
	}
	for _, want := range wants {
		if !strings.Contains(got.Content, want) {
			w.t.Errorf("answer to %q = %q, want it to contain %q", text, got.Content, want)
		}
	}
	return got
}

// TestLoginReportAcceptResolve: a QR login (408 → 201 → 200), then a
// resident's report in a group is acknowledged, quoting it with the room and
// phone masked, an officer accepts it and a department worker resolves it.
func TestLoginReportAcceptResolve(t *testing.T) {
	w := newWorld(t, nil, nil)
	w.waitState(StateOnline)
	if got := w.f.LoginCodes(); len(got) != 3 || got[0] != 408 || got[1] != 201 || got[2] != 200 {
		t.Errorf("login poll answers = %v, want [408 201 200]", got)
	}
	st, err := os.Stat(w.cfg.SessionFile)
	if err != nil {
		t.Fatalf("the session was not saved: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("session file mode = %v, want 0600", st.Mode().Perm())
	}
	if h := w.a.Health(); h.Account != "邻里哨" || h.Logins != 1 || h.LoginURL != "" {
		t.Errorf("health = %+v", h)
	}
	ack := w.exchange(group1, "刘大爷", "3号楼2单元502室门口下水道堵了，污水漫出来了，电话13912345678", "#1")
	if !strings.HasPrefix(ack.Content, "「刘大爷：") {
		t.Errorf("the acknowledgement does not quote the report: %q", ack.Content)
	}
	if strings.Contains(ack.Content, "502") || strings.Contains(ack.Content, "13912345678") {
		t.Errorf("the acknowledgement shows a room or phone number: %q", ack.Content)
	}
	// the officer @mentions the bot as WeChat writes it: "@名字" + U+2005
	w.exchange(group1, "wang", "@邻里哨\u2005#立项 1 城管办", "立项", "城管办")
	w.exchange(group1, "zhao", "#办结 1 已疏通", "已办结")
}

// TestRecalledReportWithdrawn: a resident recalls (撤回) their report in
// WeChat; the report is withdrawn and leaves the open cases.
func TestRecalledReportWithdrawn(t *testing.T) {
	w := newWorld(t, nil, nil)
	w.waitState(StateOnline)
	id := w.f.Say(group1, "刘大爷", "4号楼门口的井盖丢了，很危险")
	w.waitSends(1)
	w.f.Recall(group1, "刘大爷", id)
	got := w.waitSends(2)[1]
	var open []*nb.Case
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) {
		open, err = tx.ListCases(nb.CaseFilter{OpenOnly: true, Limit: 10})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(open) != 0 {
		t.Errorf("after the recall %d cases are open (answer %q), want none", len(open), got.Content)
	}
}

// TestRenameFollowed: a group renamed by a member keeps its cases and
// people, within the session and after a re-login, and the alias is saved.
func TestRenameFollowed(t *testing.T) {
	w := newWorld(t, nil, nil)
	w.waitState(StateOnline)
	w.exchange(group1, "刘大爷", "3号楼楼道的灯坏了好几天了", "#1")
	const renamed = "幸福里3号楼邻里群"
	w.f.Rename(group1, "wang", renamed)
	w.exchange(renamed, "wang", "#立项 1 城管办", "立项", "城管办")
	// The session dies after the notice is recorded as sent: a death
	// between a send and its record would send it again (the window every
	// remote platform has), which is not what this test is about.
	w.waitRecorded(chatPrefix + group1)
	w.f.Kill("1101")
	w.waitLogins(2)
	w.exchange(renamed, "zhao", "#办结 1 已修好", "已办结")
	var raw string
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { raw, err = tx.Setting(aliasSetting); return err }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(raw, renamed) || !strings.Contains(raw, group1) {
		t.Errorf("saved aliases = %s", raw)
	}
}

// recorder is a Receiver that hands each message to a channel.
type recorder chan bot.Message

func (r recorder) Receive(_ context.Context, m bot.Message) error { r <- m; return nil }

// TestHotLoginAfterRestart: a new process (a new adapter) logs in from the
// saved session without a QR code or the phone, keeps the session's
// UserNames, and gives the same ids.
func TestHotLoginAfterRestart(t *testing.T) {
	w := newWorld(t, func(*bot.Context) error { return nil }, nil)
	w.waitState(StateOnline)
	w.stop()

	got := make(recorder, 4)
	states := make(chan Health, 16)
	cfg := w.cfg
	cfg.Store = nil
	cfg.OnState = func(h Health) {
		select {
		case states <- h:
		default:
		}
	}
	a := New(cfg, got)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	timeout := time.After(10 * time.Second)
	for !a.Health().Online() {
		select {
		case <-states:
		case <-timeout:
			t.Fatalf("no hot login: %+v", a.Health())
		}
	}
	if q, p, gen := w.f.Count("/jslogin"), w.f.Count("/cgi-bin/mmwebwx-bin/webwxpushloginurl"), w.f.Gen(); q != 1 || p != 0 || gen != 1 {
		t.Errorf("QR logins %d, push logins %d, generation %d; want 1, 0, 1 (a hot login)", q, p, gen)
	}
	id := w.f.Say(group1, "wang", "在吗")
	select {
	case m := <-got:
		if m.ID != id || m.ChatID != ChatID(group1) || m.SenderID != MemberID(group1, "王书记") || m.SenderName != "王书记" {
			t.Errorf("received %+v", m)
		}
	case <-timeout:
		t.Fatal("nothing received after the hot login")
	}
}

// TestQuotedReplyLinked: a resident quotes (引用) the bot's acknowledgement
// and says it was not a report; the quote is linked to the bot's message
// and the report is withdrawn.
func TestQuotedReplyLinked(t *testing.T) {
	w := newWorld(t, nil, nil)
	w.waitState(StateOnline)
	ack := w.exchange(group1, "刘大爷", "6号楼电梯按钮坏了，按了没反应", "#1")
	w.waitRecorded(chatPrefix + group1) // the send has returned: its quote is known
	quoted := "「邻里哨：" + ack.Content + "」\n- - - - - - - - - - - - - - -\n不是报事"
	w.exchange(group1, "刘大爷", quoted)
	var open []*nb.Case
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) {
		open, err = tx.ListCases(nb.CaseFilter{OpenOnly: true, Limit: 10})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(open) != 0 {
		t.Errorf("after 不是报事 quoting the acknowledgement %d cases are open, want none", len(open))
	}
	if name, q, reply, ok := splitQuote(quoted); !ok || name != "邻里哨" || q != ack.Content || reply != "不是报事" {
		t.Errorf("splitQuote = %q, %q, %q, %v", name, q, reply, ok)
	}
}

// waitRecorded waits until no message to chat is in flight (sent, or being
// sent, and not yet recorded).
func (w *world) waitRecorded(chat string) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var busy bool
		if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) {
			busy, err = tx.OutboxInFlight(nb.PlatformWeChat, chat)
			return err
		}); err != nil {
			w.t.Fatal(err)
		}
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("a message to %s is still in flight", chat)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
