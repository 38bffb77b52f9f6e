package handlers

import (
	"errors"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/broadcasts"
)

// DeskNotices lets the officers' desk decide notices through the broadcast
// service — the same checks, the same posts to the groups and the same
// answer to the author as "#批准 B7" and "#拒绝 B7 原因" — and see their
// delivery. A refusal becomes a domain error whose message is the sentence
// the chat would say. It implements web.DeskNotices.
type DeskNotices struct {
	svc *broadcasts.Service
	l   lang
}

// NewDeskNotices returns the desk's access to svc, speaking cfg's language.
func NewDeskNotices(cfg Config, svc *broadcasts.Service) *DeskNotices {
	cfg = cfg.withDefaults()
	return &DeskNotices{svc: svc, l: langFor(cfg.Language)}
}

// MayDecide reports whether actor may approve or reject notices to unit.
func (d *DeskNotices) MayDecide(actor nb.Actor, tree nb.UnitTree, unit int64) bool {
	return broadcasts.IsApprover(actor, tree, unit)
}

// Approve approves notice id and returns how many group copies it queued.
func (d *DeskNotices) Approve(tx nb.Tx, actor nb.Actor, id int64) (int, error) {
	res, err := d.svc.ApproveTx(tx, actor, id)
	if err != nil {
		return 0, d.explain(err)
	}
	return res.Queued, nil
}

// Reject refuses notice id with reason, which its author is told.
func (d *DeskNotices) Reject(tx nb.Tx, actor nb.Actor, id int64, reason string) error {
	_, err := d.svc.RejectTx(tx, actor, id, reason)
	return d.explain(err)
}

// Status returns notice id and its copies, for its author and the officers
// of its scope.
func (d *DeskNotices) Status(tx nb.Tx, actor nb.Actor, id int64) (*nb.Notice, []*nb.NoticeDelivery, error) {
	n, ds, err := d.svc.StatusTx(tx, actor, id)
	return n, ds, d.explain(err)
}

// explain turns the service's refusal into a domain error with the chat's
// sentence; other errors pass unchanged.
func (d *DeskNotices) explain(err error) error {
	var be *broadcasts.Error
	if !errors.As(err, &be) {
		return err
	}
	key, args := refusal(d.l, be)
	return nb.Errorf(be.Code, "%s", d.l.T(key, args...))
}
