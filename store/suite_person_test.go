package store

import (
	"context"
	"errors"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func testPeople(f *fixture) {
	t := f.t
	var alice, again *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		alice, err = tx.EnsurePerson(nb.PlatformTelegram, "42", "Alice")
		return err
	})
	if alice.ID == 0 || alice.Name != "Alice" || !alice.CreatedAt.Equal(t0) {
		t.Fatalf("EnsurePerson new = %+v", alice)
	}
	f.update(func(tx nb.Tx) (err error) {
		again, err = tx.EnsurePerson(nb.PlatformTelegram, "42", "Alice W")
		return err
	})
	if again.ID != alice.ID || again.Name != "Alice W" {
		t.Fatalf("EnsurePerson again = %+v", again)
	}
	f.update(func(tx nb.Tx) error {
		_, err := tx.EnsurePerson(nb.PlatformWeChat, "wx42", "阿丽")
		return err
	})
	f.view(func(tx nb.Tx) error {
		p, err := tx.FindPersonByIdentity(nb.PlatformTelegram, "42")
		if err != nil || *p != *again {
			t.Fatalf("FindPersonByIdentity = %+v, %v", p, err)
		}
		if p, err = tx.FindPersonByID(alice.ID); err != nil || *p != *again {
			t.Fatalf("FindPersonByID = %+v, %v", p, err)
		}
		_, err = tx.FindPersonByIdentity(nb.PlatformWeChat, "42")
		wantCode(t, err, nb.ENOTFOUND)
		_, err = tx.FindPersonByID(999)
		wantCode(t, err, nb.ENOTFOUND)
		ids, err := tx.ListIdentities(nb.PlatformTelegram)
		want := nb.Identity{PersonID: alice.ID, Platform: nb.PlatformTelegram, ExternalID: "42", DisplayName: "Alice W"}
		if err != nil || len(ids) != 1 || *ids[0] != want {
			t.Fatalf("ListIdentities = %+v, %v", ids, err)
		}
		return nil
	})
}

func testGrants(f *fixture) {
	t := f.t
	var p *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		if p, err = tx.EnsurePerson(nb.PlatformSandbox, "bob", "Bob"); err != nil {
			return err
		}
		for _, g := range []nb.RoleGrant{{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: 7},
			{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: 7}, {PersonID: p.ID, Role: nb.RoleAdmin}} {
			if err := tx.GrantRole(g); err != nil {
				return err
			}
		}
		return nil
	})
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.GrantRole(nb.RoleGrant{PersonID: 999, Role: nb.RoleAdmin})
	}), nb.ENOTFOUND)
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: "king"})
	}), nb.EINVALID)
	f.view(func(tx nb.Tx) error {
		gs, err := tx.ListGrants(p.ID)
		if err != nil || len(gs) != 2 || gs[0].CreatedAt != t0 {
			t.Fatalf("ListGrants = %+v, %v", gs, err)
		}
		gs, err = tx.ListGrantees(nb.RoleOfficer, 7)
		if err != nil || len(gs) != 1 || gs[0].PersonID != p.ID {
			t.Fatalf("ListGrantees(officer, 7) = %+v, %v", gs, err)
		}
		if gs, err = tx.ListGrantees(nb.RoleOfficer, 0); err != nil || len(gs) != 0 {
			t.Fatalf("ListGrantees(officer, 0) = %+v, %v (scope must match exactly)", gs, err)
		}
		return nil
	})
}

func testInvites(f *fixture) {
	t := f.t
	var p *nb.Person
	inv := &nb.Invite{Code: "ABC123", Role: nb.RoleGridWorker, UnitID: 3, ExpiresAt: t0.Add(time.Hour)}
	old := &nb.Invite{Code: "OLD", Role: nb.RoleOfficer, ExpiresAt: t0.Add(time.Minute)}
	f.update(func(tx nb.Tx) (err error) {
		if p, err = tx.EnsurePerson(nb.PlatformSandbox, "carol", "Carol"); err != nil {
			return err
		}
		return errors.Join(tx.CreateInvite(inv), tx.CreateInvite(old))
	})
	redeem := func(code string) (*nb.Invite, error) {
		var got *nb.Invite
		err := f.s.Update(context.Background(), func(tx nb.Tx) (err error) {
			got, err = tx.RedeemInvite(code, p.ID)
			return err
		})
		return got, err
	}
	wantCode(t, f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.CreateInvite(&nb.Invite{Code: "ABC123", Role: nb.RoleOfficer, ExpiresAt: t0.Add(time.Hour)})
	}), nb.ECONFLICT)
	_, err := redeem("NOPE")
	wantCode(t, err, nb.ENOTFOUND)
	f.clock.Add(time.Minute)
	_, err = redeem("OLD")
	wantCode(t, err, nb.EINVALID)
	if nb.ErrorMessage(err) != "invite code expired" {
		t.Errorf("expired: %v", err)
	}
	got, err := redeem("ABC123")
	if err != nil || got.RedeemedBy != p.ID || !got.RedeemedAt.Equal(t0.Add(time.Minute)) || got.Role != nb.RoleGridWorker {
		t.Fatalf("RedeemInvite = %+v, %v", got, err)
	}
	_, err = redeem("ABC123")
	wantCode(t, err, nb.EINVALID)
	if nb.ErrorMessage(err) != "invite code already used" {
		t.Errorf("used: %v", err)
	}
	f.view(func(tx nb.Tx) error {
		gs, err := tx.ListGrants(p.ID)
		if err != nil || len(gs) != 1 || gs[0].Role != nb.RoleGridWorker || gs[0].UnitID != 3 {
			t.Fatalf("grants after redeem = %+v, %v", gs, err)
		}
		return nil
	})
}

func testReachable(f *fixture) {
	t := f.t
	var staff, other *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		u := &nb.Unit{Name: "城管办", Kind: nb.UnitDepartment}
		if err = tx.CreateUnit(u); err != nil {
			return err
		}
		if staff, err = tx.EnsurePerson(nb.PlatformSandbox, "赵师傅", "赵师傅"); err != nil {
			return err
		}
		if other, err = tx.EnsurePerson(nb.PlatformSandbox, "钱师傅", "钱师傅"); err != nil {
			return err
		}
		for _, p := range []*nb.Person{staff, other} {
			if err = tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleDepartment, UnitID: u.ID}); err != nil {
				return err
			}
		}
		return tx.SetPrivateChat(nb.PlatformSandbox, "赵师傅", "private:赵师傅")
	})
	f.view(func(tx nb.Tx) error {
		u, _ := tx.FindUnitByName("城管办")
		list, err := tx.ListReachable(nb.RoleDepartment, u.ID, nb.PlatformSandbox)
		if err != nil || len(list) != 1 || list[0].PersonID != staff.ID || list[0].PrivateChatID != "private:赵师傅" {
			t.Fatalf("ListReachable = %+v, %v; want only the one with a private chat", list, err)
		}
		in, err := tx.ListReachableIn([]nb.Role{nb.RoleOfficer, nb.RoleDepartment}, []int64{u.ID, u.ID + 99}, nb.PlatformSandbox)
		if err != nil || len(in) != 1 || in[0].PersonID != staff.ID || in[0].Role != nb.RoleDepartment || in[0].UnitID != u.ID {
			t.Fatalf("ListReachableIn = %+v, %v; want the one grant, with its role and unit", in, err)
		}
		if in, _ := tx.ListReachableIn([]nb.Role{nb.RoleOfficer}, []int64{u.ID}, nb.PlatformSandbox); len(in) != 0 {
			t.Fatalf("ListReachableIn of another role: %+v", in)
		}
		if list, _ := tx.ListReachable(nb.RoleDepartment, u.ID, nb.PlatformTelegram); len(list) != 0 {
			t.Fatalf("another platform: %+v", list)
		}
		if list, _ := tx.ListReachable(nb.RoleOfficer, u.ID, nb.PlatformSandbox); len(list) != 0 {
			t.Fatalf("another role: %+v", list)
		}
		return nil
	})
}

// testReadsAfterWrites: a chat or person read twice in one transaction is
// read again after anything was written in between (a binding, a
// deactivation, a new display name, a grant), never served as first read.
func testReadsAfterWrites(f *fixture) {
	t := f.t
	f.update(func(tx nb.Tx) error {
		u := &nb.Unit{Name: "一网格", Kind: nb.UnitGrid}
		if err := tx.CreateUnit(u); err != nil {
			return err
		}
		c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g1", Kind: nb.ChatGroup, Title: "一号楼"}
		if err := tx.EnsureChat(c); err != nil {
			return err
		}
		again, err := tx.FindChat(nb.PlatformSandbox, "g1")
		if err != nil || *again != *c {
			t.Fatalf("read again = %+v, %v; want %+v", again, err, c)
		}
		again.Title = "changed by the caller" // a copy: the next read does not see it
		if err := tx.BindChat(c.ID, u.ID); err != nil {
			return err
		}
		if got, err := tx.FindChat(nb.PlatformSandbox, "g1"); err != nil || got.UnitID != u.ID || got.Title != "一号楼" {
			t.Fatalf("after binding = %+v, %v; want unit %d, the stored title", got, err, u.ID)
		}
		if err := tx.SetChatActive(nb.PlatformSandbox, "g1", nb.ChatGroup, false); err != nil {
			return err
		}
		if got := *c; tx.EnsureChat(&got) != nil || !got.Inactive {
			t.Fatalf("after deactivation = %+v", got)
		}

		p, err := tx.EnsurePerson(nb.PlatformSandbox, "u1", "刘大爷")
		if err != nil {
			return err
		}
		if same, err := tx.EnsurePerson(nb.PlatformSandbox, "u1", "刘大爷"); err != nil || *same != *p {
			t.Fatalf("read again = %+v, %v; want %+v", same, err, p)
		}
		if grants, err := tx.ListGrants(p.ID); err != nil || len(grants) != 0 {
			t.Fatalf("grants = %v, %v; want none", grants, err)
		}
		if err := tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleAmbassador, UnitID: u.ID}); err != nil {
			return err
		}
		if _, err := tx.EnsurePerson(nb.PlatformSandbox, "u1", "刘大爷"); err != nil {
			return err
		}
		if grants, err := tx.ListGrants(p.ID); err != nil || len(grants) != 1 {
			t.Fatalf("grants after the grant = %v, %v; want one", grants, err)
		}
		renamed, err := tx.EnsurePerson(nb.PlatformSandbox, "u1", "刘建国")
		if err != nil || renamed.Name != "刘建国" {
			t.Fatalf("renamed = %+v, %v", renamed, err)
		}
		if again, err := tx.EnsurePerson(nb.PlatformSandbox, "u1", ""); err != nil || again.Name != "刘建国" {
			t.Fatalf("after the rename = %+v, %v", again, err)
		}
		return nil
	})
}
