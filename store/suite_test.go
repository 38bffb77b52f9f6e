package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// t0 is when every test clock starts.
var t0 = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

// testClock is a clock that moves only when told.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is one fresh store and its clock.
type fixture struct {
	t     *testing.T
	s     nb.Store
	clock *testClock
}

// update runs fn in Update and fails the test on error.
func (f *fixture) update(fn func(nb.Tx) error) {
	f.t.Helper()
	if err := f.s.Update(context.Background(), fn); err != nil {
		f.t.Fatalf("update: %v", err)
	}
}

// view runs fn in View and fails the test on error.
func (f *fixture) view(fn func(nb.Tx) error) {
	f.t.Helper()
	if err := f.s.View(context.Background(), fn); err != nil {
		f.t.Fatalf("view: %v", err)
	}
}

// wantCode fails unless err carries the error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := nb.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// runStoreSuite runs every store test against stores made by open, so that
// each database implementation passes the same tests.
func runStoreSuite(t *testing.T, open func(t *testing.T, clock func() time.Time) nb.Store) {
	tests := map[string]func(*fixture){
		"Units": testUnits, "Chats": testChats, "BindChat": testBindChat,
		"People": testPeople, "Grants": testGrants, "Invites": testInvites,
		"Cases": testCases, "ListCases": testListCases, "ListCasesLimit": testListCasesLimit,
		"FindCaseByMessage": testFindCaseByMessage,
		"Followers":         testFollowers, "MoveFollowers": testMoveFollowers, "RemoveFollower": testRemoveFollower, "Events": testEvents,
		"Outbox": testOutbox, "OutboxClaim": testOutboxClaim, "OutboxChatOrder": testOutboxChatOrder, "Settings": testSettings, "PruneInbox": testPruneInbox, "OutboxScheduled": testOutboxScheduledDoesNotBlock, "Reachable": testReachable, "Inbox": testInbox, "InboxHandled": testInboxHandled, "InboxBatch": testInboxBatch, "Sandbox": testSandbox,
		"Candidates": testCandidates, "OutboxLeases": testOutboxLeases, "PruneOutbox": testPruneOutbox,
		"PruneSandbox": testPruneSandbox, "UnitTreeCache": testUnitTreeCache, "CountPendingInbox": testCountPendingInbox,
		"Lease": testLease, "InboxLeases": testInboxLeases, "ReleaseLeasesSparesLanes": testReleaseLeasesSparesLanes, "TimerCases": testTimerCases, "OfficersChats": testOfficersChats,
		"ChatActive": testChatActive, "MigrateChat": testMigrateChat, "Attachments": testAttachments,
		"MembersInvitesAttempts": testMembersInvitesAttempts, "MemberCache": testMemberCache, "GrantsOfSender": testGrantsOfSender, "ReadsAfterWrites": testReadsAfterWrites, "LinkCodes": testLinkCodes,
		"Notices":  testNotices,
		"Rollback": testRollback, "Panic": testPanic, "Concurrent": testConcurrent,
	}
	tests["Desk"], tests["BoardFilters"] = testDesk, testBoardFilters // the officers' desk (desk_test.go)
	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{now: t0}
			test(&fixture{t: t, s: open(t, clock.Now), clock: clock})
		})
	}
}

func testUnits(f *fixture) {
	t := f.t
	street := &nb.Unit{Name: " 湛山街道 ", Kind: nb.UnitStreet}
	grid := &nb.Unit{Name: "第一网格", Kind: nb.UnitGrid}
	f.update(func(tx nb.Tx) error {
		if err := tx.CreateUnit(street); err != nil {
			return err
		}
		grid.ParentID = street.ID
		return tx.CreateUnit(grid)
	})
	if street.ID == 0 || grid.ID == street.ID || !street.CreatedAt.Equal(t0) || street.Name != "湛山街道" {
		t.Fatalf("created %+v %+v", street, grid)
	}
	err := f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: "湛山街道", Kind: nb.UnitStreet})
	})
	wantCode(t, err, nb.ECONFLICT)
	err = f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: "x", Kind: nb.UnitGrid, ParentID: 999})
	})
	wantCode(t, err, nb.ENOTFOUND)
	err = f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.CreateUnit(&nb.Unit{Name: "x"}) })
	wantCode(t, err, nb.EINVALID)
	f.view(func(tx nb.Tx) error {
		u, err := tx.FindUnitByName("第一网格")
		if err != nil || *u != *grid {
			t.Fatalf("FindUnitByName = %+v, %v; want %+v", u, err, grid)
		}
		if u, err = tx.FindUnitByID(street.ID); err != nil || *u != *street {
			t.Fatalf("FindUnitByID = %+v, %v", u, err)
		}
		_, err = tx.FindUnitByName("无")
		wantCode(t, err, nb.ENOTFOUND)
		if msg := nb.ErrorMessage(err); msg != `unit "无" not found` {
			t.Errorf("message = %q", msg)
		}
		_, err = tx.FindUnitByID(999)
		wantCode(t, err, nb.ENOTFOUND)
		list, err := tx.ListUnits()
		if err != nil || len(list) != 2 || list[0].ID != street.ID || list[1].ParentID != street.ID {
			t.Fatalf("ListUnits = %v, %v", list, err)
		}
		return nil
	})
}

func testChats(f *fixture) {
	t := f.t
	c := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-100", Kind: nb.ChatGroup, Title: "44号楼"}
	f.update(func(tx nb.Tx) error { return tx.EnsureChat(c) })
	if c.ID == 0 || !c.CreatedAt.Equal(t0) {
		t.Fatalf("EnsureChat new = %+v", c)
	}
	f.clock.Add(time.Hour)
	again := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-100", Title: "44号楼邻居群"}
	f.update(func(tx nb.Tx) error { return tx.EnsureChat(again) })
	if again.ID != c.ID || again.Kind != nb.ChatGroup || again.Title != "44号楼邻居群" || !again.CreatedAt.Equal(t0) {
		t.Fatalf("EnsureChat existing = %+v", again)
	}
	untitled := &nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-100"}
	f.update(func(tx nb.Tx) error { return tx.EnsureChat(untitled) })
	if untitled.Title != "44号楼邻居群" {
		t.Fatalf("an empty title overwrote the stored one: %+v", untitled)
	}
	other := &nb.Chat{Platform: nb.PlatformWeChat, ExternalID: "-100", Kind: nb.ChatPrivate}
	f.update(func(tx nb.Tx) error { return tx.EnsureChat(other) })
	f.view(func(tx nb.Tx) error {
		got, err := tx.FindChat(nb.PlatformTelegram, "-100")
		if err != nil || *got != *again {
			t.Fatalf("FindChat = %+v, %v", got, err)
		}
		if got, err = tx.FindChatByID(other.ID); err != nil || *got != *other {
			t.Fatalf("FindChatByID = %+v, %v", got, err)
		}
		_, err = tx.FindChat(nb.PlatformSandbox, "-100")
		wantCode(t, err, nb.ENOTFOUND)
		_, err = tx.FindChatByID(999)
		wantCode(t, err, nb.ENOTFOUND)
		for _, q := range []struct {
			p    nb.Platform
			kind nb.ChatKind
			want int
		}{{"", "", 2}, {nb.PlatformTelegram, "", 1}, {"", nb.ChatPrivate, 1}, {nb.PlatformWeChat, nb.ChatGroup, 0}} {
			if list, err := tx.ListChats(q.p, q.kind); err != nil || len(list) != q.want {
				t.Errorf("ListChats(%q, %q) = %d chats, %v; want %d", q.p, q.kind, len(list), err, q.want)
			}
		}
		return nil
	})
}

func testBindChat(f *fixture) {
	t := f.t
	chat := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup}
	grid, other := &nb.Unit{Name: "网格1", Kind: nb.UnitGrid}, &nb.Unit{Name: "网格2", Kind: nb.UnitGrid}
	unbound, bound := &nb.Case{Text: "垃圾"}, &nb.Case{Text: "路灯", Stage: nb.StageIssue}
	f.update(func(tx nb.Tx) error {
		for _, err := range []error{tx.EnsureChat(chat), tx.CreateUnit(grid), tx.CreateUnit(other)} {
			if err != nil {
				return err
			}
		}
		unbound.ChatID, bound.ChatID, bound.UnitID = chat.ID, chat.ID, other.ID
		return errors.Join(tx.CreateCase(unbound), tx.CreateCase(bound))
	})
	f.clock.Add(time.Minute)
	f.update(func(tx nb.Tx) error { return tx.BindChat(chat.ID, grid.ID) })
	f.view(func(tx nb.Tx) error {
		if c, err := tx.FindChatByID(chat.ID); err != nil || c.UnitID != grid.ID {
			t.Fatalf("chat after bind = %+v, %v", c, err)
		}
		if c, err := tx.FindCaseByID(unbound.ID); err != nil || c.UnitID != grid.ID || !c.UpdatedAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("unbound case after bind = %+v, %v", c, err)
		}
		if c, err := tx.FindCaseByID(bound.ID); err != nil || c.UnitID != other.ID {
			t.Fatalf("bound case after bind = %+v, %v", c, err)
		}
		evs, err := tx.ListEvents(unbound.ID)
		want := nb.Event{ID: evs[0].ID, CaseID: unbound.ID, Kind: nb.EventBound, FromStage: nb.StageTopic,
			ToStage: nb.StageTopic, UnitID: grid.ID, CreatedAt: t0.Add(time.Minute)}
		if err != nil || len(evs) != 1 || *evs[0] != want {
			t.Fatalf("events = %+v, %v", evs, err)
		}
		if evs, err := tx.ListEvents(bound.ID); err != nil || len(evs) != 0 {
			t.Fatalf("events of the bound case = %+v, %v", evs, err)
		}
		return nil
	})
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.BindChat(999, grid.ID) }), nb.ENOTFOUND)
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error { return tx.BindChat(chat.ID, 999) }), nb.ENOTFOUND)
}
