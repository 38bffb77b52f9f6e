package store

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testNotices: a notice's copies, one per chat whatever is retried; their
// states read from the outbox; cancelling spares a copy in flight; the
// audit log; people by name.
func testNotices(f *fixture) {
	t := f.t
	var n *nb.Notice
	var chats []*nb.Chat
	var author *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		u := &nb.Unit{Name: "社区", Kind: nb.UnitCommunity}
		if err := tx.CreateUnit(u); err != nil {
			return err
		}
		if author, err = tx.EnsurePerson(nb.PlatformSandbox, "a", "张阿姨"); err != nil {
			return err
		}
		for _, id := range []string{"g1", "g2", "g3"} {
			c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: id, Kind: nb.ChatGroup, Title: id}
			if err := tx.EnsureChat(c); err != nil {
				return err
			}
			chats = append(chats, c)
		}
		n = &nb.Notice{AuthorID: author.ID, AuthorName: author.Name, UnitID: u.ID, Text: "义诊", Status: nb.NoticeQueued,
			SendAt: t0.Add(time.Hour), Platform: nb.PlatformSandbox, ChatExternalID: "g1", MessageID: "m1"}
		return tx.CreateNotice(n)
	})
	f.update(func(tx nb.Tx) error {
		for i := range 2 { // the second round adds nothing
			for _, c := range chats {
				added, err := tx.AddNoticeDelivery(n.ID, c.ID, &nb.OutboxMessage{Platform: c.Platform, ChatExternalID: c.ExternalID, Text: "【通知】义诊"})
				if err != nil {
					return err
				}
				if added != (i == 0) {
					t.Errorf("round %d, chat %s: added = %v", i, c.ExternalID, added)
				}
			}
		}
		return nil
	})
	var ids []int64
	f.update(func(tx nb.Tx) error {
		list, err := tx.ClaimOutbox(nb.PlatformSandbox, 2, time.Minute, "x/1") // g1 and g2 in flight
		for _, m := range list {
			ids = append(ids, m.ID)
		}
		if err != nil || len(list) != 2 {
			t.Fatalf("claimed %d, %v", len(list), err)
		}
		if err := tx.MarkOutboxSent(list[0].ID, "s1"); err != nil { // g1 delivered, g2 still in flight
			return err
		}
		left, err := tx.CancelNoticeDeliveries(n.ID)
		if left != 1 {
			t.Errorf("cancelled %d copies, want 1 (g3: g1 is out, g2 in flight)", left)
		}
		return err
	})
	f.view(func(tx nb.Tx) error {
		ds, err := tx.ListNoticeDeliveries(n.ID)
		if err != nil {
			return err
		}
		want := []nb.DeliveryState{nb.DeliveryDelivered, nb.DeliveryPending, nb.DeliveryCancelled}
		if len(ds) != 3 {
			t.Fatalf("%d deliveries", len(ds))
		}
		for i, d := range ds {
			if d.State != want[i] || d.Title != chats[i].Title || d.OutboxID == 0 {
				t.Errorf("delivery %d = %+v, want %s to %s", i, d, want[i], chats[i].Title)
			}
		}
		got, err := tx.FindNotice(n.ID)
		if err != nil || got.Text != "义诊" || !got.SendAt.Equal(n.SendAt) || got.MessageID != "m1" || got.Status != nb.NoticeQueued {
			t.Errorf("FindNotice = %+v, %v", got, err)
		}
		c, err := tx.CountNotices(nb.NoticeFilter{AuthorID: author.ID, Since: t0})
		if err != nil || c != 1 {
			t.Errorf("CountNotices = %d, %v", c, err)
		}
		_, err = tx.FindNotice(n.ID + 1)
		wantCode(t, err, nb.ENOTFOUND)
		return nil
	})
	f.update(func(tx nb.Tx) error {
		n.Status, n.DecidedBy, n.Reason = nb.NoticeRejected, author.ID, "重复"
		if err := tx.UpdateNotice(n); err != nil {
			return err
		}
		if err := tx.AppendBroadcastEvent(&nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastRejected, ActorID: author.ID, Note: "重复"}); err != nil {
			return err
		}
		return tx.AppendBroadcastEvent(&nb.BroadcastEvent{Kind: nb.BroadcastAppointed, ActorID: author.ID, PersonID: author.ID})
	})
	f.view(func(tx nb.Tx) error {
		evs, err := tx.ListBroadcastEvents(n.ID)
		if err != nil || len(evs) != 1 || evs[0].Kind != nb.BroadcastRejected || evs[0].Note != "重复" || evs[0].ActorID != author.ID {
			t.Errorf("notice's audit = %+v, %v", evs, err)
		}
		evs, err = tx.ListBroadcastEvents(0)
		if err != nil || len(evs) != 1 || evs[0].Kind != nb.BroadcastAppointed || evs[0].PersonID != author.ID {
			t.Errorf("appointments' audit = %+v, %v", evs, err)
		}
		list, err := tx.ListNotices(nb.NoticeFilter{Statuses: []nb.NoticeStatus{nb.NoticeRejected}})
		if err != nil || len(list) != 1 || list[0].Reason != "重复" {
			t.Errorf("ListNotices(rejected) = %+v, %v", list, err)
		}
		people, err := tx.FindPeopleByName("张阿姨")
		if err != nil || len(people) != 1 || people[0].ID != author.ID {
			t.Errorf("FindPeopleByName = %+v, %v", people, err)
		}
		return nil
	})
}
