package web

import (
	"net/http"
	"os"
	"strconv"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// DeskMedia opens the photos a platform keeps on disk (WeChat's, by content
// hash; wired in cmd/neighborbot). A reference comes from the store, never
// from a request, and the implementation opens only kept photos' names.
type DeskMedia interface {
	Serves(platform nb.Platform) bool
	// OpenPhoto opens photo ref and returns its content type; ENOTFOUND
	// when it is not kept.
	OpenPhoto(platform nb.Platform, ref string) (*os.File, string, error)
}

// deskMediaRoutes registers the case photos (when the desk has media).
func (s *Server) deskMediaRoutes(mux *http.ServeMux) {
	if s.desk.cfg.Media == nil {
		return
	}
	mux.HandleFunc("GET /desk/cases/{id}/photos/{photo}", s.deskAuth(s.deskPhoto))
	if s.desk.cfg.Notices != nil {
		mux.HandleFunc("GET /desk/notices/{id}/photo", s.deskAuth(s.approverOnly(s.deskNoticePhoto)))
	}
}

// mayShowNotice reports whether the notices pages can show n's photo.
func (d *desk) mayShowNotice(n *nb.Notice) bool {
	return d.cfg.Media != nil && n.Photo != nil && n.Photo.Kind == "photo" && d.cfg.Media.Serves(n.Platform)
}

// deskNoticePhoto serves the photo of notice {id} to its author and the
// officers of its scope (those who may see its status), so that an approver
// sees what they approve.
func (s *Server) deskNoticePhoto(w http.ResponseWriter, r *http.Request, u *deskUser) {
	id, err := noticeID(r)
	var n *nb.Notice
	if err == nil {
		err = s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) (err error) {
			n, _, err = s.desk.cfg.Notices.Status(tx, u.Actor, id)
			return err
		})
	}
	if err == nil && !s.desk.mayShowNotice(n) {
		err = nb.Errorf(nb.ENOTFOUND, "notice B%d has no photo kept here", id)
	}
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.servePhoto(w, r, u, n.Platform, n.Photo.FileRef)
}

// mayShow reports whether the case page can show photo a itself.
func (d *desk) mayShow(a *nb.CaseAttachment) bool {
	return d.cfg.Media != nil && a.Kind == "photo" && d.cfg.Media.Serves(a.Platform)
}

// deskPhoto serves photo {photo} of case {id} to a viewer who may see the
// case: the photo is found among the case's attachments, so the URL names
// only numbers.
func (s *Server) deskPhoto(w http.ResponseWriter, r *http.Request, u *deskUser) {
	id, err := caseID(r)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	pid, err := strconv.ParseInt(r.PathValue("photo"), 10, 64)
	if err != nil || pid <= 0 {
		s.deskFail(w, r, u, nb.Errorf(nb.EINVALID, "photo number %q", r.PathValue("photo")))
		return
	}
	var att *nb.CaseAttachment
	err = s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		c, err := visibleCase(tx, u, id)
		if err != nil {
			return err
		}
		list, err := tx.ListAttachments(c.ID)
		for _, a := range list {
			if a.ID == pid && s.desk.mayShow(a) {
				att = a
			}
		}
		if err == nil && att == nil {
			err = nb.Errorf(nb.ENOTFOUND, "photo %d of #%d", pid, c.ID)
		}
		return err
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.servePhoto(w, r, u, att.Platform, att.FileRef)
}

// servePhoto writes photo ref of platform, kept by the bot, with its content
// type; the page may not run anything.
func (s *Server) servePhoto(w http.ResponseWriter, r *http.Request, u *deskUser, platform nb.Platform, ref string) {
	f, ctype, err := s.desk.cfg.Media.OpenPhoto(platform, ref)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=3600")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", time.Time{}, f)
}
