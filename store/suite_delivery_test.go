package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func testOutbox(f *fixture) {
	t := f.t
	m := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-100", Text: "收到，已登记 #1",
		ReplyTo: "m1", Mentions: []string{"1", "2"}, Status: nb.OutboxSent, Attempts: 3}
	later := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-100", Text: "晚安",
		NextAttemptAt: t0.Add(time.Hour)}
	f.update(func(tx nb.Tx) error { return errors.Join(tx.EnqueueOutbox(m), tx.EnqueueOutbox(later)) })
	if m.ID == 0 || m.Status != nb.OutboxPending || m.Attempts != 0 || !m.CreatedAt.Equal(t0) || !m.NextAttemptAt.Equal(t0) {
		t.Fatalf("EnqueueOutbox = %+v", m)
	}
	f.view(func(tx nb.Tx) error {
		got, err := tx.FindOutbox(m.ID)
		if err != nil || !equalOutbox(got, m) {
			t.Fatalf("FindOutbox = %+v, %v; want %+v", got, err, m)
		}
		if got, err = tx.FindOutbox(later.ID); err != nil || got.Mentions != nil || !got.NextAttemptAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("FindOutbox = %+v, %v", got, err)
		}
		_, err = tx.FindOutbox(999)
		wantCode(t, err, nb.ENOTFOUND)
		return nil
	})
	f.clock.Add(time.Second)
	f.update(func(tx nb.Tx) error {
		return errors.Join(tx.MarkOutboxSent(m.ID, "b7"), tx.MarkOutboxRetry(later.ID, "429", t0.Add(2*time.Hour), false))
	})
	f.view(func(tx nb.Tx) error {
		got, err := tx.FindOutbox(m.ID)
		if err != nil || got.Status != nb.OutboxSent || got.ExternalID != "b7" || !got.SentAt.Equal(t0.Add(time.Second)) {
			t.Fatalf("after MarkOutboxSent = %+v, %v", got, err)
		}
		got, err = tx.FindOutbox(later.ID)
		if err != nil || got.Status != nb.OutboxPending || got.LastError != "429" || !got.NextAttemptAt.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("after MarkOutboxRetry = %+v, %v", got, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error { return tx.MarkOutboxRetry(later.ID, "blocked", t0, true) })
	f.view(func(tx nb.Tx) error {
		if got, err := tx.FindOutbox(later.ID); err != nil || got.Status != nb.OutboxFailed || got.LastError != "blocked" {
			t.Fatalf("after dead retry = %+v, %v", got, err)
		}
		return nil
	})
	for _, fn := range []func(nb.Tx) error{
		func(tx nb.Tx) error { return tx.MarkOutboxSent(999, "x") },
		func(tx nb.Tx) error { return tx.MarkOutboxRetry(999, "x", t0, false) },
		func(tx nb.Tx) error { return tx.EnqueueOutbox(&nb.OutboxMessage{Text: "x", CaseID: 999}) },
	} {
		wantCode(t, f.s.Update(context.Background(), fn), nb.ENOTFOUND)
	}
}

func equalOutbox(a, b *nb.OutboxMessage) bool {
	return reflect.DeepEqual(a, b)
}

// claim claims up to limit messages with a one-minute lease and returns
// their IDs and attempt counts.
func (f *fixture) claim(limit int) (ids []int64, attempts []int) {
	f.t.Helper()
	f.update(func(tx nb.Tx) error {
		list, err := tx.ClaimOutbox(nb.PlatformSandbox, limit, time.Minute, "test/1")
		for _, m := range list {
			ids, attempts = append(ids, m.ID), append(attempts, m.Attempts)
		}
		return err
	})
	return ids, attempts
}

func testOutboxClaim(f *fixture) {
	t := f.t
	var ids []int64
	f.update(func(tx nb.Tx) error {
		for i := range 3 {
			m := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: fmt.Sprint("g", i), Text: "x",
				NextAttemptAt: t0.Add(time.Duration(i) * time.Second)}
			if err := tx.EnqueueOutbox(m); err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return nil
	})
	if got, att := f.claim(10); !equalIDs(got, ids[:1]) || att[0] != 1 {
		t.Fatalf("first claim = %v %v; want %v (only the due one)", got, att, ids[:1])
	}
	f.clock.Add(2 * time.Second)
	if got, _ := f.claim(1); !equalIDs(got, ids[1:2]) {
		t.Fatalf("claim with limit 1 = %v; want %v (oldest first)", got, ids[1:2])
	}
	if got, _ := f.claim(10); !equalIDs(got, ids[2:]) {
		t.Fatalf("third claim = %v; want %v (leased ones skipped)", got, ids[2:])
	}
	f.clock.Add(57 * time.Second) // t0+59s: every lease runs until t0+60s or later
	if got, _ := f.claim(10); len(got) != 0 {
		t.Fatalf("claim before the leases ended = %v", got)
	}
	f.update(func(tx nb.Tx) error { return tx.MarkOutboxSent(ids[1], "s") })
	f.clock.Add(time.Second) // t0+60s: the first lease has ended
	if got, att := f.claim(10); !equalIDs(got, ids[:1]) || att[0] != 2 {
		t.Fatalf("claim after the first lease = %v %v; want %v again", got, att, ids[:1])
	}
	f.clock.Add(2 * time.Second) // t0+62s: the other leases have ended; #2 was sent
	if got, att := f.claim(10); !equalIDs(got, ids[2:]) || att[0] != 2 {
		t.Fatalf("claim after the other leases = %v %v; want %v (sent one not)", got, att, ids[2:])
	}
	f.view(func(tx nb.Tx) error {
		m, err := tx.FindOutbox(ids[2])
		if err != nil || m.Attempts != 2 || !m.NextAttemptAt.Equal(f.clock.Now().Add(time.Minute)) {
			t.Fatalf("claimed message = %+v, %v", m, err)
		}
		return nil
	})
}

// testOutboxChatOrder: a chat's message waits while an earlier message of
// the same chat is pending and not due (failed, or in flight); other chats
// do not wait; a released message's claim does not count as an attempt.
func testOutboxChatOrder(f *fixture) {
	t := f.t
	var a, b, c nb.OutboxMessage
	f.update(func(tx nb.Tx) error {
		a = nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "a"}
		b = nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "g", Text: "b"}
		c = nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "other", Text: "c"}
		for _, m := range []*nb.OutboxMessage{&a, &b, &c} {
			if err := tx.EnqueueOutbox(m); err != nil {
				return err
			}
		}
		return nil
	})
	if got, _ := f.claim(1); !equalIDs(got, []int64{a.ID}) {
		t.Fatalf("first claim = %v, want a", got)
	}
	if got, _ := f.claim(10); !equalIDs(got, []int64{c.ID}) {
		t.Fatalf("while a is in flight only the other chat may go: %v", got)
	}
	f.update(func(tx nb.Tx) error { return tx.MarkOutboxSent(c.ID, "sent-c") })
	f.update(func(tx nb.Tx) error { return tx.MarkOutboxRetry(a.ID, "down", f.clock.Now().Add(time.Hour), false) })
	if got, _ := f.claim(10); len(got) != 0 {
		t.Fatalf("b must wait for the failed a: %v", got)
	}
	f.clock.Add(time.Hour)
	got, att := f.claim(10)
	if !equalIDs(got, []int64{a.ID, b.ID}) || att[1] != 1 {
		t.Fatalf("after a's retry time: %v %v", got, att)
	}
	f.update(func(tx nb.Tx) error { return tx.ReleaseOutbox(b.ID, f.clock.Now(), "waiting") })
	f.view(func(tx nb.Tx) error {
		m, err := tx.FindOutbox(b.ID)
		if err != nil || m.Attempts != 0 || m.Status != nb.OutboxPending {
			t.Fatalf("released b = %+v, %v", m, err)
		}
		return nil
	})
}

// testOutboxScheduledDoesNotBlock: a message scheduled for later (never
// tried) does not hold back later messages of its chat.
func testOutboxScheduledDoesNotBlock(f *fixture) {
	later := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "s", Text: "notice",
		NextAttemptAt: f.clock.Now().Add(24 * time.Hour)}
	now := &nb.OutboxMessage{Platform: nb.PlatformSandbox, ChatExternalID: "s", Text: "reply"}
	f.update(func(tx nb.Tx) error { return errors.Join(tx.EnqueueOutbox(later), tx.EnqueueOutbox(now)) })
	if got, _ := f.claim(10); !equalIDs(got, []int64{now.ID}) {
		f.t.Fatalf("claim = %v, want only the reply", got)
	}
}

func testInbox(f *fixture) {
	t := f.t
	a := &nb.InboxItem{Platform: nb.PlatformTelegram, ChatKey: "-100", MessageID: "1", Payload: []byte(`{"t":1}`)}
	b := &nb.InboxItem{Platform: nb.PlatformTelegram, ChatKey: "-100", MessageID: "2"}
	dup := &nb.InboxItem{Platform: nb.PlatformTelegram, ChatKey: "-100", MessageID: "1", Payload: []byte("other")}
	otherChat := &nb.InboxItem{Platform: nb.PlatformTelegram, ChatKey: "-200", MessageID: "1"}
	f.update(func(tx nb.Tx) error {
		for _, it := range []struct {
			item *nb.InboxItem
			want bool
		}{{a, true}, {b, true}, {dup, false}, {otherChat, true}} {
			if ins, err := tx.PutInbox(it.item); err != nil || ins != it.want {
				t.Fatalf("PutInbox(%s/%s) = %v, %v; want %v", it.item.ChatKey, it.item.MessageID, ins, err, it.want)
			}
		}
		return nil
	})
	if dup.ID != a.ID || a.ID == 0 || !a.ReceivedAt.Equal(t0) {
		t.Fatalf("dup.ID = %d, a = %+v", dup.ID, a)
	}
	f.clock.Add(time.Second)
	f.update(func(tx nb.Tx) error { return tx.MarkInboxDone(b.ID, "boom") })
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.MarkInboxDone(999, "") }), nb.ENOTFOUND)
	f.view(func(tx nb.Tx) error {
		list, err := tx.PendingInbox(0)
		if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ID != otherChat.ID {
			t.Fatalf("PendingInbox = %+v, %v", list, err)
		}
		if string(list[0].Payload) != `{"t":1}` || !list[0].ReceivedAt.Equal(t0) || !list[0].DoneAt.IsZero() {
			t.Fatalf("pending item = %+v", list[0])
		}
		if list, err = tx.PendingInbox(1); err != nil || len(list) != 1 || list[0].ID != a.ID {
			t.Fatalf("PendingInbox(1) = %+v, %v", list, err)
		}
		return nil
	})
}

func testSandbox(f *fixture) {
	t := f.t
	var msgs []*nb.SandboxMessage
	f.update(func(tx nb.Tx) error {
		for i, key := range []string{"44号楼", "private:Alice", "44号楼", "44号楼"} {
			m := &nb.SandboxMessage{ChatKey: key, From: "Alice", Text: "hi", FromBot: i == 2}
			if i == 2 {
				m.ReplyTo = msgs[0].ID
			}
			if err := tx.AppendSandboxMessage(m); err != nil {
				return err
			}
			msgs = append(msgs, m)
		}
		return nil
	})
	if msgs[0].ID == 0 || !msgs[0].At.Equal(t0) {
		t.Fatalf("AppendSandboxMessage = %+v", msgs[0])
	}
	f.view(func(tx nb.Tx) error {
		list, err := tx.ListSandboxMessages("44号楼", 0, 0)
		if err != nil || len(list) != 3 || *list[0] != *msgs[0] || *list[1] != *msgs[2] || *list[2] != *msgs[3] {
			t.Fatalf("ListSandboxMessages = %+v, %v", list, err)
		}
		if list, err = tx.ListSandboxMessages("44号楼", msgs[0].ID, 1); err != nil || len(list) != 1 || list[0].ID != msgs[2].ID {
			t.Fatalf("ListSandboxMessages after #1 = %+v, %v", list, err)
		}
		m, err := tx.FindSandboxMessage(msgs[2].ID)
		if err != nil || *m != *msgs[2] || !m.FromBot || m.ReplyTo != msgs[0].ID {
			t.Fatalf("FindSandboxMessage = %+v, %v", m, err)
		}
		_, err = tx.FindSandboxMessage(999)
		wantCode(t, err, nb.ENOTFOUND)
		return nil
	})
}

func testRollback(f *fixture) {
	t := f.t
	boom := errors.New("boom")
	err := f.s.Update(context.Background(), func(tx nb.Tx) error {
		if err := tx.CreateUnit(&nb.Unit{Name: "网格1", Kind: nb.UnitGrid}); err != nil {
			return err
		}
		if err := tx.CreateCase(&nb.Case{Text: "a"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	f.assertEmpty()
}

func testPanic(f *fixture) {
	defer func() {
		if p := recover(); p != "boom" {
			f.t.Fatalf("recovered %v, want the panic to go on", p)
		}
		f.assertEmpty()
	}()
	f.s.Update(context.Background(), func(tx nb.Tx) error {
		if err := tx.CreateUnit(&nb.Unit{Name: "网格1", Kind: nb.UnitGrid}); err != nil {
			return err
		}
		panic("boom")
	})
}

// assertEmpty fails unless the store holds no units and no cases.
func (f *fixture) assertEmpty() {
	f.t.Helper()
	f.view(func(tx nb.Tx) error {
		units, err := tx.ListUnits()
		if err != nil || len(units) != 0 {
			f.t.Fatalf("units after rollback = %v, %v", units, err)
		}
		if n, err := tx.CountCases(nb.CaseFilter{}); err != nil || n != 0 {
			f.t.Fatalf("cases after rollback = %d, %v", n, err)
		}
		return nil
	})
}

// testConcurrent runs read-then-write transactions from several goroutines,
// alongside readers: none may fail (no SQLITE_BUSY), and none may lose an
// update.
func testConcurrent(f *fixture) {
	t := f.t
	c := f.createCase(&nb.Case{Text: "counter"})
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each)
	for range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range each {
				errs <- f.s.Update(context.Background(), func(tx nb.Tx) error {
					got, err := tx.FindCaseByID(c.ID)
					if err != nil {
						return err
					}
					got.Confidence++
					return errors.Join(tx.UpdateCase(got), tx.CreateCase(&nb.Case{Text: "x"}))
				})
			}
		}()
		go func() {
			defer wg.Done()
			for range each {
				errs <- f.s.View(context.Background(), func(tx nb.Tx) error {
					_, err := tx.ListCases(nb.CaseFilter{Limit: 10})
					return err
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent transaction: %v", err)
		}
	}
	f.view(func(tx nb.Tx) error {
		got, err := tx.FindCaseByID(c.ID)
		if err != nil || got.Confidence != workers*each {
			t.Fatalf("counter = %v, %v; want %d", got.Confidence, err, workers*each)
		}
		if n, err := tx.CountCases(nb.CaseFilter{}); err != nil || n != 1+workers*each {
			t.Fatalf("cases = %d, %v", n, err)
		}
		return nil
	})
}

func testSettings(f *fixture) {
	t := f.t
	f.view(func(tx nb.Tx) error {
		_, err := tx.Setting("first_start")
		wantCode(t, err, nb.ENOTFOUND)
		return nil
	})
	f.update(func(tx nb.Tx) error { return tx.PutSetting("first_start", "a") })
	f.update(func(tx nb.Tx) error { return tx.PutSetting("first_start", "b") })
	f.view(func(tx nb.Tx) error {
		if v, err := tx.Setting("first_start"); err != nil || v != "b" {
			t.Fatalf("Setting = %q, %v", v, err)
		}
		return nil
	})
}

func testPruneInbox(f *fixture) {
	t := f.t
	items := []*nb.InboxItem{
		{Platform: nb.PlatformSandbox, ChatKey: "g", MessageID: "old-ok", Payload: []byte("{}")},
		{Platform: nb.PlatformSandbox, ChatKey: "g", MessageID: "old-failed", Payload: []byte("{}")},
		{Platform: nb.PlatformSandbox, ChatKey: "g", MessageID: "pending", Payload: []byte("{}")},
	}
	f.update(func(tx nb.Tx) error {
		for _, it := range items {
			if _, err := tx.PutInbox(it); err != nil {
				return err
			}
		}
		return errors.Join(tx.MarkInboxDone(items[0].ID, ""), tx.MarkInboxDone(items[1].ID, "boom"))
	})
	f.clock.Add(48 * time.Hour)
	f.update(func(tx nb.Tx) error {
		n, err := tx.PruneInbox(f.clock.Now().Add(-24 * time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("PruneInbox = %d, %v; want only the old handled one", n, err)
		}
		if inserted, err := tx.PutInbox(&nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: "g", MessageID: "old-failed"}); err != nil || inserted {
			t.Fatalf("the failed item must stay: inserted=%v, %v", inserted, err)
		}
		pending, err := tx.PendingInbox(10)
		if err != nil || len(pending) != 1 || pending[0].MessageID != "pending" {
			t.Fatalf("pending after prune: %+v, %v", pending, err)
		}
		return nil
	})
}
