package store

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testMembersInvitesAttempts covers chat members, revoking invites and
// roles, and counted attempts.
func testMembersInvitesAttempts(f *fixture) {
	t := f.t
	var p *nb.Person
	var g1, g2, other *nb.Chat
	f.update(func(tx nb.Tx) (err error) {
		grid := &nb.Unit{Name: "一网格", Kind: nb.UnitGrid}
		if err := tx.CreateUnit(grid); err != nil {
			return err
		}
		g1 = &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup}
		g2 = &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g2", Kind: nb.ChatGroup}
		other = &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g3", Kind: nb.ChatGroup}
		for _, c := range []*nb.Chat{g1, g2, other} {
			if err := tx.EnsureChat(c); err != nil {
				return err
			}
		}
		for _, c := range []*nb.Chat{g1, g2} {
			if err := tx.BindChat(c.ID, grid.ID); err != nil {
				return err
			}
		}
		if p, err = tx.EnsurePerson(nb.PlatformSandbox, "甲", "甲"); err != nil {
			return err
		}
		if err := tx.AddChatMember(g2.ID, p.ID); err != nil {
			return err
		}
		if err := tx.AddChatMember(g2.ID, p.ID); err != nil { // idempotent
			return err
		}
		for _, q := range []struct {
			chat, unit int64
			want       bool
		}{{g2.ID, 0, true}, {g1.ID, 0, false}, {g1.ID, grid.ID, true}, {other.ID, 0, false}} {
			if got, err := tx.IsChatMember(p.ID, q.chat, q.unit); err != nil || got != q.want {
				t.Errorf("IsChatMember(chat %d, unit %d) = %v, %v; want %v", q.chat, q.unit, got, err, q.want)
			}
		}

		for _, code := range []string{"AAAA-2222", "BBBB-3333"} {
			if err := tx.CreateInvite(&nb.Invite{Code: code, Role: nb.RoleOfficer, UnitID: grid.ID,
				ExpiresAt: tx.Now().Add(time.Hour)}); err != nil {
				return err
			}
		}
		inv, err := tx.RevokeInvite("AAAA-2222")
		if err != nil || inv.RevokedAt.IsZero() {
			t.Fatalf("RevokeInvite = %+v, %v", inv, err)
		}
		_, err = tx.RevokeInvite("AAAA-2222")
		wantCode(t, err, nb.EINVALID)
		_, err = tx.RevokeInvite("ZZZZ-9999")
		wantCode(t, err, nb.ENOTFOUND)
		_, err = tx.RedeemInvite("AAAA-2222", p.ID)
		wantCode(t, err, nb.EINVALID)
		if _, err := tx.RedeemInvite("BBBB-3333", p.ID); err != nil {
			return err
		}
		list, err := tx.ListInvites()
		if err != nil || len(list) != 2 {
			t.Fatalf("ListInvites = %+v, %v", list, err)
		}
		for _, inv := range list {
			if (inv.Code == "AAAA-2222") == inv.RevokedAt.IsZero() || (inv.Code == "BBBB-3333") != (inv.RedeemedBy == p.ID) {
				t.Errorf("listed invite %+v", inv)
			}
		}
		g := nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: grid.ID}
		if all, err := tx.ListAllGrants(); err != nil || len(all) != 1 || all[0].Role != g.Role {
			t.Fatalf("ListAllGrants = %+v, %v", all, err)
		}
		if err := tx.RevokeRole(g); err != nil {
			return err
		}
		wantCode(t, tx.RevokeRole(g), nb.ENOTFOUND)
		if id, err := tx.FindIdentity(nb.PlatformSandbox, "甲"); err != nil || id.PersonID != p.ID {
			t.Fatalf("FindIdentity = %+v, %v", id, err)
		}

		a, err := tx.FindAttempts("redeem:person:1")
		if err != nil || a.Failures != 0 || !a.LockedUntil.IsZero() {
			t.Fatalf("FindAttempts of a new key = %+v, %v", a, err)
		}
		a.Failures, a.WindowStart, a.LockedUntil = 2, tx.Now(), tx.Now().Add(time.Minute)
		if err := tx.PutAttempts(a); err != nil {
			return err
		}
		b, err := tx.FindAttempts("redeem:person:1")
		if err != nil || b.Failures != 2 || !b.LockedUntil.Equal(a.LockedUntil) || !b.WindowStart.Equal(a.WindowStart) {
			t.Fatalf("FindAttempts = %+v, %v; want %+v", b, err, a)
		}
		return nil
	})
}
