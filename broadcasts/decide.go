package broadcasts

import (
	nb "github.com/neighborbot/neighborbot"
)

// load finds notice id.
func load(tx nb.Tx, id int64) (*nb.Notice, nb.UnitTree, error) {
	n, err := tx.FindNotice(id)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return nil, nil, refuse(nb.ENOTFOUND, "notice_not_found", id)
	} else if err != nil {
		return nil, nil, err
	}
	tree, err := tx.UnitTree()
	return n, tree, err
}

// decidable loads notice id for an officer of its scope to decide.
func decidable(tx nb.Tx, actor nb.Actor, id int64) (*nb.Notice, nb.UnitTree, error) {
	n, tree, err := load(tx, id)
	if err != nil {
		return nil, nil, err
	}
	if !IsApprover(actor, tree, n.UnitID) {
		return nil, nil, refuse(nb.EFORBIDDEN, "notice_decide_forbidden", n.Code(), tree.Name(n.UnitID))
	}
	if n.Status != nb.NoticeAwaiting {
		return nil, nil, refuse(nb.ECONFLICT, "notice_not_awaiting", n.Code(), string(n.Status))
	}
	return n, tree, nil
}

// ApproveTx approves notice id: its copies are queued to every group of
// its scope, and its author is told.
func (s *Service) ApproveTx(tx nb.Tx, actor nb.Actor, id int64) (*Result, error) {
	n, tree, err := decidable(tx, actor, id)
	if err != nil {
		return nil, err
	}
	n.Status, n.DecidedBy, n.DecidedAt = nb.NoticeQueued, actor.PersonID, tx.Now()
	if err := tx.UpdateNotice(n); err != nil {
		return nil, err
	}
	res, err := s.fanOut(tx, n, tree)
	if err != nil {
		return nil, err
	}
	if res.Told, err = s.tellAuthor(tx, n, s.words.Decided(n, res.Queued)); err != nil {
		return nil, err
	}
	return res, audit(tx, nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastApproved, ActorID: actor.PersonID, UnitID: n.UnitID})
}

// RejectTx refuses notice id with a reason its author is told.
func (s *Service) RejectTx(tx nb.Tx, actor nb.Actor, id int64, reason string) (*Result, error) {
	n, _, err := decidable(tx, actor, id)
	if err != nil {
		return nil, err
	}
	n.Status, n.DecidedBy, n.DecidedAt, n.Reason = nb.NoticeRejected, actor.PersonID, tx.Now(), reason
	if err := tx.UpdateNotice(n); err != nil {
		return nil, err
	}
	res := &Result{Notice: n}
	if res.Told, err = s.tellAuthor(tx, n, s.words.Decided(n, 0)); err != nil {
		return nil, err
	}
	return res, audit(tx, nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastRejected, ActorID: actor.PersonID,
		UnitID: n.UnitID, Note: reason})
}

// CancelTx withdraws notice id before it is sent: a notice waiting for
// approval, or the copies of a queued one not yet sent. Its author and the
// officers of its scope may. It returns the copies given up.
func (s *Service) CancelTx(tx nb.Tx, actor nb.Actor, id int64) (*nb.Notice, int, error) {
	n, tree, err := load(tx, id)
	if err != nil {
		return nil, 0, err
	}
	if n.AuthorID != actor.PersonID && !IsApprover(actor, tree, n.UnitID) {
		return nil, 0, refuse(nb.EFORBIDDEN, "notice_cancel_forbidden", n.Code())
	}
	if !n.Status.Open() {
		return nil, 0, refuse(nb.ECONFLICT, "notice_not_open", n.Code(), string(n.Status))
	}
	left, err := s.cancel(tx, actor, n, "")
	if err != nil {
		return nil, 0, err
	}
	if n.Status == nb.NoticeQueued && left == 0 {
		return nil, 0, refuse(nb.ECONFLICT, "notice_cancel_late", n.Code())
	}
	return n, int(left), nil
}

// cancel gives up n's unsent copies and marks it cancelled, unless every
// copy is already out (a queued notice with nothing left stays queued).
func (s *Service) cancel(tx nb.Tx, actor nb.Actor, n *nb.Notice, note string) (int64, error) {
	left, err := tx.CancelNoticeDeliveries(n.ID)
	if err != nil {
		return 0, err
	}
	if n.Status == nb.NoticeQueued && left == 0 {
		return 0, nil
	}
	n.Status = nb.NoticeCancelled
	if err := tx.UpdateNotice(n); err != nil {
		return 0, err
	}
	return left, audit(tx, nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastCancelled, ActorID: actor.PersonID,
		UnitID: n.UnitID, Note: note})
}

// StatusTx returns notice id and its copies, for its author and the
// officers of its scope.
func (s *Service) StatusTx(tx nb.Tx, actor nb.Actor, id int64) (*nb.Notice, []*nb.NoticeDelivery, error) {
	n, tree, err := load(tx, id)
	if err != nil {
		return nil, nil, err
	}
	if n.AuthorID != actor.PersonID && !IsApprover(actor, tree, n.UnitID) {
		return nil, nil, refuse(nb.EFORBIDDEN, "notice_status_forbidden", n.Code())
	}
	ds, err := tx.ListNoticeDeliveries(n.ID)
	return n, ds, err
}
