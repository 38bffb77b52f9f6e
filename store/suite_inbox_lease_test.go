package store

import (
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testInboxLeases: two owners claiming one inbox never get the same chat;
// an owner keeps its chats while it handles them, releases those with
// nothing left, and loses them when it stops renewing.
func testInboxLeases(f *fixture) {
	t := f.t
	seq := 0
	put := func(chat string, n int) {
		f.update(func(tx nb.Tx) error {
			for range n {
				seq++
				it := &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: chat, MessageID: fmt.Sprint(seq), Payload: []byte("{}")}
				if _, err := tx.PutInbox(it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	put("a", 2)
	put("b", 1)
	put("c", 1)
	claim := func(owner string, limit int) (chats []string, items []*nb.InboxItem) {
		f.update(func(tx nb.Tx) (err error) {
			items, err = tx.ClaimInbox(limit, time.Minute, owner)
			return err
		})
		for _, it := range items {
			chats = append(chats, it.ChatKey)
		}
		return chats, items
	}
	if chats, _ := claim("p/1", 2); fmt.Sprint(chats) != "[a a]" {
		t.Fatalf("first claim = %v; want chat a's two messages", chats)
	}
	chats, bItems := claim("q/1", 10)
	if fmt.Sprint(chats) != "[b c]" {
		t.Fatalf("second owner's claim = %v; want b and c, never a", chats)
	}
	f.update(func(tx nb.Tx) error {
		if ok, err := tx.HoldChat(nb.PlatformSandbox, "a", "q/1", time.Minute); err != nil || ok {
			t.Fatalf("HoldChat of another's chat = %v, %v", ok, err)
		}
		if ok, err := tx.HoldChat(nb.PlatformSandbox, "b", "q/1", time.Minute); err != nil || !ok {
			t.Fatalf("HoldChat of its own chat = %v, %v", ok, err)
		}
		if err := tx.MarkInboxDone(bItems[0].ID, ""); err != nil {
			return err
		}
		wantCode(t, tx.MarkInboxDone(bItems[0].ID, ""), nb.ENOTFOUND) // never twice
		n, err := tx.ReleaseChats("q/1")
		if err != nil || n != 1 {
			t.Fatalf("ReleaseChats = %d, %v; want b's lease only (c has a message pending)", n, err)
		}
		return nil
	})
	put("b", 1) // b is free again: p takes it beside its a
	if chats, _ := claim("p/1", 10); fmt.Sprint(chats) != "[a a b]" {
		t.Fatalf("claim after release = %v", chats)
	}
	f.clock.Add(2 * time.Minute) // every lease ran out: q takes a over
	if chats, _ := claim("q/1", 2); fmt.Sprint(chats) != "[a a]" {
		t.Fatalf("claim after expiry = %v", chats)
	}
	f.update(func(tx nb.Tx) error {
		if ok, _ := tx.HoldChat(nb.PlatformSandbox, "a", "p/1", time.Minute); ok {
			t.Fatal("an owner whose lease was taken over still holds the chat")
		}
		n, err := tx.ReleaseLeases("q/", "q/2") // q restarted as q/2
		if err != nil || n != 2 {
			t.Fatalf("ReleaseLeases = %d, %v; want q/1's leases on a and c", n, err)
		}
		return nil
	})
	if chats, _ := claim("p/1", 10); fmt.Sprint(chats) != "[a a c b]" {
		t.Fatalf("claim after q's restart = %v", chats)
	}
}

// testReleaseLeasesSparesLanes: a restarted process hands back the chat
// leases of its earlier runs and their inbox lanes ("<run>#N"), never those
// of its own run's lanes.
func testReleaseLeasesSparesLanes(f *fixture) {
	t := f.t
	owners := []string{"q/1", "q/1#1", "q/2", "q/2#1", "q/2#12", "r/1#1"}
	f.update(func(tx nb.Tx) error {
		for i, owner := range owners {
			it := &nb.InboxItem{Platform: nb.PlatformSandbox, ChatKey: owner, MessageID: fmt.Sprint(i), Payload: []byte("{}")}
			if _, err := tx.PutInbox(it); err != nil {
				return err
			}
		}
		return nil
	})
	for _, owner := range owners { // the oldest pending chat not leased yet is the owner's own
		f.update(func(tx nb.Tx) error {
			items, err := tx.ClaimInbox(1, time.Minute, owner)
			if err != nil || len(items) != 1 || items[0].ChatKey != owner {
				t.Fatalf("claim by %s: %v, %v", owner, items, err)
			}
			return nil
		})
	}
	f.update(func(tx nb.Tx) error {
		n, err := tx.ReleaseLeases("q/", "q/2")
		if err != nil || n != 2 {
			t.Fatalf("ReleaseLeases = %d, %v; want the leases of q/1 and q/1#1", n, err)
		}
		for _, owner := range owners[2:] {
			if ok, err := tx.HoldChat(nb.PlatformSandbox, owner, owner, time.Minute); err != nil || !ok {
				t.Errorf("%s lost its chat (%v)", owner, err)
			}
		}
		return nil
	})
}
