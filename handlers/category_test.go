package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
)

// TestCategoryByPartOfItsName: "#分类 N 停车" is 停车交通, as a unit is found
// by part of its name; a part of several names, or of none, is answered
// with the names to choose from; the category the case is in already is
// answered calmly, and nothing is recorded.
func TestCategoryByPartOfItsName(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "刘大爷", "5号楼门口垃圾没人收")
	cmd := "#分类 " + itoa(n) + " "
	if w.caseByID(n).Category == "停车交通" {
		t.Fatal("the report should not read as parking")
	}
	w.one("g1", "书记", cmd+"停车", "→ 停车交通")
	if got := w.caseByID(n).Category; got != "停车交通" {
		t.Fatalf("category = %q, want 停车交通", got)
	}
	w.one("g1", "书记", cmd+"电", "「电」可以指", "电梯", "水电气暖")
	w.one("g1", "书记", cmd+"火星", "没有「火星」这个类别", "环境卫生、")
	events := func() int {
		var evs []*nb.Event
		if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { evs, err = tx.ListEvents(n); return err }); err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}
	before := events()
	for _, same := range []string{"停车交通", "停车"} {
		if got := w.one("g1", "书记", cmd+same, "#"+itoa(n)+" 已是「停车交通」类，类别未改。").Text; strings.Contains(got, "请写上") {
			t.Errorf("the same category is no mistake to correct: %q", got)
		}
	}
	if events() != before {
		t.Error("naming the category the case is in recorded a change")
	}
}

// TestCategoryWithoutOwnerKind: every category of the taxonomy in use may be
// chosen, also one configured without an owner kind (so absent from
// OwnerKinds), and by a part of its name.
func TestCategoryWithoutOwnerKind(t *testing.T) {
	w := newWorld(t)
	tax := append(intake.DefaultTaxonomy(), intake.Category{Name: "消防通道占用"})
	u := theModel(t).WithTaxonomy(tax)
	kinds := map[string]nb.UnitKind{}
	for _, c := range tax {
		if k := nb.UnitKind(c.OwnerKind); k.Valid() {
			kinds[c.Name] = k
		}
	}
	h := handlers.New(u, handlers.Config{OwnerKinds: kinds})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover), bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1))
	n, _ := w.report("g1", "刘大爷", "5号楼门口垃圾没人收")
	w.one("g1", "书记", "#分类 "+itoa(n)+" 消防通道", "→ 消防通道占用")
	if got := w.caseByID(n).Category; got != "消防通道占用" {
		t.Fatalf("category = %q, want 消防通道占用", got)
	}
}
