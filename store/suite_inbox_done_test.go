package store

import (
	"fmt"
	"slices"

	nb "github.com/neighborbot/neighborbot"
)

// testInboxHandled: MarkInboxHandled marks lists shorter and longer than
// one statement takes, drops the payloads of what it marked (a failed
// item keeps its own), and names the ids that were not pending.
func testInboxHandled(f *fixture) {
	t := f.t
	var items []*nb.InboxItem
	f.update(func(tx nb.Tx) error {
		for i := range 75 {
			it := &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: fmt.Sprint("g", i%3), MessageID: fmt.Sprint(i),
				Payload: []byte(`{"text":"hi"}`)}
			if _, err := tx.PutInbox(it); err != nil {
				return err
			}
			items = append(items, it)
		}
		return tx.MarkInboxDone(items[74].ID, "boom")
	})
	ids := func(list []*nb.InboxItem) (out []int64) {
		for _, it := range list {
			out = append(out, it.ID)
		}
		return out
	}
	f.update(func(tx nb.Tx) error {
		for _, part := range [][]*nb.InboxItem{items[:3], items[3:72]} { // 3 (padded to 8), then 64 + 5
			if notPending, err := tx.MarkInboxHandled(ids(part)); err != nil || len(notPending) != 0 {
				t.Fatalf("MarkInboxHandled(%d ids) = %v, %v", len(part), notPending, err)
			}
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		// 72 is pending, 5 was handled above, 74 failed: two not pending.
		notPending, err := tx.MarkInboxHandled([]int64{items[5].ID, items[72].ID, items[74].ID})
		if want := []int64{items[5].ID, items[74].ID}; err != nil || !slices.Equal(notPending, want) {
			t.Fatalf("MarkInboxHandled = %v, %v; want %v", notPending, err, want)
		}
		return nil
	})
	f.view(func(tx nb.Tx) error {
		pending, err := tx.PendingInbox(0)
		if err != nil || !slices.Equal(ids(pending), []int64{items[73].ID}) {
			t.Fatalf("pending = %v, %v; want only item 73", ids(pending), err)
		}
		failed, err := tx.ListFailedInbox(0)
		if err != nil || len(failed) != 1 || string(failed[0].Payload) != `{"text":"hi"}` {
			t.Fatalf("failed = %+v, %v: the failed item keeps its payload", failed, err)
		}
		return nil
	})
	var left int
	f.view(func(t nb.Tx) error {
		return t.(*tx).queryRow(`SELECT COUNT(*) FROM inbox WHERE done_at > 0 AND error = '' AND length(payload) > 0`).Scan(&left)
	})
	if left != 0 {
		t.Fatalf("%d handled items kept their payload", left)
	}
}

// testInboxBatch: PutInboxBatch stores lists shorter and longer than one
// statement takes (padded statements insert nothing twice), in their
// order, skips what is stored already (in an earlier call or earlier in
// the same list) and counts only what it stored.
func testInboxBatch(f *fixture) {
	t := f.t
	item := func(chat string, i int) *nb.InboxItem {
		return &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: chat, MessageID: fmt.Sprint(i),
			Payload: []byte(fmt.Sprintf(`{"n":%d}`, i))}
	}
	var want []string
	put := func(items []*nb.InboxItem, wantNew int) {
		t.Helper()
		f.update(func(tx nb.Tx) error {
			n, err := tx.PutInboxBatch(items)
			if err != nil || n != wantNew {
				t.Fatalf("PutInboxBatch(%d items) = %d, %v; want %d new", len(items), n, err, wantNew)
			}
			return nil
		})
	}
	var first []*nb.InboxItem
	for i := range 3 { // padded to 4
		first = append(first, item("g1", i))
		want = append(want, fmt.Sprintf(`{"n":%d}`, i))
	}
	put(first, 3)
	var second []*nb.InboxItem
	for i := range 70 { // with the repeat below, 64 + 7 (padded to 8); 0 and 2 stored already, 5 twice in the list
		second = append(second, item([]string{"g1", "g2"}[i%2], i))
		if i%2 == 1 || i > 2 {
			want = append(want, fmt.Sprintf(`{"n":%d}`, i))
		}
	}
	second = append(second[:6], append([]*nb.InboxItem{item("g2", 5)}, second[6:]...)...)
	put(second, 70-2) // items 0 and 2 of g1 are stored already, item 5 of g2 twice: 68 new rows
	alone := []*nb.InboxItem{item("g3", 100)}
	put(alone, 1)
	put(alone, 0) // redelivered
	want = append(want, `{"n":100}`)
	f.view(func(tx nb.Tx) error {
		pending, err := tx.PendingInbox(200)
		if err != nil {
			return err
		}
		var got []string
		for _, it := range pending {
			got = append(got, string(it.Payload))
			if it.ReceivedAt.IsZero() {
				t.Errorf("item %s has no receiving time", it.MessageID)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pending in id order = %v\nwant %v", got, want)
		}
		return nil
	})
}
