package handlers_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// outbox records what a remote platform would receive.
type outbox struct {
	mu   sync.Mutex
	sent []bot.OutMessage
}

func (o *outbox) Send(_ context.Context, m bot.OutMessage) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	return "bot-" + strconv.Itoa(len(o.sent)), nil
}

// world is the real engine, handlers, model and store, with a unit tree:
// street → community → grid1, grid2; department 城管办; partner 幸福物业.
type world struct {
	t     testing.TB
	ctx   context.Context
	db    *store.DB
	e     *bot.Engine
	out   *outbox
	units map[string]int64
	seq   int
	now   time.Time
	path  string // the database file (or PostgreSQL URL, see worldDatabase)
}

var (
	modelOnce sync.Once
	model     *intake.Model
	modelErr  error
)

func newWorld(t testing.TB) *world {
	t.Helper()
	return newWorldWith(t, theModel(t))
}

func theModel(t testing.TB) *intake.Model {
	t.Helper()
	modelOnce.Do(func() { model, modelErr = intake.Default() })
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	return model
}

// newWorldWith is newWorld with the handlers reading messages through u.
func newWorldWith(t testing.TB, u handlers.Understander) *world {
	t.Helper()
	w := &world{t: t, ctx: context.Background(), out: &outbox{}, units: map[string]int64{},
		now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	w.path = worldDatabase(t)
	db, err := store.Open(w.ctx, w.path, store.WithClock(func() time.Time { return w.now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w.db = db
	h := handlers.New(u, handlers.Config{BotUsername: "neighborbot"})
	w.e = bot.NewEngine(db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }),
		bot.WithPrepare(h.Prepare()))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1)) // one lane: replies arrive in the order queued
	w.seed()
	return w
}

func (w *world) seed() {
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		add := func(name string, kind nb.UnitKind, parent string) {
			u := &nb.Unit{Name: name, Kind: kind, ParentID: w.units[parent]}
			if err := tx.CreateUnit(u); err != nil {
				w.t.Fatal(err)
			}
			w.units[name] = u.ID
		}
		add("街道", nb.UnitStreet, "")
		add("社区", nb.UnitCommunity, "街道")
		add("一网格", nb.UnitGrid, "社区")
		add("二网格", nb.UnitGrid, "社区")
		add("城管办", nb.UnitDepartment, "")
		add("幸福物业", nb.UnitPartner, "")
		for _, g := range []struct{ chat, unit string }{{"g1", "一网格"}, {"g2", "二网格"}} {
			c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: g.chat, Kind: nb.ChatGroup, Title: g.chat}
			if err := tx.EnsureChat(c); err != nil {
				return err
			}
			if err := tx.BindChat(c.ID, w.units[g.unit]); err != nil {
				return err
			}
		}
		w.grant(tx, "书记", nb.RoleOfficer, "社区")
		w.grant(tx, "网格员2", nb.RoleGridWorker, "二网格")
		w.grant(tx, "师傅", nb.RoleDepartment, "城管办")
		w.grant(tx, "物业", nb.RoleDepartment, "幸福物业")
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) grant(tx nb.Tx, name string, role nb.Role, unit string) {
	p, err := tx.EnsurePerson(nb.PlatformSandbox, name, name)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: role, UnitID: w.units[unit]}); err != nil {
		w.t.Fatal(err)
	}
}

// say sends a message and returns its id and what the bot sent because of it.
func (w *world) say(chat, from, text string, replyTo ...string) (string, []bot.OutMessage) {
	w.t.Helper()
	w.seq++
	id := "m" + strconv.Itoa(w.seq)
	kind := nb.ChatGroup
	if strings.HasPrefix(chat, "private:") {
		kind = nb.ChatPrivate
	}
	m := bot.Message{Platform: nb.PlatformSandbox, ChatID: chat, ChatKind: kind, SenderID: from, SenderName: from, ID: id, Text: text}
	if len(replyTo) > 0 {
		m.ReplyTo = replyTo[0]
	}
	return id, w.deliver(m)
}

// deliver hands m to the engine and returns what the bot sent because of it.
func (w *world) deliver(m bot.Message) []bot.OutMessage {
	w.t.Helper()
	if err := w.e.Receive(w.ctx, m); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.e.ProcessPending(w.ctx); err != nil {
		w.t.Fatal(err)
	}
	w.out.mu.Lock()
	before := len(w.out.sent)
	w.out.mu.Unlock()
	if _, err := w.e.DeliverPending(w.ctx); err != nil {
		w.t.Fatal(err)
	}
	w.out.mu.Lock()
	defer w.out.mu.Unlock()
	return append([]bot.OutMessage(nil), w.out.sent[before:]...)
}

// one sends a message and expects exactly one bot message containing wants.
func (w *world) one(chat, from, text string, wants ...string) bot.OutMessage {
	w.t.Helper()
	_, got := w.say(chat, from, text)
	if len(got) != 1 {
		w.t.Fatalf("%s: %q: want one answer, got %d: %+v", from, text, len(got), got)
	}
	for _, want := range wants {
		if !strings.Contains(got[0].Text, want) {
			w.t.Fatalf("%s: %q: answer %q lacks %q", from, text, got[0].Text, want)
		}
	}
	return got[0]
}

// report files a report in chat and returns the case number and report id.
func (w *world) report(chat, from, text string) (int64, string) {
	w.t.Helper()
	id, got := w.say(chat, from, "#报事 "+text)
	if len(got) != 1 {
		w.t.Fatalf("report: got %+v", got)
	}
	var n int64
	if _, err := fmt.Sscanf(got[0].Text[strings.Index(got[0].Text, "#"):], "#%d", &n); err != nil {
		w.t.Fatalf("no case number in %q", got[0].Text)
	}
	return n, id
}

func (w *world) caseByID(n int64) *nb.Case {
	w.t.Helper()
	var c *nb.Case
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { c, err = tx.FindCaseByID(n); return err }); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// lastSentID is the platform id of the bot's latest message.
func (w *world) lastSentID() string {
	w.out.mu.Lock()
	defer w.out.mu.Unlock()
	return "bot-" + strconv.Itoa(len(w.out.sent))
}
