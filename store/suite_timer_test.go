package store

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func testLease(f *fixture) {
	take := func(holder string) (ok bool) {
		f.update(func(tx nb.Tx) (err error) {
			ok, err = tx.AcquireLease("timers", holder, tx.Now().Add(time.Minute))
			return err
		})
		return ok
	}
	if !take("a") || !take("a") {
		f.t.Fatal("a free lease, and renewing one's own, must succeed")
	}
	if take("b") {
		f.t.Fatal("b took a's lease before it expired")
	}
	f.clock.Add(time.Minute)
	if !take("b") || take("a") {
		f.t.Fatal("b must take an expired lease, and then hold it")
	}
}

func testTimerCases(f *fixture) {
	var unit int64
	ids := map[string]int64{}
	f.update(func(tx nb.Tx) error {
		u := &nb.Unit{Name: "城管办", Kind: nb.UnitDepartment}
		if err := tx.CreateUnit(u); err != nil {
			return err
		}
		unit = u.ID
		now := tx.Now()
		for name, c := range map[string]*nb.Case{
			"whistled":  {Stage: nb.StageTopic, WhistleUnitID: unit, WhistleDueAt: now.Add(-time.Minute)},
			"reminded":  {Stage: nb.StageTopic, WhistleUnitID: unit, WhistleDueAt: now.Add(-time.Minute), WhistleRemindedAt: now},
			"dismissed": {Stage: nb.StageDismissed, WhistleUnitID: unit, WhistleDueAt: now.Add(-time.Minute)},
			"later":     {Stage: nb.StageTopic, WhistleUnitID: unit, WhistleDueAt: now.Add(time.Hour)},
			"overdue":   {Stage: nb.StageProject, DueAt: now.Add(-time.Minute), DueRemindAt: now.Add(-time.Hour)},
			"escalated": {Stage: nb.StageProject, DueAt: now.Add(-time.Minute), DueEscalatedAt: now},
			"answered":  {Stage: nb.StageTopic, FirstResponseAt: now},
			"quiet":     {Stage: nb.StageTopic, Quiet: true},
			"urgent":    {Stage: nb.StageTopic, Priority: nb.PriorityUrgent},
		} {
			if err := tx.CreateCase(c); err != nil {
				return err
			}
			ids[name] = c.ID
		}
		return nil
	})
	f.clock.Add(time.Second)
	list := func(q nb.TimerQuery) map[int64]bool {
		got := map[int64]bool{}
		f.view(func(tx nb.Tx) error {
			q.Before = tx.Now()
			cases, err := tx.ListTimerCases(q)
			for _, c := range cases {
				got[c.ID] = true
			}
			return err
		})
		return got
	}
	check := func(q nb.TimerQuery, want ...string) {
		f.t.Helper()
		got := list(q)
		if len(got) != len(want) {
			f.t.Fatalf("%s: got %v, want %v (ids %v)", q.Action, got, want, ids)
		}
		for _, w := range want {
			if !got[ids[w]] {
				f.t.Fatalf("%s: %s missing from %v", q.Action, w, got)
			}
		}
	}
	check(nb.TimerQuery{Action: nb.ActionRemindAck}, "whistled")
	check(nb.TimerQuery{Action: nb.ActionEscalateAck}, "whistled", "reminded")
	check(nb.TimerQuery{Action: nb.ActionRemindDue}, "overdue")
	check(nb.TimerQuery{Action: nb.ActionEscalateDue}, "overdue")
	check(nb.TimerQuery{Action: nb.ActionEscalateTopic}, "whistled", "reminded", "later", "urgent")
	check(nb.TimerQuery{Action: nb.ActionEscalateTopic, UrgentOnly: true}, "urgent")
	f.view(func(tx nb.Tx) error {
		_, err := tx.ListTimerCases(nb.TimerQuery{Action: nb.ActionConfirm})
		wantCode(f.t, err, nb.EINVALID)
		return nil
	})
}

func testOfficersChats(f *fixture) {
	var a, b, chat int64
	f.update(func(tx nb.Tx) error {
		ua, ub := &nb.Unit{Name: "社区", Kind: nb.UnitCommunity}, &nb.Unit{Name: "街道", Kind: nb.UnitStreet}
		if err := tx.CreateUnit(ua); err != nil {
			return err
		}
		if err := tx.CreateUnit(ub); err != nil {
			return err
		}
		a, b = ua.ID, ub.ID
		c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "工作群", Kind: nb.ChatGroup}
		if err := tx.EnsureChat(c); err != nil {
			return err
		}
		if err := tx.SetOfficersChat(c.ID, a); err != nil {
			return err
		}
		if err := tx.SetOfficersChat(c.ID, b); err != nil { // moves to 街道
			return err
		}
		chat = c.ID
		return nil
	})
	// A failed statement ends the transaction on PostgreSQL: each expected
	// failure runs alone.
	wantCode(f.t, f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.SetOfficersChat(chat, 999) }), nb.ENOTFOUND)
	f.view(func(tx nb.Tx) error {
		ofA, err := tx.ListOfficersChats(a)
		if err != nil {
			return err
		}
		ofB, err := tx.ListOfficersChats(b)
		if err != nil {
			return err
		}
		if len(ofA) != 0 || len(ofB) != 1 || ofB[0].ExternalID != "工作群" {
			f.t.Fatalf("work groups: 社区 %+v, 街道 %+v", ofA, ofB)
		}
		return nil
	})
}
