package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// maxAdminInvites bounds the invite codes listed.
const maxAdminInvites = 50

// deskAdminRoutes registers the admin pages: units, groups and their
// bindings, people and roles, invite codes.
func (s *Server) deskAdminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /desk/admin", s.deskAuth(s.adminOnly(s.adminPage)))
	mux.HandleFunc("POST /desk/admin/units", s.deskAuth(s.adminOnly(s.adminAddUnit)))
	mux.HandleFunc("POST /desk/admin/bind", s.deskAuth(s.adminOnly(s.adminBind)))
	mux.HandleFunc("POST /desk/admin/grant", s.deskAuth(s.adminOnly(s.adminGrant)))
	mux.HandleFunc("POST /desk/admin/revoke", s.deskAuth(s.adminOnly(s.adminRevoke)))
	mux.HandleFunc("POST /desk/admin/invites", s.deskAuth(s.adminOnly(s.adminInvite)))
	mux.HandleFunc("POST /desk/admin/invites/revoke", s.deskAuth(s.adminOnly(s.adminRevokeInvite)))
}

// adminOnly lets only admins through.
func (s *Server) adminOnly(next deskHandler) deskHandler {
	return func(w http.ResponseWriter, r *http.Request, u *deskUser) {
		if !u.IsAdmin() {
			s.deskFail(w, r, u, nb.Errorf(nb.EFORBIDDEN, "the admin pages are for admins"))
			return
		}
		next(w, r, u)
	}
}

// administers checks that u is an admin over unit (0 = everywhere).
func (u *deskUser) administers(unit int64) error {
	for _, g := range u.Actor.Grants {
		if g.Role == nb.RoleAdmin && (g.UnitID == 0 || (unit != 0 && u.Tree.Within(unit, g.UnitID))) {
			return nil
		}
	}
	return nb.Errorf(nb.EFORBIDDEN, "that unit is outside what you administer")
}

// grantRow is a role grant with names.
type grantRow struct {
	nb.RoleGrant
	Person string
	Unit   string
}

// adminData is what the admin page shows.
type adminData struct {
	Units   []*nb.Unit
	Parents map[int64]string
	Chats   []*nb.Chat
	Grants  []grantRow
	People  []*nb.Person
	Invites []*nb.Invite
	Roles   []nb.Role
	Kinds   []nb.UnitKind
	NewCode string // an invite just made, shown once
	// Health is the bot's state as /healthz?detail=1 reports it (the
	// platforms' accounts, the backlog, the store), indented JSON.
	HealthOK bool
	Health   string
	// WeChat is the WeChat account's state and login QR (nil without WeChat).
	WeChat *deskWeChat
}

// adminPage lists units, groups, people with their roles and invites.
func (s *Server) adminPage(w http.ResponseWriter, r *http.Request, u *deskUser) {
	s.showAdmin(w, r, u, "")
}

// showAdmin shows the admin page, with an invite code just made (shown
// once, never put in a URL).
func (s *Server) showAdmin(w http.ResponseWriter, r *http.Request, u *deskUser, newCode string) {
	d := adminData{Units: treeUnits(u.Tree), Parents: map[int64]string{}, Roles: nb.Roles[1:], Kinds: nb.UnitKinds,
		NewCode: newCode, WeChat: s.adminWeChat(u)}
	for _, unit := range d.Units {
		d.Parents[unit.ID] = u.Tree.Name(unit.ParentID)
	}
	if s.health != nil {
		ok, detail := s.health()
		b, err := json.MarshalIndent(detail, "", "  ")
		if err != nil {
			s.deskFail(w, r, u, err)
			return
		}
		d.HealthOK, d.Health = ok, string(b)
	}
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		var err error
		if d.Chats, err = tx.ListChats("", nb.ChatGroup); err != nil {
			return err
		}
		grants, err := tx.ListAllGrants()
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, g := range grants {
			p, err := tx.FindPersonByID(g.PersonID)
			if err != nil {
				return err
			}
			d.Grants = append(d.Grants, grantRow{g, p.Name, u.Tree.Name(g.UnitID)})
			if !seen[p.ID] {
				seen[p.ID] = true
				d.People = append(d.People, p)
			}
		}
		invites, err := tx.ListInvites()
		d.Invites = invites[:min(len(invites), maxAdminInvites)]
		return err
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin", u, d)
}

// formID reads a numeric form field (0 when empty; a case number's "#"
// is dropped).
func formID(r *http.Request, key string) (int64, error) {
	v := strings.TrimPrefix(strings.TrimSpace(r.PostFormValue(key)), "#")
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, nb.Errorf(nb.EINVALID, "%s must be a number", key)
	}
	return id, nil
}

// adminDo runs fn in a transaction and goes back to the admin page.
func (s *Server) adminDo(w http.ResponseWriter, r *http.Request, u *deskUser, fn func(tx nb.Tx) error) {
	if err := s.desk.cfg.Store.Update(r.Context(), fn); err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/desk/admin", http.StatusSeeOther)
}

// adminAddUnit adds a unit under a parent the admin administers.
func (s *Server) adminAddUnit(w http.ResponseWriter, r *http.Request, u *deskUser) {
	parent, err := formID(r, "parent")
	if err == nil {
		err = u.administers(parent)
	}
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.adminDo(w, r, u, func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: r.PostFormValue("name"), Kind: nb.UnitKind(r.PostFormValue("kind")), ParentID: parent})
	})
}

// adminBind binds a group to a unit.
func (s *Server) adminBind(w http.ResponseWriter, r *http.Request, u *deskUser) {
	chat, err := formID(r, "chat")
	unit, err2 := formID(r, "unit")
	if err = firstErr(err, err2); err == nil {
		err = u.administers(unit)
	}
	if err == nil && unit == 0 {
		err = nb.Errorf(nb.EINVALID, "choose a unit")
	}
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.adminDo(w, r, u, func(tx nb.Tx) error {
		c, err := tx.FindChatByID(chat)
		if err != nil {
			return err
		}
		if c.UnitID != 0 {
			if err := u.administers(c.UnitID); err != nil {
				return err
			}
		}
		return tx.BindChat(chat, unit)
	})
}

// grantForm reads the person, role and unit of a grant or revoke.
func grantForm(r *http.Request, u *deskUser) (nb.RoleGrant, error) {
	person, err := formID(r, "person")
	unit, err2 := formID(r, "unit")
	g := nb.RoleGrant{PersonID: person, Role: nb.Role(r.PostFormValue("role")), UnitID: unit}
	if err = firstErr(err, err2); err != nil {
		return g, err
	}
	if !g.Role.Valid() || g.Role == nb.RoleResident {
		return g, nb.Errorf(nb.EINVALID, "unknown role %q", g.Role)
	}
	return g, u.administers(unit)
}

// adminGrant gives a person a role in a unit.
func (s *Server) adminGrant(w http.ResponseWriter, r *http.Request, u *deskUser) {
	g, err := grantForm(r, u)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.adminDo(w, r, u, func(tx nb.Tx) error {
		if _, err := tx.FindPersonByID(g.PersonID); err != nil {
			return err
		}
		return tx.GrantRole(g)
	})
}

// adminRevoke takes a role back.
func (s *Server) adminRevoke(w http.ResponseWriter, r *http.Request, u *deskUser) {
	g, err := grantForm(r, u)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.adminDo(w, r, u, func(tx nb.Tx) error { return tx.RevokeRole(g) })
}

// adminInvite makes an invite code for a role in a unit, shown once.
func (s *Server) adminInvite(w http.ResponseWriter, r *http.Request, u *deskUser) {
	unit, err := formID(r, "unit")
	role := nb.Role(r.PostFormValue("role"))
	switch {
	case err != nil:
	case !role.Valid() || role == nb.RoleResident:
		err = nb.Errorf(nb.EINVALID, "unknown role %q", role)
	case unit == 0 && role != nb.RoleAdmin:
		err = nb.Errorf(nb.EINVALID, "choose a unit for role %s", role)
	default:
		err = u.administers(unit)
	}
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	inv := &nb.Invite{Code: nb.NewCode(), Role: role, UnitID: unit}
	err = s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error {
		inv.ExpiresAt = tx.Now().Add(s.desk.cfg.InviteTTL)
		return tx.CreateInvite(inv)
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.showAdmin(w, r, u, inv.Code)
}

// adminRevokeInvite cancels an unused invite code.
func (s *Server) adminRevokeInvite(w http.ResponseWriter, r *http.Request, u *deskUser) {
	s.adminDo(w, r, u, func(tx nb.Tx) error {
		inv, err := tx.RevokeInvite(strings.ToUpper(strings.TrimSpace(r.PostFormValue("code"))))
		if err != nil {
			return err
		}
		return u.administers(inv.UnitID) // another scope's code: rolled back
	})
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
