package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/password"
)

// Cookie names of the desk.
const (
	sessionCookie = "nb_desk"
	loginCookie   = "nb_desk_login" // the login form's CSRF token (double submit)
)

// maxFormBody is the largest form the desk takes.
const maxFormBody = 64 << 10

// deskUser is the person a desk request is made by.
type deskUser struct {
	Person  *nb.Person
	Actor   nb.Actor
	Session *nb.Session
	Tree    nb.UnitTree
	L       lang
}

// IsAdmin reports whether the user holds the admin role anywhere.
func (u *deskUser) IsAdmin() bool { return u.Actor.HasRole(nb.RoleAdmin) }

// deskHandler is a desk page for a logged-in user.
type deskHandler func(w http.ResponseWriter, r *http.Request, u *deskUser)

// newSecret returns n random bytes, base64url-encoded.
func newSecret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// deskAuth lets only logged-in staff through; a form must carry the
// session's CSRF token and come from this site.
func (s *Server) deskAuth(next deskHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l := langOf(w, r)
		u, err := s.deskSession(r)
		if err != nil {
			if nb.ErrorCode(err) != nb.ENOTFOUND {
				s.deskFail(w, r, &deskUser{L: l}, err)
				return
			}
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/desk/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.deskMessage(w, r, &deskUser{L: l}, http.StatusForbidden, l.T("bad_form"))
			return
		}
		u.L = l
		if !u.Actor.HasRole(nb.DeskRoles...) {
			s.deskMessage(w, r, u, http.StatusForbidden, l.T("no_role"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		if r.Method == http.MethodPost && !sameOriginForm(r, u.Session.CSRF) {
			s.deskMessage(w, r, u, http.StatusForbidden, l.T("bad_form"))
			return
		}
		next(w, r, u)
	}
}

// sameOriginForm checks a form's CSRF token and, when the browser names
// one, that its Origin is this site.
func sameOriginForm(r *http.Request, want string) bool {
	if o := r.Header.Get("Origin"); o != "" {
		ou, err := url.Parse(o)
		if err != nil || !strings.EqualFold(ou.Host, r.Host) {
			return false
		}
	}
	got := r.PostFormValue("csrf")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// deskSession loads the session of the request's cookie with its person,
// their grants and the unit tree (ENOTFOUND without a valid session).
func (s *Server) deskSession(r *http.Request) (*deskUser, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nb.Errorf(nb.ENOTFOUND, "no session")
	}
	u := &deskUser{}
	err = s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		var err error
		if u.Session, err = tx.FindSession(nb.HashSecret(c.Value)); err != nil {
			return err
		}
		if u.Person, err = tx.FindPersonByID(u.Session.PersonID); err != nil {
			return err
		}
		grants, err := tx.ListGrants(u.Person.ID)
		if err != nil {
			return err
		}
		u.Actor = nb.Actor{PersonID: u.Person.ID, Grants: grants}
		u.Tree, err = tx.UnitTree()
		return err
	})
	return u, err
}

// deskLoginPage shows the login form (a code from the bot's link filled in).
func (s *Server) deskLoginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "")
}

// renderLogin shows the login form with a fresh form token and msg.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	l := langOf(w, r)
	token := newSecret(18)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: token, Path: "/desk/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r), MaxAge: 3600})
	s.render(w, r, status, "login", &deskUser{L: l}, map[string]any{
		"Token": token, "Code": r.FormValue("code"), "Name": r.PostFormValue("name"), "Next": safeNext(r.FormValue("next")),
		"Error": msg,
	})
}

// secure reports whether cookies must be Secure.
func (s *Server) secure(r *http.Request) bool { return s.desk.cfg.SecureCookies || r.TLS != nil }

// safeNext keeps a redirect target only if it is a desk page of this site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/desk/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n") {
		return next
	}
	return "/desk/"
}

// deskLogin logs a person in with their name and password, or with a
// one-time code from the bot. Failures are counted per address and per
// name; too many lock both for a while.
func (s *Server) deskLogin(w http.ResponseWriter, r *http.Request) {
	l := langOf(w, r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	c, err := r.Cookie(loginCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("token"))) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, l.T("bad_form"))
		return
	}
	keys := []string{"desk:ip:" + clientIP(r)}
	name := strings.TrimSpace(r.PostFormValue("name"))
	code := strings.ToUpper(strings.TrimSpace(r.PostFormValue("code")))
	if code == "" {
		keys = append(keys, "desk:name:"+string([]rune(name)[:min(len([]rune(name)), 64)]))
	}
	if until, err := s.loginLocked(r, keys); err != nil {
		s.deskFail(w, r, &deskUser{L: l}, err)
		return
	} else if !until.IsZero() {
		s.renderLogin(w, r, http.StatusTooManyRequests, l.T("locked", until.In(s.desk.cfg.Location).Format("15:04")))
		return
	}
	var personID int64
	if code != "" {
		personID, err = s.useCode(r, code)
	} else {
		personID, err = s.checkPassword(r, name, r.PostFormValue("password"))
	}
	if err == nil {
		err = s.startSession(w, r, personID, keys[1:])
	}
	switch {
	case err == nil:
		http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	case nb.ErrorCode(err) == nb.EINVALID || nb.ErrorCode(err) == nb.ENOTFOUND:
		if ferr := s.loginFailed(r, keys); ferr != nil {
			s.deskFail(w, r, &deskUser{L: l}, ferr)
			return
		}
		msg := l.T("bad_login")
		if code != "" {
			msg = l.T("bad_code")
		}
		s.renderLogin(w, r, http.StatusUnauthorized, msg)
	case nb.ErrorCode(err) == nb.EFORBIDDEN:
		s.renderLogin(w, r, http.StatusForbidden, l.T("no_role"))
	default:
		s.deskFail(w, r, &deskUser{L: l}, err)
	}
}

// clientIP is the address the request came from (a proxy in front of the
// desk counts as one address: set its limits accordingly).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginLocked returns until when one of keys is locked (zero if none).
func (s *Server) loginLocked(r *http.Request, keys []string) (time.Time, error) {
	var until time.Time
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		for _, k := range keys {
			a, err := tx.FindAttempts(k)
			if err != nil {
				return err
			}
			if a.Locked(tx.Now()) && a.LockedUntil.After(until) {
				until = a.LockedUntil
			}
		}
		return nil
	})
	return until, err
}

// loginFailed counts a failed login against each key.
func (s *Server) loginFailed(r *http.Request, keys []string) error {
	return s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error {
		for _, k := range keys {
			a, err := tx.FindAttempts(k)
			if err != nil {
				return err
			}
			a.Fail(tx.Now(), s.desk.cfg.LoginLimit)
			if err := tx.PutAttempts(a); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkPassword returns the person whose login and password match
// (EINVALID otherwise). The hash is compared outside any transaction.
func (s *Server) checkPassword(r *http.Request, name, pw string) (int64, error) {
	var acc *nb.Account
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) (err error) {
		acc, err = tx.FindAccountByLogin(name)
		return err
	})
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		password.Waste(pw)
		return 0, nb.Errorf(nb.EINVALID, "wrong name or password")
	} else if err != nil {
		return 0, err
	}
	if !password.Check(acc.PasswordHash, pw) {
		return 0, nb.Errorf(nb.EINVALID, "wrong name or password")
	}
	return acc.PersonID, nil
}

// useCode redeems a one-time login code and returns its person.
func (s *Server) useCode(r *http.Request, code string) (int64, error) {
	var personID int64
	err := s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error {
		c, err := tx.UseLoginCode(nb.HashSecret(code))
		if err != nil {
			return err
		}
		personID = c.PersonID
		return nil
	})
	return personID, err
}

// startSession logs personID in, if they hold a staff role: it stores a
// session, sets its cookie, clears the failures counted against clear and
// prunes expired sessions.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, personID int64, clear []string) error {
	token := newSecret(32)
	sess := &nb.Session{TokenHash: nb.HashSecret(token), PersonID: personID, CSRF: newSecret(24)}
	err := s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error {
		grants, err := tx.ListGrants(personID)
		if err != nil {
			return err
		}
		if !(nb.Actor{Grants: grants}).HasRole(nb.DeskRoles...) {
			return nb.Errorf(nb.EFORBIDDEN, "no staff role")
		}
		for _, k := range clear {
			if err := tx.PutAttempts(&nb.Attempts{Key: k}); err != nil {
				return err
			}
		}
		if _, err := tx.PruneSessions(tx.Now()); err != nil {
			return err
		}
		sess.ExpiresAt = tx.Now().Add(s.desk.cfg.SessionTTL)
		return tx.CreateSession(sess)
	})
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/desk/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: int(s.desk.cfg.SessionTTL.Seconds())})
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/desk/login", MaxAge: -1})
	return nil
}

// deskLogout ends the session.
func (s *Server) deskLogout(w http.ResponseWriter, r *http.Request, u *deskUser) {
	err := s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error { return tx.DeleteSession(u.Session.TokenHash) })
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/desk/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/desk/login", http.StatusSeeOther)
}
