package cases_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// world is a real store with a unit tree — 街道 → 社区 → 一网格, 二网格;
// 城管办 (a department at the root) and 幸福物业 (a partner under 社区) —
// a group bound to 一网格, and people who all opened a private chat with
// the bot.
type world struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	svc    *cases.Service
	now    time.Time
	units  map[string]int64
	people map[string]nb.Actor
	chat   *nb.Chat
}

func newWorld(t *testing.T, policy nb.Policy, opts ...cases.Option) *world {
	t.Helper()
	w := &world{t: t, ctx: context.Background(), units: map[string]int64{}, people: map[string]nb.Actor{},
		now: time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)} // 10:00 in Shanghai
	db, err := store.Open(w.ctx, pgtest.Database(t, filepath.Join(t.TempDir(), "nb.db")), store.WithClock(func() time.Time { return w.now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w.db = db
	w.svc = cases.New(db, handlers.NewPhrases(handlers.Config{}), policy, opts...)
	w.update(func(tx nb.Tx) error {
		for _, u := range []struct {
			name   string
			kind   nb.UnitKind
			parent string
		}{{"街道", nb.UnitStreet, ""}, {"社区", nb.UnitCommunity, "街道"}, {"一网格", nb.UnitGrid, "社区"},
			{"二网格", nb.UnitGrid, "社区"}, {"城管办", nb.UnitDepartment, ""}, {"幸福物业", nb.UnitPartner, "社区"},
			{"别的社区", nb.UnitCommunity, "街道"}} {
			unit := &nb.Unit{Name: u.name, Kind: u.kind, ParentID: w.units[u.parent]}
			if err := tx.CreateUnit(unit); err != nil {
				return err
			}
			w.units[u.name] = unit.ID
		}
		w.chat = &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup, Title: "g1"}
		if err := tx.EnsureChat(w.chat); err != nil {
			return err
		}
		if err := tx.BindChat(w.chat.ID, w.units["一网格"]); err != nil {
			return err
		}
		for _, p := range []struct {
			name string
			role nb.Role
			unit string
		}{{"居民甲", "", ""}, {"居民乙", "", ""}, {"书记", nb.RoleOfficer, "社区"}, {"街道主任", nb.RoleOfficer, "街道"},
			{"别的书记", nb.RoleOfficer, "别的社区"}, {"网格员", nb.RoleGridWorker, "一网格"},
			{"网格员2", nb.RoleGridWorker, "二网格"}, {"师傅", nb.RoleDepartment, "城管办"},
			{"物业", nb.RoleDepartment, "幸福物业"}, {"管理员", nb.RoleAdmin, ""}, {"代言人", nb.RoleAmbassador, "社区"}} {
			person, err := tx.EnsurePerson(nb.PlatformSandbox, p.name, p.name)
			if err != nil {
				return err
			}
			if err := tx.SetPrivateChat(nb.PlatformSandbox, p.name, "private:"+p.name); err != nil {
				return err
			}
			a := nb.Actor{PersonID: person.ID}
			if p.role != "" {
				g := nb.RoleGrant{PersonID: person.ID, Role: p.role, UnitID: w.units[p.unit]}
				if err := tx.GrantRole(g); err != nil {
					return err
				}
				a.Grants = []nb.RoleGrant{g}
			}
			w.people[p.name] = a
		}
		return nil
	})
	return w
}

func (w *world) update(fn func(tx nb.Tx) error) {
	w.t.Helper()
	if err := w.db.Update(w.ctx, fn); err != nil {
		w.t.Fatal(err)
	}
}

// report files a case in g1 by 居民甲 (who follows it) and returns its number.
func (w *world) report(text string, prio nb.Priority) int64 {
	w.t.Helper()
	c := &nb.Case{Stage: nb.StageTopic, Text: text, Category: "环境卫生", Priority: prio,
		UnitID: w.units["一网格"], ChatID: w.chat.ID, ReportMsg: "m-" + text, ReporterID: w.people["居民甲"].PersonID}
	w.update(func(tx nb.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		_, err := tx.AddFollower(c.ID, c.ReporterID, nb.FollowReporter)
		return err
	})
	return c.ID
}

// act has who take cmd on case n and fails the test on an error.
func (w *world) act(who string, n int64, cmd nb.Command) *nb.Outcome {
	w.t.Helper()
	out, err := w.svc.Act(w.ctx, w.people[who], n, cmd)
	if err != nil {
		w.t.Fatalf("%s %s #%d: %v", who, cmd.Action, n, err)
	}
	return out
}

// sent returns the messages queued since the last call, by chat.
func (w *world) sent() map[string][]string {
	w.t.Helper()
	got := map[string][]string{}
	w.update(func(tx nb.Tx) error {
		list, err := tx.ClaimOutbox(nb.PlatformSandbox, 500, time.Hour, "test/1")
		for _, m := range list {
			got[m.ChatExternalID] = append(got[m.ChatExternalID], m.Text)
			if err := tx.MarkOutboxSent(m.ID, "sent-"+itoa(m.ID)); err != nil {
				return err
			}
		}
		return err
	})
	return got
}

// tick runs the timers at the world's time and returns what they queued.
func (w *world) tick() map[string][]string {
	w.t.Helper()
	w.sent() // forget what came before
	w.update(func(tx nb.Tx) error { _, err := w.svc.RunTimers(w.ctx, tx); return err })
	return w.sent()
}

func (w *world) caseByID(n int64) *nb.Case {
	w.t.Helper()
	var c *nb.Case
	w.update(func(tx nb.Tx) (err error) { c, err = tx.FindCaseByID(n); return err })
	return c
}

func (w *world) events(n int64) []*nb.Event {
	w.t.Helper()
	var list []*nb.Event
	w.update(func(tx nb.Tx) (err error) { list, err = tx.ListEvents(n); return err })
	return list
}

// countKind counts the events of kind in n's log.
func (w *world) countKind(n int64, kind nb.Action) int {
	k := 0
	for _, e := range w.events(n) {
		if e.Kind == nb.EventKind(kind) {
			k++
		}
	}
	return k
}

// only checks that got holds exactly one message, to chat, containing wants.
func only(t *testing.T, what string, got map[string][]string, chat string, wants ...string) {
	t.Helper()
	if len(got) != 1 || len(got[chat]) != 1 {
		t.Fatalf("%s: want one message to %s, got %v", what, chat, got)
	}
	for _, want := range wants {
		if !strings.Contains(got[chat][0], want) {
			t.Fatalf("%s: %q lacks %q", what, got[chat][0], want)
		}
	}
}

func none(t *testing.T, what string, got map[string][]string) {
	t.Helper()
	if len(got) != 0 {
		t.Fatalf("%s: want nothing, got %v", what, got)
	}
}
