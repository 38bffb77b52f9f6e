package store

import (
	"context"
	"errors"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// world is a small neighbourhood: a grid, a department, a bound group chat
// and two residents.
type world struct {
	grid, dept *nb.Unit
	chat       *nb.Chat
	alice, bob *nb.Person
}

func newWorld(f *fixture) *world {
	w := &world{grid: &nb.Unit{Name: "网格1", Kind: nb.UnitGrid}, dept: &nb.Unit{Name: "城管办", Kind: nb.UnitDepartment}}
	f.update(func(tx nb.Tx) (err error) {
		if err = errors.Join(tx.CreateUnit(w.grid), tx.CreateUnit(w.dept)); err != nil {
			return err
		}
		w.chat = &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-100", Kind: nb.ChatGroup, UnitID: w.grid.ID}
		if err = tx.EnsureChat(w.chat); err != nil {
			return err
		}
		if w.alice, err = tx.EnsurePerson(nb.PlatformTelegram, "1", "Alice"); err != nil {
			return err
		}
		w.bob, err = tx.EnsurePerson(nb.PlatformTelegram, "2", "Bob")
		return err
	})
	return w
}

// createCase stores c and returns it.
func (f *fixture) createCase(c *nb.Case) *nb.Case {
	f.t.Helper()
	f.update(func(tx nb.Tx) error { return tx.CreateCase(c) })
	return c
}

func testCases(f *fixture) {
	t, w := f.t, newWorld(f)
	c := f.createCase(&nb.Case{Text: "44号楼前垃圾堆了三天", Category: "环境卫生", Location: "44号楼", LocationNorm: "44号楼",
		Priority: nb.PriorityGeneral, Confidence: 0.9, Quiet: true, UnitID: w.grid.ID, ChatID: w.chat.ID,
		ReportMsg: "m1", ReporterID: w.alice.ID})
	if c.ID == 0 || c.Stage != nb.StageTopic || !c.CreatedAt.Equal(t0) || !c.UpdatedAt.Equal(t0) {
		t.Fatalf("CreateCase = %+v", c)
	}
	second := f.createCase(&nb.Case{Text: "路灯不亮"})
	if second.ID != c.ID+1 {
		t.Fatalf("second case #%d after #%d", second.ID, c.ID)
	}
	f.clock.Add(time.Hour)
	now := t0.Add(time.Hour)
	ev, err := c.Apply(nb.Command{Action: nb.ActionAccept, ActorID: w.bob.ID, UnitID: w.dept.ID, DueAt: now.Add(time.Hour)}, now)
	if err != nil {
		t.Fatal(err)
	}
	c.Rating, c.MergedInto, c.WhistleUnitID, c.WhistleDueAt = nb.RatingBasic, second.ID, w.dept.ID, now.Add(time.Minute)
	c.ResolvedAt, c.ClosedAt = now.Add(2*time.Minute), now.Add(3*time.Minute)
	f.update(func(tx nb.Tx) error { return errors.Join(tx.UpdateCase(c), tx.AppendEvent(ev)) })
	f.view(func(tx nb.Tx) error {
		got, err := tx.FindCaseByID(c.ID)
		if err != nil || *got != *c {
			t.Fatalf("FindCaseByID =\n%+v, %v\nwant\n%+v", got, err, c)
		}
		if got.Stage != nb.StageProject || got.OwnerUnitID != w.dept.ID || !got.UpdatedAt.Equal(now) {
			t.Fatalf("update not written: %+v", got)
		}
		_, err = tx.FindCaseByID(999)
		wantCode(t, err, nb.ENOTFOUND)
		if msg := nb.ErrorMessage(err); msg != "case #999 not found" {
			t.Errorf("message = %q", msg)
		}
		return nil
	})
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.UpdateCase(&nb.Case{ID: 999, Stage: nb.StageTopic})
	}), nb.ENOTFOUND)
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.CreateCase(&nb.Case{ChatID: 999})
	}), nb.ENOTFOUND)
}

func testListCases(f *fixture) {
	t, w := f.t, newWorld(f)
	var ids []int64 // #1 … #6
	for i, s := range []nb.Stage{nb.StageTopic, nb.StageIssue, nb.StageProject, nb.StageResolved, nb.StageClosed, nb.StageTopic} {
		c := &nb.Case{Stage: s, Text: "x", Quiet: i == 1, Priority: nb.PriorityGeneral}
		if i == 2 || i == 5 {
			c.Priority = nb.PriorityUrgent
		}
		if s == nb.StageResolved {
			c.ResolvedAt = f.clock.Now()
		}
		if i%2 == 0 {
			c.UnitID, c.ChatID = w.grid.ID, w.chat.ID
		}
		ids = append(ids, f.createCase(c).ID)
		f.clock.Add(time.Hour)
	}
	f.update(func(tx nb.Tx) error {
		_, err := tx.AddFollower(ids[1], w.bob.ID, nb.FollowFollower)
		return err
	})
	tests := []struct {
		name string
		f    nb.CaseFilter
		want []int64
	}{
		{"all", nb.CaseFilter{}, []int64{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{"stages", nb.CaseFilter{Stages: []nb.Stage{nb.StageTopic, nb.StageClosed}}, []int64{ids[5], ids[4], ids[0]}},
		{"open", nb.CaseFilter{OpenOnly: true}, []int64{ids[5], ids[2], ids[1], ids[0]}},
		{"unit", nb.CaseFilter{UnitID: w.grid.ID}, []int64{ids[4], ids[2], ids[0]}},
		{"chat open", nb.CaseFilter{ChatID: w.chat.ID, OpenOnly: true}, []int64{ids[2], ids[0]}},
		{"follower", nb.CaseFilter{FollowerID: w.bob.ID}, []int64{ids[1]}},
		{"since", nb.CaseFilter{Since: t0.Add(4 * time.Hour)}, []int64{ids[5], ids[4]}},
		{"page", nb.CaseFilter{Offset: 1, Limit: 2}, []int64{ids[4], ids[3]}},
		{"none", nb.CaseFilter{UnitID: w.dept.ID}, nil},
		{"units", nb.CaseFilter{UnitIDs: []int64{w.dept.ID, w.grid.ID}}, []int64{ids[4], ids[2], ids[0]}},
		{"no units", nb.CaseFilter{UnitIDs: []int64{}}, nil},
		{"quiet", nb.CaseFilter{QuietOnly: true}, []int64{ids[1]}},
		{"ids", nb.CaseFilter{IDs: []int64{ids[0], ids[3], 999}}, []int64{ids[3], ids[0]}},
		{"open ids", nb.CaseFilter{IDs: []int64{ids[0], ids[3]}, OpenOnly: true}, []int64{ids[0]}},
		{"no ids", nb.CaseFilter{IDs: []int64{}}, nil},
		{"loud open", nb.CaseFilter{LoudOnly: true, OpenOnly: true}, []int64{ids[5], ids[2], ids[0]}},
		{"urgent", nb.CaseFilter{Priority: nb.PriorityUrgent}, []int64{ids[5], ids[2]}},
		{"not urgent", nb.CaseFilter{ExceptPriority: nb.PriorityUrgent, OpenOnly: true}, []int64{ids[1], ids[0]}},
		{"resolved before", nb.CaseFilter{ResolvedBefore: t0.Add(3*time.Hour + time.Minute)}, []int64{ids[3]}},
		{"resolved not before", nb.CaseFilter{ResolvedBefore: t0.Add(3 * time.Hour)}, nil},
	}
	f.view(func(tx nb.Tx) error {
		for _, tt := range tests {
			list, err := tx.ListCases(tt.f)
			var got []int64
			for _, c := range list {
				got = append(got, c.ID)
			}
			if err != nil || !equalIDs(got, tt.want) {
				t.Errorf("%s: ListCases = %v, %v; want %v", tt.name, got, err, tt.want)
			}
			all := tt.f
			all.Offset, all.Limit = 0, 0
			if n, err := tx.CountCases(all); err != nil || (tt.name != "page" && n != len(tt.want)) {
				t.Errorf("%s: CountCases = %d, %v; want %d", tt.name, n, err, len(tt.want))
			}
		}
		return nil
	})
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func testListCasesLimit(f *fixture) {
	t := f.t
	f.update(func(tx nb.Tx) error {
		for range 520 {
			if err := tx.CreateCase(&nb.Case{Text: "x"}); err != nil {
				return err
			}
		}
		return nil
	})
	f.view(func(tx nb.Tx) error {
		for limit, want := range map[int]int{0: 50, 10: 10, 1000: 500} {
			if list, err := tx.ListCases(nb.CaseFilter{Limit: limit}); err != nil || len(list) != want {
				t.Errorf("Limit %d: %d cases, %v; want %d", limit, len(list), err, want)
			}
		}
		return nil
	})
}

func testFindCaseByMessage(f *fixture) {
	t, w := f.t, newWorld(f)
	reported := f.createCase(&nb.Case{ChatID: w.chat.ID, ReportMsg: "m1", Text: "a"})
	answered := f.createCase(&nb.Case{ChatID: w.chat.ID, ReportMsg: "m2", Text: "b"})
	ack := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-100", Text: "收到", CaseID: answered.ID}
	unsent := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-100", Text: "x", CaseID: reported.ID}
	f.update(func(tx nb.Tx) error {
		if err := errors.Join(tx.EnqueueOutbox(ack), tx.EnqueueOutbox(unsent)); err != nil {
			return err
		}
		return tx.MarkOutboxSent(ack.ID, "b1")
	})
	f.view(func(tx nb.Tx) error {
		for _, q := range []struct {
			p        nb.Platform
			chat, id string
			want     int64
		}{
			{nb.PlatformTelegram, "-100", "m1", reported.ID},
			{nb.PlatformTelegram, "-100", "b1", answered.ID},
			{nb.PlatformTelegram, "-100", "m9", 0},
			{nb.PlatformTelegram, "-200", "m1", 0},
			{nb.PlatformWeChat, "-100", "b1", 0},
			{nb.PlatformTelegram, "-100", "", 0},
		} {
			c, err := tx.FindCaseByMessage(q.p, q.chat, q.id)
			if q.want == 0 {
				wantCode(t, err, nb.ENOTFOUND)
			} else if err != nil || c.ID != q.want {
				t.Errorf("FindCaseByMessage(%s, %s, %s) = %+v, %v; want #%d", q.p, q.chat, q.id, c, err, q.want)
			}
		}
		return nil
	})
}

func testFollowers(f *fixture) {
	t, w := f.t, newWorld(f)
	c := f.createCase(&nb.Case{ChatID: w.chat.ID, Text: "a"})
	var carol *nb.Person
	f.clock.Add(time.Minute)
	f.update(func(tx nb.Tx) (err error) {
		if carol, err = tx.EnsurePerson(nb.PlatformWeChat, "wx3", "Carol"); err != nil {
			return err
		}
		if added, err := tx.AddFollower(c.ID, w.bob.ID, nb.FollowReporter); err != nil || !added {
			t.Fatalf("AddFollower reporter = %v, %v", added, err)
		}
		return nil
	})
	f.clock.Add(time.Minute)
	f.update(func(tx nb.Tx) error {
		for _, id := range []int64{carol.ID, w.alice.ID} { // same time: ordered by person
			if added, err := tx.AddFollower(c.ID, id, ""); err != nil || !added {
				t.Fatalf("AddFollower = %v, %v", added, err)
			}
		}
		if added, err := tx.AddFollower(c.ID, w.bob.ID, nb.FollowFollower); err != nil || added {
			t.Fatalf("AddFollower again = %v, %v", added, err)
		}
		return nil
	})
	// A failed statement ends the transaction on PostgreSQL: each expected
	// failure runs alone.
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { _, err := tx.AddFollower(999, w.bob.ID, ""); return err }), nb.ENOTFOUND)
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { _, err := tx.AddFollower(c.ID, 999, ""); return err }), nb.ENOTFOUND)
	f.view(func(tx nb.Tx) error {
		list, err := tx.ListFollowers(c.ID, nb.PlatformTelegram)
		want := []nb.Follower{
			{CaseID: c.ID, PersonID: w.bob.ID, Kind: nb.FollowReporter, Name: "Bob", ExternalID: "2", CreatedAt: t0.Add(time.Minute)},
			{CaseID: c.ID, PersonID: w.alice.ID, Kind: nb.FollowFollower, Name: "Alice", ExternalID: "1", CreatedAt: t0.Add(2 * time.Minute)},
			{CaseID: c.ID, PersonID: carol.ID, Kind: nb.FollowFollower, Name: "Carol", CreatedAt: t0.Add(2 * time.Minute)},
		}
		if err != nil || len(list) != len(want) {
			t.Fatalf("ListFollowers = %+v, %v", list, err)
		}
		for i := range want {
			if *list[i] != want[i] {
				t.Errorf("follower %d = %+v, want %+v", i, *list[i], want[i])
			}
		}
		for id, want := range map[int64]bool{w.alice.ID: true, carol.ID: true, 999: false} {
			if got, err := tx.IsFollower(c.ID, id); err != nil || got != want {
				t.Errorf("IsFollower(%d) = %v, %v", id, got, err)
			}
		}
		return nil
	})
}

func testMoveFollowers(f *fixture) {
	t, w := f.t, newWorld(f)
	from, to := f.createCase(&nb.Case{Text: "a"}), f.createCase(&nb.Case{Text: "b"})
	f.update(func(tx nb.Tx) error {
		_, err1 := tx.AddFollower(from.ID, w.alice.ID, nb.FollowReporter)
		_, err2 := tx.AddFollower(from.ID, w.bob.ID, nb.FollowFollower)
		_, err3 := tx.AddFollower(to.ID, w.bob.ID, nb.FollowReporter)
		return errors.Join(err1, err2, err3)
	})
	f.clock.Add(time.Minute)
	f.update(func(tx nb.Tx) error { return tx.MoveFollowers(from.ID, to.ID) })
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.MoveFollowers(from.ID, 999) }), nb.ENOTFOUND)
	f.view(func(tx nb.Tx) error {
		list, err := tx.ListFollowers(to.ID, nb.PlatformTelegram)
		if err != nil || len(list) != 2 {
			t.Fatalf("followers of the target = %+v, %v", list, err)
		}
		if list[0].PersonID != w.bob.ID || list[0].Kind != nb.FollowReporter || !list[0].CreatedAt.Equal(t0) {
			t.Errorf("existing follower changed: %+v", list[0])
		}
		if list[1].PersonID != w.alice.ID || list[1].Kind != nb.FollowReporter || !list[1].CreatedAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("moved follower = %+v", list[1])
		}
		if list, err := tx.ListFollowers(from.ID, nb.PlatformTelegram); err != nil || len(list) != 2 {
			t.Errorf("followers of the merged case = %+v, %v; want kept", list, err)
		}
		return nil
	})
}

func testRemoveFollower(f *fixture) {
	t, w := f.t, newWorld(f)
	c := f.createCase(&nb.Case{Text: "a"})
	f.update(func(tx nb.Tx) error {
		_, err1 := tx.AddFollower(c.ID, w.alice.ID, nb.FollowReporter)
		_, err2 := tx.AddFollower(c.ID, w.bob.ID, nb.FollowFollower)
		return errors.Join(err1, err2, tx.RemoveFollower(c.ID, w.alice.ID), tx.RemoveFollower(c.ID, w.alice.ID))
	})
	f.view(func(tx nb.Tx) error {
		if list, err := tx.ListFollowers(c.ID, nb.PlatformTelegram); err != nil || len(list) != 1 || list[0].PersonID != w.bob.ID {
			t.Errorf("followers after removing the reporter = %+v, %v", list, err)
		}
		return nil
	})
}

func testEvents(f *fixture) {
	t, w := f.t, newWorld(f)
	c := f.createCase(&nb.Case{Text: "a"})
	at := t0.Add(-time.Hour)
	e1 := &nb.Event{CaseID: c.ID, Kind: nb.EventReported, ActorID: w.alice.ID, ToStage: nb.StageTopic}
	e2 := &nb.Event{CaseID: c.ID, Kind: "accept", FromStage: nb.StageTopic, ToStage: nb.StageProject,
		UnitID: w.dept.ID, Note: "限期", CreatedAt: at}
	f.update(func(tx nb.Tx) error { return errors.Join(tx.AppendEvent(e1), tx.AppendEvent(e2)) })
	if e1.ID == 0 || e2.ID <= e1.ID || !e1.CreatedAt.Equal(t0) {
		t.Fatalf("AppendEvent = %+v %+v", e1, e2)
	}
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.AppendEvent(&nb.Event{CaseID: 999, Kind: nb.EventFollowed})
	}), nb.ENOTFOUND)
	f.view(func(tx nb.Tx) error {
		list, err := tx.ListEvents(c.ID)
		if err != nil || len(list) != 2 || *list[0] != *e1 || *list[1] != *e2 {
			t.Fatalf("ListEvents = %+v, %v", list, err)
		}
		return nil
	})
}
