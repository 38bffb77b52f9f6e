package web

import (
	"bytes"
	"errors"
	"net/http"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/refusals"
)

// page is what every desk template gets.
type page struct {
	U    *deskUser
	L    lang
	CSRF string
	D    any // the page's own data
}

// deskCSP allows no script at all: the desk is plain HTML forms, so text
// that slipped through escaping could still not run.
const deskCSP = "default-src 'self'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// render writes the named template with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, u *deskUser, data any) {
	p := page{U: u, L: u.L, D: data}
	if u.Session != nil {
		p.CSRF = u.Session.CSRF
	}
	var buf bytes.Buffer
	if err := s.desk.pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.logger.Error("render desk page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", deskCSP)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// deskMessage shows a page with one message.
func (s *Server) deskMessage(w http.ResponseWriter, r *http.Request, u *deskUser, status int, msg string) {
	s.render(w, r, status, "message", u, msg)
}

// deskFail shows err: a domain error's code decides the status and its
// message is shown; anything else is logged and shown as an internal error.
func (s *Server) deskFail(w http.ResponseWriter, r *http.Request, u *deskUser, err error) {
	code := nb.ErrorCode(err)
	status := map[string]int{nb.ENOTFOUND: http.StatusNotFound, nb.EINVALID: http.StatusBadRequest,
		nb.ECONFLICT: http.StatusConflict, nb.EFORBIDDEN: http.StatusForbidden}[code]
	if status == 0 {
		var te *nb.TransitionError
		if errors.As(err, &te) {
			s.deskMessage(w, r, u, http.StatusConflict, u.L.T("conflict", te.Error()))
			return
		}
		s.logger.Error("desk request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.deskMessage(w, r, u, http.StatusInternalServerError, u.L.T("internal"))
		return
	}
	s.deskMessage(w, r, u, status, u.L.T(code, refusals.Text(err, u.L == 1)))
}
