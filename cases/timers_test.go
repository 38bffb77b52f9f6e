package cases_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/handlers"
)

func TestWhistleRemindsThenEscalates(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	n := w.report("3号楼井盖丢了", nb.PriorityGeneral)
	w.act("书记", n, nb.Command{Action: nb.ActionWhistle, UnitID: w.units["城管办"]})
	w.now = w.now.Add(29 * time.Minute)
	none(t, "before the whistle is due", w.tick())
	w.now = w.now.Add(2 * time.Minute)
	only(t, "reminder", w.tick(), "private:师傅", "提醒", "#报到 ")
	none(t, "a reminder happens once", w.tick())
	w.now = w.now.Add(30 * time.Minute)
	// 城管办 sits at the root: its case's community (社区) hears of it.
	only(t, "escalation", w.tick(), "private:书记", "升级", "城管办", "未按时报到")
	none(t, "an escalation happens once", w.tick())
	if w.countKind(n, nb.ActionRemindAck) != 1 || w.countKind(n, nb.ActionEscalateAck) != 1 {
		t.Fatalf("timeline: %+v", w.events(n))
	}
	last := w.events(n)[len(w.events(n))-1]
	if last.ActorID != 0 || last.UnitID != w.units["社区"] {
		t.Fatalf("the escalation is the system's, to 社区: %+v", last)
	}
	w.act("师傅", n, nb.Command{Action: nb.ActionAck})
	if c := w.caseByID(n); !c.WhistleRemindedAt.IsZero() || !c.WhistleEscalatedAt.IsZero() {
		t.Fatalf("ack must clear the whistle's timers: %+v", c)
	}
}

func TestProjectRemindsEscalatesAndExtends(t *testing.T) {
	w := newWorld(t, nb.Policy{MaxExtensions: 1})
	n := w.report("5号楼垃圾没人收", nb.PriorityGeneral) // 7 days
	w.act("书记", n, nb.Command{Action: nb.ActionAccept, UnitID: w.units["幸福物业"]})
	due := w.now.Add(7 * 24 * time.Hour)
	w.now = w.now.Add(5 * 24 * time.Hour)
	none(t, "before 80% of the limit", w.tick())
	w.now = w.now.Add(14 * time.Hour) // 5.58 days > 5.6 days? not yet
	none(t, "just before 80%", w.tick())
	w.now = w.now.Add(time.Hour)
	only(t, "reminder at 80%", w.tick(), "private:物业", "提醒", "#办结 ")
	none(t, "one reminder", w.tick())
	w.now = due.Add(time.Minute)
	// 幸福物业's parent is 社区: its officers hear of it.
	only(t, "overdue escalation", w.tick(), "private:书记", "已超期", "幸福物业")
	none(t, "one escalation", w.tick())

	w.sent()
	out := w.act("书记", n, nb.Command{Action: nb.ActionExtend, Extend: 3 * 24 * time.Hour, Note: "需采购配件"})
	if c := w.caseByID(n); !c.DueAt.Equal(due.Add(3*24*time.Hour)) || c.Extensions != 1 || !c.DueEscalatedAt.IsZero() {
		t.Fatalf("after extension: due %v, extensions %d, escalated %v", c.DueAt, c.Extensions, c.DueEscalatedAt)
	}
	only(t, "extension notice", w.sent(), "g1", "延至", "需采购配件")
	if out.Event.Note != "需采购配件" || w.countKind(n, nb.ActionExtend) != 1 {
		t.Fatalf("the reason belongs in the timeline: %+v", out.Event)
	}
	_, err := w.svc.Act(w.ctx, w.people["书记"], n, nb.Command{Action: nb.ActionExtend, Extend: time.Hour, Note: "再等等"})
	if nb.ErrorCode(err) != nb.ECONFLICT {
		t.Fatalf("a second extension is over the limit: %v", err)
	}
	_, err = w.svc.Act(w.ctx, w.people["物业"], n, nb.Command{Action: nb.ActionExtend, Extend: time.Hour, Note: "x"})
	if nb.ErrorCode(err) != nb.EFORBIDDEN {
		t.Fatalf("the owner may not extend its own deadline: %v", err)
	}
	w.now = due.Add(3*24*time.Hour + time.Minute)
	only(t, "the new deadline escalates again", w.tick(), "private:书记", "已超期")
}

func TestUnansweredTopicEscalates(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	n := w.report("楼道灯坏了", nb.PriorityGeneral)
	answered := w.report("单元门坏了", nb.PriorityGeneral)
	w.now = w.now.Add(time.Hour)
	w.act("网格员", answered, nb.Command{Action: nb.ActionConfirm})
	w.now = w.now.Add(59 * time.Minute)
	none(t, "within the acceptance limit", w.tick())
	w.now = w.now.Add(2 * time.Minute)
	only(t, "unanswered topic", w.tick(), "private:书记", "无人受理", "#确认 ")
	none(t, "once", w.tick())
	if w.countKind(answered, nb.ActionEscalateTopic) != 0 || w.countKind(n, nb.ActionEscalateTopic) != 1 {
		t.Fatal("only the unanswered topic escalates")
	}
}

func TestLongOutageEscalatesOnce(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	whistled := w.report("井盖丢了", nb.PriorityGeneral)
	w.act("书记", whistled, nb.Command{Action: nb.ActionWhistle, UnitID: w.units["城管办"]})
	project := w.report("垃圾没人收", nb.PriorityGeneral)
	w.act("书记", project, nb.Command{Action: nb.ActionAccept, UnitID: w.units["城管办"]})
	w.sent()
	w.now = w.now.Add(30 * 24 * time.Hour) // the bot was down for a month
	got := w.tick()
	// Both cases escalate once to 社区's officer; nobody is reminded of what is long past.
	if len(got) != 1 || len(got["private:书记"]) != 2 {
		t.Fatalf("after the outage: %v", got)
	}
	for i := range 10 {
		w.now = w.now.Add(time.Minute)
		none(t, "tick "+itoa(int64(i)), w.tick())
	}
	for _, n := range []int64{whistled, project} {
		if w.countKind(n, nb.ActionRemindAck)+w.countKind(n, nb.ActionRemindDue) != 0 {
			t.Fatalf("#%d reminded after its escalation", n)
		}
	}
}

func TestQuietHoursHoldRemindersNotUrgentEscalations(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	w := newWorld(t, nb.Policy{Quiet: nb.QuietHours{Start: 22 * time.Hour, End: 7 * time.Hour, Location: shanghai}})
	w.now = time.Date(2026, 11, 30, 21, 0, 0, 0, shanghai).UTC()
	general := w.report("楼道灯坏了", nb.PriorityGeneral)
	urgent := w.report("电梯困人", nb.PriorityUrgent)
	w.act("书记", general, nb.Command{Action: nb.ActionWhistle, UnitID: w.units["城管办"]})
	w.act("书记", urgent, nb.Command{Action: nb.ActionWhistle, UnitID: w.units["城管办"]})
	w.now = w.now.Add(90 * time.Minute) // 22:30: both whistles missed, in quiet hours
	only(t, "only the urgent case escalates at night", w.tick(), "private:书记", "#"+itoa(urgent))
	w.now = time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai).UTC()
	got := w.tick()
	if len(got["private:书记"]) != 1 || len(got) != 1 {
		t.Fatalf("in the morning the general case escalates (its reminder is overtaken): %v", got)
	}
}

func TestOneSchedulerAtATime(t *testing.T) {
	w := newWorld(t, nb.Policy{}, cases.WithLeaseHolder("a"), cases.WithLease(24*time.Hour))
	other := cases.New(w.db, handlers.NewPhrases(handlers.Config{}), nb.Policy{}, cases.WithLeaseHolder("b"))
	runOther := func() int {
		var q int
		w.update(func(tx nb.Tx) (err error) { q, err = other.RunTimers(w.ctx, tx); return err })
		return q
	}
	w.tick() // "a" holds the lease for a day
	n := w.report("楼道灯坏了", nb.PriorityGeneral)
	w.now = w.now.Add(3 * time.Hour)
	if q := runOther(); q != 0 || w.countKind(n, nb.ActionEscalateTopic) != 0 {
		t.Fatalf("b acted while a holds the lease: %d", q)
	}
	only(t, "a acts", w.tick(), "private:书记", "无人受理")
	m := w.report("单元门坏了", nb.PriorityGeneral)
	w.now = w.now.Add(25 * time.Hour) // a is gone: its lease expires
	if q := runOther(); q != 1 || w.countKind(m, nb.ActionEscalateTopic) != 1 {
		t.Fatalf("b must take over once a's lease expired: %d", q)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestEscalationReachesTheOfficersGroup(t *testing.T) {
	w := newWorld(t, nb.Policy{})
	w.update(func(tx nb.Tx) error {
		c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "社区工作群", Kind: nb.ChatGroup}
		if err := tx.EnsureChat(c); err != nil {
			return err
		}
		return tx.SetOfficersChat(c.ID, w.units["社区"])
	})
	n := w.report("井盖丢了", nb.PriorityGeneral)
	w.act("书记", n, nb.Command{Action: nb.ActionAccept, UnitID: w.units["幸福物业"]})
	w.now = w.now.Add(8 * 24 * time.Hour)
	got := w.tick()
	if len(got) != 2 || len(got["社区工作群"]) != 1 || len(got["private:书记"]) != 1 {
		t.Fatalf("the escalation goes to the officer and the work group: %v", got)
	}
	if text := got["社区工作群"][0]; !strings.Contains(text, "已超期") || strings.Contains(text, "13") {
		t.Fatalf("work group post: %q", text)
	}
}
