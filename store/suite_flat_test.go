package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func testCandidates(f *fixture) {
	t, w := f.t, newWorld(f)
	var open []int64
	for i := range 5 {
		stage := nb.StageTopic
		if i == 2 {
			stage = nb.StageClosed
		}
		c := f.createCase(&nb.Case{Stage: stage, Text: fmt.Sprint("垃圾", i), Category: "环境卫生", LocationNorm: "44号楼|门口",
			UnitID: w.grid.ID, ChatID: w.chat.ID})
		if stage != nb.StageClosed {
			open = append(open, c.ID)
		}
		f.clock.Add(time.Hour)
	}
	f.createCase(&nb.Case{Text: "路灯", Category: "市政设施", UnitID: w.grid.ID, ChatID: w.chat.ID})
	unbound := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "无单位群", Kind: nb.ChatGroup}
	f.update(func(tx nb.Tx) error { return tx.EnsureChat(unbound) })
	inChat := f.createCase(&nb.Case{Text: "垃圾", Category: "环境卫生", ChatID: unbound.ID})

	f.view(func(tx nb.Tx) error {
		got, err := tx.ListCandidates(nb.CandidateQuery{UnitID: w.grid.ID, Category: "环境卫生", Since: t0.Add(time.Hour)})
		if err != nil || len(got) != 3 || got[0].ID != open[3] || got[2].ID != open[1] {
			t.Fatalf("ListCandidates = %v, %v; want the open ones since t0+1h, newest first", ids(got), err)
		}
		if d := got[0]; d.Text != "垃圾4" || d.LocationNorm != "44号楼|门口" || d.Category != "环境卫生" || !d.CreatedAt.Equal(t0.Add(4*time.Hour)) {
			t.Fatalf("digest = %+v", d)
		}
		if got, _ = tx.ListCandidates(nb.CandidateQuery{UnitID: w.grid.ID, Category: "环境卫生", Limit: 2}); len(got) != 2 || got[0].ID != open[3] {
			t.Fatalf("limit 2 = %v", ids(got))
		}
		if got, _ = tx.ListCandidates(nb.CandidateQuery{ChatID: unbound.ID, Category: "环境卫生"}); len(got) != 1 || got[0].ID != inChat.ID {
			t.Fatalf("by chat = %v; want #%d", ids(got), inChat.ID)
		}
		return nil
	})
}

func ids(list []*nb.CaseDigest) []int64 {
	var out []int64
	for _, d := range list {
		out = append(out, d.ID)
	}
	return out
}

// testOutboxLeases: claims are per platform and carry their owner; a
// restarted process hands back its earlier runs' claims, not another's.
func testOutboxLeases(f *fixture) {
	t := f.t
	msgs := []*nb.OutboxMessage{
		{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "a"},
		{Platform: nb.PlatformTelegram, ChatExternalID: "-1", Text: "b"},
		{Platform: nb.PlatformTelegram, ChatExternalID: "-2", Text: "c"},
	}
	f.update(func(tx nb.Tx) error {
		return errors.Join(tx.EnqueueOutbox(msgs[0]), tx.EnqueueOutbox(msgs[1]), tx.EnqueueOutbox(msgs[2]))
	})
	f.update(func(tx nb.Tx) error {
		got, err := tx.ClaimOutbox(nb.PlatformTelegram, 1, time.Minute, "host/1")
		if err != nil || len(got) != 1 || got[0].ID != msgs[1].ID {
			t.Fatalf("claim telegram = %+v, %v", got, err)
		}
		if got, err = tx.ClaimOutbox(nb.PlatformTelegram, 5, time.Minute, "other/7"); err != nil || len(got) != 1 || got[0].ID != msgs[2].ID {
			t.Fatalf("second claim = %+v, %v", got, err)
		}
		for chat, want := range map[string]bool{"-1": true, "-2": true, "-3": false} {
			if busy, err := tx.OutboxInFlight(nb.PlatformTelegram, chat); err != nil || busy != want {
				t.Fatalf("OutboxInFlight(%s) = %v, %v", chat, busy, err)
			}
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		n, err := tx.ReleaseLeases("host/", "host/2")
		if err != nil || n != 1 {
			t.Fatalf("ReleaseLeases = %d, %v; want host/1's one claim", n, err)
		}
		if busy, _ := tx.OutboxInFlight(nb.PlatformTelegram, "-1"); busy {
			t.Fatal("a released message is not in flight")
		}
		got, err := tx.ClaimOutbox(nb.PlatformTelegram, 5, time.Minute, "host/2")
		if err != nil || len(got) != 1 || got[0].ID != msgs[1].ID || got[0].Attempts != 1 {
			t.Fatalf("claim after release = %+v, %v; want b again, its first claim not counted", got, err)
		}
		return tx.MarkOutboxSent(got[0].ID, "x")
	})
	f.view(func(tx nb.Tx) error {
		if busy, _ := tx.OutboxInFlight(nb.PlatformTelegram, "-1"); busy {
			t.Fatal("a sent message is not in flight")
		}
		return nil
	})
}

func testPruneOutbox(f *fixture) {
	t := f.t
	sent := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "old"}
	failed := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "dead"}
	pending := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "waiting"}
	fresh := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "new"}
	f.update(func(tx nb.Tx) error {
		return errors.Join(tx.EnqueueOutbox(sent), tx.EnqueueOutbox(failed), tx.EnqueueOutbox(pending),
			tx.MarkOutboxSent(sent.ID, "1"), tx.MarkOutboxRetry(failed.ID, "gone", t0, true))
	})
	f.clock.Add(48 * time.Hour)
	f.update(func(tx nb.Tx) error { return errors.Join(tx.EnqueueOutbox(fresh), tx.MarkOutboxSent(fresh.ID, "2")) })
	f.update(func(tx nb.Tx) error {
		n, err := tx.PruneOutbox(f.clock.Now().Add(-24 * time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("PruneOutbox = %d, %v; want the old sent and the old failed", n, err)
		}
		for _, m := range []*nb.OutboxMessage{pending, fresh} {
			if _, err := tx.FindOutbox(m.ID); err != nil {
				t.Fatalf("%q must stay: %v", m.Text, err)
			}
		}
		return nil
	})
}

func testPruneSandbox(f *fixture) {
	t := f.t
	old := &nb.SandboxMessage{ChatKey: "g", From: "A", Text: "old"}
	f.update(func(tx nb.Tx) error { return tx.AppendSandboxMessage(old) })
	f.clock.Add(48 * time.Hour)
	reply := &nb.SandboxMessage{ChatKey: "g", From: "bot", Text: "re", ReplyTo: old.ID}
	f.update(func(tx nb.Tx) error { return tx.AppendSandboxMessage(reply) })
	f.update(func(tx nb.Tx) error {
		n, err := tx.PruneSandbox(f.clock.Now().Add(-24 * time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("PruneSandbox = %d, %v", n, err)
		}
		list, err := tx.ListSandboxMessages("g", 0, 10)
		if err != nil || len(list) != 1 || list[0].ID != reply.ID || list[0].ReplyTo != 0 {
			t.Fatalf("after prune: %+v, %v; want the newer line, its reply reference gone", list, err)
		}
		if n, err = tx.PruneSandbox(f.clock.Now().Add(-24 * time.Hour)); err != nil || n != 0 {
			t.Fatalf("second prune = %d, %v", n, err)
		}
		return nil
	})
}

func testCountPendingInbox(f *fixture) {
	t := f.t
	f.update(func(tx nb.Tx) error {
		for i := range 3 {
			it := &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: "g", MessageID: fmt.Sprint(i), Payload: []byte("{}")}
			if _, err := tx.PutInbox(it); err != nil {
				return err
			}
			if i == 0 {
				if err := tx.MarkInboxDone(it.ID, ""); err != nil {
					return err
				}
			}
		}
		return nil
	})
	f.view(func(tx nb.Tx) error {
		if n, err := tx.CountPendingInbox(); err != nil || n != 2 {
			t.Fatalf("CountPendingInbox = %d, %v", n, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error { return tx.Optimize() })
}

// testUnitTreeCache: the cached tree follows every committed change, and a
// rolled-back unit never reaches it.
func testUnitTreeCache(f *fixture) {
	t := f.t
	tree := func() nb.UnitTree {
		var tr nb.UnitTree
		f.view(func(tx nb.Tx) (err error) { tr, err = tx.UnitTree(); return err })
		return tr
	}
	f.update(func(tx nb.Tx) error { return tx.CreateUnit(&nb.Unit{Name: "街道", Kind: nb.UnitStreet}) })
	if len(tree()) != 1 {
		t.Fatalf("tree = %v", tree())
	}
	rolled := errors.New("roll back")
	err := f.s.Update(context.Background(), func(tx nb.Tx) error {
		if err := tx.CreateUnit(&nb.Unit{Name: "幽灵社区", Kind: nb.UnitCommunity}); err != nil {
			return err
		}
		if tr, err := tx.UnitTree(); err != nil || len(tr) != 2 {
			t.Fatalf("tree inside the transaction = %v, %v", tr, err)
		}
		// Read once per transaction, but anew after each unit it adds.
		if err := tx.CreateUnit(&nb.Unit{Name: "幽灵网格", Kind: nb.UnitGrid}); err != nil {
			return err
		}
		for range 2 {
			if tr, err := tx.UnitTree(); err != nil || len(tr) != 3 {
				t.Fatalf("tree after a second unit in the transaction = %v, %v", tr, err)
			}
		}
		return rolled
	})
	if !errors.Is(err, rolled) {
		t.Fatal(err)
	}
	real := &nb.Unit{Name: "幸福社区", Kind: nb.UnitCommunity}
	f.update(func(tx nb.Tx) error { return tx.CreateUnit(real) })
	tr := tree()
	if len(tr) != 2 || tr[real.ID] == nil || tr[real.ID].Name != "幸福社区" {
		t.Fatalf("tree after a rolled-back unit and a new one = %v", tr)
	}
}
