package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// DeskNotices is the broadcast service as the desk uses it (wired in
// cmd/neighborbot; handlers.DeskNotices implements it): deciding a notice
// here runs the same checks and queues the same posts as "#批准 B7" and
// "#拒绝 B7 原因" in chat. Refusals are domain errors with a readable message.
type DeskNotices interface {
	// MayDecide reports whether actor may approve notices to unit.
	MayDecide(actor nb.Actor, tree nb.UnitTree, unit int64) bool
	Approve(tx nb.Tx, actor nb.Actor, id int64) (queued int, err error)
	Reject(tx nb.Tx, actor nb.Actor, id int64, reason string) error
	// Status returns a notice and its group copies (the author and the
	// officers of its scope may see them).
	Status(tx nb.Tx, actor nb.Actor, id int64) (*nb.Notice, []*nb.NoticeDelivery, error)
}

// Bounds of the notices page.
const (
	maxAwaitingListed = 200
	maxRecentListed   = 50
)

// noticeRow is a notice as the notices page lists it.
type noticeRow struct {
	*nb.Notice
	Unit      string
	MayDecide bool
}

// noticesData is what the notices page shows.
type noticesData struct {
	Awaiting []noticeRow
	Recent   []noticeRow
	Done     string // what was just done, shown once
}

// deliveryGroup is the groups of one delivery state.
type deliveryGroup struct {
	State  nb.DeliveryState
	Groups []*nb.NoticeDelivery
}

// noticeData is what a notice's status page shows.
type noticeData struct {
	noticeRow
	States []deliveryGroup
	Now    time.Time
}

// deskNoticeRoutes registers the broadcast approval pages (when the desk
// has the broadcast service).
func (s *Server) deskNoticeRoutes(mux *http.ServeMux) {
	if s.desk.cfg.Notices == nil {
		return
	}
	mux.HandleFunc("GET /desk/notices", s.deskAuth(s.approverOnly(s.deskNotices)))
	mux.HandleFunc("GET /desk/notices/{id}", s.deskAuth(s.approverOnly(s.deskNotice)))
	mux.HandleFunc("POST /desk/notices/{id}/approve", s.deskAuth(s.approverOnly(s.deskApprove)))
	mux.HandleFunc("POST /desk/notices/{id}/reject", s.deskAuth(s.approverOnly(s.deskReject)))
}

// noticeRoles may use the notices pages: those who approve notices.
var noticeRoles = []nb.Role{nb.RoleOfficer, nb.RoleAdmin}

// approverOnly lets only officers and admins through.
func (s *Server) approverOnly(next deskHandler) deskHandler {
	return func(w http.ResponseWriter, r *http.Request, u *deskUser) {
		if !u.Actor.HasRole(noticeRoles...) {
			s.deskFail(w, r, u, nb.Errorf(nb.EFORBIDDEN, "notices are decided by officers"))
			return
		}
		next(w, r, u)
	}
}

// noticeDone are the ?done= values the notices page acknowledges.
var noticeDone = map[string]string{"approved": "notice_approved", "rejected": "notice_rejected"}

// deskNotices lists the notices waiting for approval within the user's
// area, with approve and reject forms, and the recent notices of that area
// with a link to their delivery.
func (s *Server) deskNotices(w http.ResponseWriter, r *http.Request, u *deskUser) {
	d := noticesData{}
	if key, ok := noticeDone[r.URL.Query().Get("done")]; ok {
		if id, ok := nb.ParseNoticeCode(r.URL.Query().Get("n")); ok {
			d.Done = u.L.T(key, "B"+strconv.FormatInt(id, 10))
		}
	}
	nt := s.desk.cfg.Notices
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		waiting, err := tx.ListNotices(nb.NoticeFilter{Statuses: []nb.NoticeStatus{nb.NoticeAwaiting}, Limit: maxAwaitingListed})
		if err != nil {
			return err
		}
		for _, n := range waiting {
			if nt.MayDecide(u.Actor, u.Tree, n.UnitID) {
				d.Awaiting = append(d.Awaiting, noticeRow{n, u.Tree.Name(n.UnitID), true})
			}
		}
		recent, err := tx.ListNotices(nb.NoticeFilter{Statuses: []nb.NoticeStatus{nb.NoticeQueued, nb.NoticeRejected,
			nb.NoticeCancelled}, Limit: maxAwaitingListed})
		if err != nil {
			return err
		}
		for _, n := range recent {
			if len(d.Recent) < maxRecentListed && (n.AuthorID == u.Person.ID || nt.MayDecide(u.Actor, u.Tree, n.UnitID)) {
				d.Recent = append(d.Recent, noticeRow{Notice: n, Unit: u.Tree.Name(n.UnitID)})
			}
		}
		return nil
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.render(w, r, http.StatusOK, "notices", u, d)
}

// noticeID reads the notice number of the URL ("7" or "B7").
func noticeID(r *http.Request) (int64, error) {
	id, ok := nb.ParseNoticeCode(r.PathValue("id"))
	if !ok {
		return 0, nb.Errorf(nb.EINVALID, "notice number %q", r.PathValue("id"))
	}
	return id, nil
}

// deliveryOrder is the order the status page lists delivery states in
// (an archived copy was delivered long ago and is listed with delivered).
var deliveryOrder = []nb.DeliveryState{nb.DeliveryDelivered, nb.DeliveryPending, nb.DeliveryFailed, nb.DeliveryCancelled}

// deskNotice shows a notice and where each group's copy stands, as
// "#通知状态 B7" does.
func (s *Server) deskNotice(w http.ResponseWriter, r *http.Request, u *deskUser) {
	id, err := noticeID(r)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	var d noticeData
	err = s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		n, ds, err := s.desk.cfg.Notices.Status(tx, u.Actor, id)
		if err != nil {
			return err
		}
		d.noticeRow = noticeRow{n, u.Tree.Name(n.UnitID), n.Status == nb.NoticeAwaiting &&
			s.desk.cfg.Notices.MayDecide(u.Actor, u.Tree, n.UnitID)}
		d.Now = tx.Now()
		by := map[nb.DeliveryState][]*nb.NoticeDelivery{}
		for _, dl := range ds {
			st := dl.State
			if st == nb.DeliveryArchived {
				st = nb.DeliveryDelivered
			}
			by[st] = append(by[st], dl)
		}
		for _, st := range deliveryOrder {
			d.States = append(d.States, deliveryGroup{st, by[st]})
		}
		return nil
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.render(w, r, http.StatusOK, "notice", u, d)
}

// deskApprove approves a notice through the broadcast service: its copies
// are queued to every group of its scope and its author is told.
func (s *Server) deskApprove(w http.ResponseWriter, r *http.Request, u *deskUser) {
	s.decideNotice(w, r, u, "approved", func(tx nb.Tx, id int64) error {
		queued, err := s.desk.cfg.Notices.Approve(tx, u.Actor, id)
		if err == nil {
			s.logger.Info("notice approved on the desk", "notice", id, "by", u.Person.ID, "queued", queued)
		}
		return err
	})
}

// deskReject refuses a notice with the reason its author is told.
func (s *Server) deskReject(w http.ResponseWriter, r *http.Request, u *deskUser) {
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		s.deskFail(w, r, u, nb.Errorf(nb.EINVALID, "%s", u.L.T("need_reason")))
		return
	}
	s.decideNotice(w, r, u, "rejected", func(tx nb.Tx, id int64) error {
		err := s.desk.cfg.Notices.Reject(tx, u.Actor, id, reason)
		if err == nil {
			s.logger.Info("notice rejected on the desk", "notice", id, "by", u.Person.ID)
		}
		return err
	})
}

// decideNotice runs decide on the URL's notice in a transaction, wakes the
// senders for what it queued and goes back to the notices page.
func (s *Server) decideNotice(w http.ResponseWriter, r *http.Request, u *deskUser, done string, decide func(nb.Tx, int64) error) {
	id, err := noticeID(r)
	if err == nil {
		err = s.desk.cfg.Store.Update(r.Context(), func(tx nb.Tx) error { return decide(tx, id) })
	}
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	if s.desk.cfg.Wake != nil {
		s.desk.cfg.Wake()
	}
	http.Redirect(w, r, "/desk/notices?done="+done+"&n="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// decideForm is what the approve and reject forms of a notice need.
type decideForm struct {
	ID   int64
	L    lang
	CSRF string
}

// newDecideForm is the template function "decide".
func newDecideForm(id int64, l lang, csrf string) decideForm { return decideForm{id, l, csrf} }

// mayUseNotices reports whether the notices pages are on and u may use them.
func (d *desk) mayUseNotices(u *deskUser) bool {
	return d.cfg.Notices != nil && u != nil && u.Actor.HasRole(noticeRoles...)
}

func init() {
	for k, v := range map[string][2]string{
		"notices":          {"通知审批", "Notices"},
		"notices_awaiting": {"待审批的通知", "Notices waiting for approval"},
		"notices_none":     {"没有待审批的通知。", "No notice is waiting for approval."},
		"notices_recent":   {"最近的通知", "Recent notices"},
		"notice_no":        {"编号", "No."},
		"notice_author":    {"发布人", "Author"},
		"notice_scope":     {"范围", "Scope"},
		"notice_why":       {"需审批原因", "Why approval"},
		"notice_status":    {"状态", "Status"},
		"notice_send_at":   {"预约时间", "Scheduled"},
		"notice_photo":     {"附照片", "with a photo"},
		"notice_urgent":    {"紧急", "urgent"},
		"approve":          {"批准", "Approve"},
		"reject":           {"拒绝", "Reject"},
		"reason":           {"拒绝原因", "Reason"},
		"need_reason":      {"请写明拒绝原因，发布人会收到。", "Give a reason; the author is told."},
		"notice_approved":  {"已批准 %s，正在发送到各群。", "Approved %s: it is going out to the groups."},
		"notice_rejected":  {"已拒绝 %s，已告知发布人。", "Rejected %s; its author was told."},
		"delivery_head":    {"发送情况", "Delivery"},
		"delivery_due":     {"（%s 发送）", " (due %s)"},
		"why:scope":        {"超出本人范围", "wider than the author's scope"},
		"why:link":         {"含链接", "holds a link"},
	} {
		deskTexts[k] = v
	}
	for k, v := range map[string][2]string{
		"notice:awaiting": {"待审批", "awaiting approval"}, "notice:queued": {"已批准", "approved"},
		"notice:rejected": {"已拒绝", "rejected"}, "notice:cancelled": {"已撤回", "cancelled"},
		"delivery:delivered": {"已送达", "delivered"}, "delivery:pending": {"待发送", "pending"},
		"delivery:failed": {"失败", "failed"}, "delivery:cancelled": {"已撤回", "cancelled"},
	} {
		deskNames[k] = v
	}
}

// WhyText says in l why the notice needs approval.
func (n noticeRow) WhyText(l lang) string {
	var parts []string
	for _, w := range strings.Split(n.Why, ",") {
		if w != "" {
			parts = append(parts, l.T("why:"+w))
		}
	}
	return strings.Join(parts, "、")
}
