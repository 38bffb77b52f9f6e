package store

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testLinkCodes: Alice (Telegram, officer of the grid) asks for a code; her
// WeChat account, which reported a case and holds a department role, sends
// it: one person with both accounts, both roles and the case.
func testLinkCodes(f *fixture) {
	t, w := f.t, newWorld(f)
	var wx *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		if wx, err = tx.EnsurePerson(nb.PlatformWeChat, "wx-a", "阿丽"); err != nil {
			return err
		}
		if err = tx.GrantRole(nb.RoleGrant{PersonID: w.alice.ID, Role: nb.RoleOfficer, UnitID: w.grid.ID}); err != nil {
			return err
		}
		return tx.GrantRole(nb.RoleGrant{PersonID: wx.ID, Role: nb.RoleDepartment, UnitID: w.dept.ID})
	})
	c := f.createCase(&nb.Case{Text: "路灯不亮", UnitID: w.grid.ID, ChatID: w.chat.ID, ReporterID: wx.ID})
	f.update(func(tx nb.Tx) error {
		_, err := tx.AddFollower(c.ID, wx.ID, nb.FollowReporter)
		return err
	})
	code := &nb.LinkCode{Code: "AAAA-2222", PersonID: w.alice.ID, Platform: nb.PlatformTelegram, ExpiresAt: t0.Add(nb.LinkCodeTTL)}
	f.update(func(tx nb.Tx) error { return tx.CreateLinkCode(code) })
	f.update(func(tx nb.Tx) error {
		_, err := tx.RedeemLinkCode("AAAA-2222", nb.PlatformSandbox, "someone")
		wantCode(t, err, nb.EINVALID) // sandbox people are not authenticated
		l, err := tx.RedeemLinkCode("AAAA-2222", nb.PlatformWeChat, "wx-a")
		if err != nil || l.PersonID != w.alice.ID || l.UsedAt.IsZero() {
			t.Fatalf("RedeemLinkCode = %+v, %v", l, err)
		}
		return nil
	})
	f.view(func(tx nb.Tx) error {
		p, err := tx.FindPersonByIdentity(nb.PlatformWeChat, "wx-a")
		if err != nil || p.ID != w.alice.ID {
			t.Fatalf("WeChat account's person = %+v, %v; want Alice #%d", p, err, w.alice.ID)
		}
		_, err = tx.FindPersonByID(wx.ID)
		wantCode(t, err, nb.ENOTFOUND)
		grants, err := tx.ListGrants(w.alice.ID)
		if err != nil || len(grants) != 2 {
			t.Fatalf("grants after link = %+v, %v; want officer and department", grants, err)
		}
		got, err := tx.FindCaseByID(c.ID)
		if err != nil || got.ReporterID != w.alice.ID {
			t.Fatalf("case reporter after link = %+v, %v", got, err)
		}
		if ok, err := tx.IsFollower(c.ID, w.alice.ID); err != nil || !ok {
			t.Fatalf("Alice follows the case = %v, %v", ok, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		_, err := tx.RedeemLinkCode("AAAA-2222", nb.PlatformWeChat, "wx-a")
		wantCode(t, err, nb.EINVALID) // used
		_, err = tx.RedeemLinkCode("ZZZZ-9999", nb.PlatformWeChat, "wx-a")
		wantCode(t, err, nb.ENOTFOUND)
		// Bob asks; Alice's Telegram account cannot join him (he has one).
		err = tx.CreateLinkCode(&nb.LinkCode{Code: "BBBB-3333", PersonID: w.bob.ID, Platform: nb.PlatformTelegram,
			ExpiresAt: t0.Add(time.Minute)})
		if err != nil {
			return err
		}
		_, err = tx.RedeemLinkCode("BBBB-3333", nb.PlatformWeChat, "wx-a")
		wantCode(t, err, nb.EINVALID)
		wantCode(t, tx.RevokeLinkCode("BBBB-3333"), "")
		wantCode(t, tx.RevokeLinkCode("BBBB-3333"), nb.EINVALID)
		return tx.CreateLinkCode(&nb.LinkCode{Code: "CCCC-4444", PersonID: w.bob.ID, Platform: nb.PlatformTelegram,
			ExpiresAt: t0.Add(time.Minute)})
	})
	f.clock.Add(time.Minute)
	f.update(func(tx nb.Tx) error {
		if _, err := tx.EnsurePerson(nb.PlatformWeChat, "wx-b", "鲍勃"); err != nil {
			return err
		}
		_, err := tx.RedeemLinkCode("CCCC-4444", nb.PlatformWeChat, "wx-b")
		wantCode(t, err, nb.EINVALID) // expired
		return nil
	})
}
