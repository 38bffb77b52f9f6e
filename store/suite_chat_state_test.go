package store

import (
	nb "github.com/neighborbot/neighborbot"
)

func testChatActive(f *fixture) {
	t := f.t
	f.update(func(tx nb.Tx) error { return tx.SetChatActive(nb.PlatformTelegram, "-1001", nb.ChatGroup, false) })
	f.view(func(tx nb.Tx) error {
		c, err := tx.FindChat(nb.PlatformTelegram, "-1001")
		if err != nil || !c.Inactive || c.Kind != nb.ChatGroup {
			t.Fatalf("after removal: %+v, %v", c, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error { return tx.SetChatActive(nb.PlatformTelegram, "-1001", nb.ChatGroup, true) })
	f.view(func(tx nb.Tx) error {
		if c, err := tx.FindChat(nb.PlatformTelegram, "-1001"); err != nil || c.Inactive {
			t.Fatalf("after re-adding: %+v, %v", c, err)
		}
		return nil
	})
}

// testMigrateChat moves a bound group with a case and a pending message to
// its supergroup id, where a message already created a chat row.
func testMigrateChat(f *fixture) {
	t := f.t
	unit := &nb.Unit{Name: "一网格", Kind: nb.UnitGrid}
	old := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-42", Kind: nb.ChatGroup, Title: "群"}
	fresh := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-10042", Kind: nb.ChatGroup}
	var early, late nb.Case
	pending := &nb.OutboxMessage{Platform: nb.PlatformTelegram, ChatExternalID: "-42", Text: "hi"}
	f.update(func(tx nb.Tx) error {
		if err := tx.CreateUnit(unit); err != nil {
			return err
		}
		old.UnitID = unit.ID
		if err := tx.EnsureChat(old); err != nil {
			return err
		}
		if err := tx.EnsureChat(fresh); err != nil {
			return err
		}
		early = nb.Case{Stage: nb.StageTopic, ChatID: old.ID, UnitID: unit.ID, ReportMsg: "5"}
		late = nb.Case{Stage: nb.StageTopic, ChatID: fresh.ID, ReportMsg: "1"}
		if err := tx.CreateCase(&early); err != nil {
			return err
		}
		if err := tx.CreateCase(&late); err != nil {
			return err
		}
		return tx.EnqueueOutbox(pending)
	})
	for range 2 { // the second time is a no-op
		f.update(func(tx nb.Tx) error { return tx.MigrateChat(nb.PlatformTelegram, "-42", "-10042") })
	}
	f.view(func(tx nb.Tx) error {
		c, err := tx.FindChat(nb.PlatformTelegram, "-10042")
		if err != nil || c.ID != old.ID || c.UnitID != unit.ID {
			t.Fatalf("migrated chat = %+v, %v; want id %d bound to %d", c, err, old.ID, unit.ID)
		}
		if _, err := tx.FindChat(nb.PlatformTelegram, "-42"); nb.ErrorCode(err) != nb.ENOTFOUND {
			t.Fatalf("old id still found: %v", err)
		}
		for _, id := range []int64{early.ID, late.ID} {
			cs, err := tx.FindCaseByID(id)
			if err != nil || cs.ChatID != old.ID {
				t.Fatalf("case #%d chat = %+v, %v", id, cs, err)
			}
		}
		m, err := tx.FindOutbox(pending.ID)
		if err != nil || m.ChatExternalID != "-10042" {
			t.Fatalf("pending message = %+v, %v", m, err)
		}
		return nil
	})
}

func testAttachments(f *fixture) {
	t := f.t
	cs := &nb.Case{Stage: nb.StageTopic}
	a := &nb.CaseAttachment{EventKind: nb.EventReported, Platform: nb.PlatformTelegram,
		Attachment: nb.Attachment{Kind: "photo", FileRef: "AgAD", Size: 1234, MIMEType: "image/jpeg"}}
	f.update(func(tx nb.Tx) error {
		if err := tx.CreateCase(cs); err != nil {
			return err
		}
		a.CaseID = cs.ID
		return tx.AddAttachment(a)
	})
	f.view(func(tx nb.Tx) error {
		list, err := tx.ListAttachments(cs.ID)
		if err != nil || len(list) != 1 || *list[0] != *a || a.ID == 0 {
			t.Fatalf("ListAttachments = %+v, %v; want %+v", list, err, a)
		}
		return nil
	})
	err := f.s.Update(t.Context(), func(tx nb.Tx) error {
		return tx.AddAttachment(&nb.CaseAttachment{CaseID: 999, Platform: nb.PlatformTelegram})
	})
	wantCode(t, err, nb.ENOTFOUND)
}
