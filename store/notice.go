package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

const noticeColumns = `id, author_id, author_name, COALESCE(unit_id, 0), text, urgent, send_at, status, why,
	platform, chat_external_id, message_id, COALESCE(decided_by, 0), decided_at, reason, created_at, photo`

func scanNotice(row scanner) (*nb.Notice, error) {
	var n nb.Notice
	err := row.Scan(&n.ID, &n.AuthorID, &n.AuthorName, &n.UnitID, &n.Text, &n.Urgent, scanTime(&n.SendAt),
		&n.Status, &n.Why, &n.Platform, &n.ChatExternalID, &n.MessageID, &n.DecidedBy, scanTime(&n.DecidedAt),
		&n.Reason, scanTime(&n.CreatedAt), scanPhoto(&n.Photo))
	return &n, err
}

// CreateNotice stores a new notice, setting its ID and CreatedAt.
func (tx *tx) CreateNotice(n *nb.Notice) error {
	n.CreatedAt = tx.Now()
	err := tx.queryRow(`INSERT INTO notices (author_id, author_name, unit_id, text, urgent, send_at, status, why,
		platform, chat_external_id, message_id, decided_by, decided_at, reason, created_at, photo)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		n.AuthorID, n.AuthorName, nullID(n.UnitID), n.Text, n.Urgent, toMillis(n.SendAt), n.Status, n.Why,
		n.Platform, n.ChatExternalID, n.MessageID, nullID(n.DecidedBy), toMillis(n.DecidedAt), n.Reason,
		toMillis(n.CreatedAt), photoJSON(n.Photo)).Scan(&n.ID)
	if err != nil {
		return fmt.Errorf("create notice: %w", err)
	}
	return nil
}

// FindNotice returns notice id (ENOTFOUND if there is none).
func (tx *tx) FindNotice(id int64) (*nb.Notice, error) {
	n, err := scanNotice(tx.queryRow(`SELECT `+noticeColumns+` FROM notices WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("notice B%d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find notice: %w", err)
	}
	return n, nil
}

// UpdateNotice stores the notice's status, decision and schedule.
func (tx *tx) UpdateNotice(n *nb.Notice) error {
	err := tx.execOne(notFound("notice B%d not found", n.ID), `UPDATE notices SET urgent = ?, send_at = ?,
		status = ?, why = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?`,
		n.Urgent, toMillis(n.SendAt), n.Status, n.Why, nullID(n.DecidedBy), toMillis(n.DecidedAt), n.Reason, n.ID)
	if err != nil {
		return fmt.Errorf("update notice: %w", err)
	}
	return nil
}

// noticeWhere builds the conditions of f.
func noticeWhere(f nb.NoticeFilter) *where {
	w := &where{}
	if f.AuthorID != 0 {
		w.add(`author_id = ?`, f.AuthorID)
	}
	if len(f.Statuses) > 0 {
		args := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			args[i] = s
		}
		w.add(`status IN (`+placeholders(len(args))+`)`, args...)
	}
	if !f.Since.IsZero() {
		w.add(`created_at >= ?`, toMillis(f.Since))
	}
	return w
}

// ListNotices returns the notices f selects, newest first.
func (tx *tx) ListNotices(f nb.NoticeFilter) ([]*nb.Notice, error) {
	w := noticeWhere(f)
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	list, err := queryList(tx, scanNotice, `SELECT `+noticeColumns+` FROM notices`+w.String()+
		` ORDER BY id DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	return list, nil
}

// CountNotices counts the notices f selects.
func (tx *tx) CountNotices(f nb.NoticeFilter) (int, error) {
	w := noticeWhere(f)
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM notices`+w.String(), w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count notices: %w", err)
	}
	return n, nil
}

// AddNoticeDelivery records the notice's copy for a chat and queues m for
// it, unless the chat already has one.
func (tx *tx) AddNoticeDelivery(noticeID, chatID int64, m *nb.OutboxMessage) (bool, error) {
	res, err := tx.exec(`INSERT INTO notice_deliveries (notice_id, chat_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (notice_id, chat_id) DO NOTHING`, noticeID, chatID, toMillis(tx.Now()))
	if err != nil {
		return false, fmt.Errorf("add notice delivery: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if err := tx.EnqueueOutbox(m); err != nil {
		return false, err
	}
	_, err = tx.exec(`UPDATE notice_deliveries SET outbox_id = ? WHERE notice_id = ? AND chat_id = ?`,
		m.ID, noticeID, chatID)
	if err != nil {
		return false, fmt.Errorf("add notice delivery: %w", err)
	}
	return true, nil
}

// ListNoticeDeliveries returns the notice's copies by chat, with where each
// stands in the outbox.
func (tx *tx) ListNoticeDeliveries(noticeID int64) ([]*nb.NoticeDelivery, error) {
	list, err := queryList(tx, func(row scanner) (*nb.NoticeDelivery, error) {
		var d nb.NoticeDelivery
		var status sql.NullString
		err := row.Scan(&d.NoticeID, &d.ChatID, &d.Title, &d.Platform, &d.OutboxID, &status,
			scanTime(&d.DueAt), scanTime(&d.SentAt), &d.LastError)
		d.State = deliveryState(status.String, d.LastError)
		return &d, err
	}, `SELECT d.notice_id, d.chat_id, c.title, c.platform, d.outbox_id, o.status,
		COALESCE(o.next_attempt_at, 0), COALESCE(o.sent_at, 0), COALESCE(o.last_error, '')
		FROM notice_deliveries AS d JOIN chats AS c ON c.id = d.chat_id
		LEFT JOIN outbox AS o ON o.id = d.outbox_id
		WHERE d.notice_id = ? ORDER BY d.chat_id`, noticeID)
	if err != nil {
		return nil, fmt.Errorf("list notice deliveries: %w", err)
	}
	return list, nil
}

// deliveryState reads a copy's state from its outbox row ("" = pruned).
func deliveryState(status, lastErr string) nb.DeliveryState {
	switch nb.OutboxStatus(status) {
	case nb.OutboxPending:
		return nb.DeliveryPending
	case nb.OutboxSent:
		return nb.DeliveryDelivered
	case nb.OutboxFailed:
		if strings.HasPrefix(lastErr, nb.NoticeCancelledReason) {
			return nb.DeliveryCancelled
		}
		return nb.DeliveryFailed
	}
	return nb.DeliveryArchived
}

// CancelNoticeDeliveries gives up the copies of a notice that are pending
// and not in flight (claimed by a sender whose lease still runs).
func (tx *tx) CancelNoticeDeliveries(noticeID int64) (int64, error) {
	res, err := tx.exec(`UPDATE outbox SET status = 'failed', last_error = ?, lease_owner = ''
		WHERE id IN (SELECT outbox_id FROM notice_deliveries WHERE notice_id = ?)
		AND status = 'pending' AND (lease_owner = '' OR next_attempt_at <= ?)`,
		nb.NoticeCancelledReason, noticeID, toMillis(tx.Now()))
	if err != nil {
		return 0, fmt.Errorf("cancel notice deliveries: %w", err)
	}
	return res.RowsAffected()
}

// AppendBroadcastEvent adds an entry to the broadcasts' audit log.
func (tx *tx) AppendBroadcastEvent(e *nb.BroadcastEvent) error {
	e.At = tx.Now()
	err := tx.queryRow(`INSERT INTO broadcast_events (notice_id, kind, actor_id, person_id, unit_id, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, nullID(e.NoticeID), e.Kind, nullID(e.ActorID),
		nullID(e.PersonID), nullID(e.UnitID), e.Note, toMillis(e.At)).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("append broadcast event: %w", err)
	}
	return nil
}

// ListBroadcastEvents returns the audit entries of a notice (0: those of
// no notice, the appointments and revocations), oldest first.
func (tx *tx) ListBroadcastEvents(noticeID int64) ([]*nb.BroadcastEvent, error) {
	cond := `notice_id = ?`
	args := []any{noticeID}
	if noticeID == 0 {
		cond, args = `notice_id IS NULL`, nil
	}
	list, err := queryList(tx, func(row scanner) (*nb.BroadcastEvent, error) {
		var e nb.BroadcastEvent
		err := row.Scan(&e.ID, &e.NoticeID, &e.Kind, &e.ActorID, &e.PersonID, &e.UnitID, &e.Note, scanTime(&e.At))
		return &e, err
	}, `SELECT id, COALESCE(notice_id, 0), kind, COALESCE(actor_id, 0), COALESCE(person_id, 0),
		COALESCE(unit_id, 0), note, created_at FROM broadcast_events WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list broadcast events: %w", err)
	}
	return list, nil
}

// FindPeopleByName returns the people called name, oldest first.
func (tx *tx) FindPeopleByName(name string) ([]*nb.Person, error) {
	list, err := queryList(tx, scanPerson, `SELECT id, name, created_at FROM persons WHERE name = ? ORDER BY id`, name)
	if err != nil {
		return nil, fmt.Errorf("find people by name: %w", err)
	}
	return list, nil
}
