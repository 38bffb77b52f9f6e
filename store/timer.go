package store

import (
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// timerWhere is, per timer action, the condition that makes a case due
// for it; the one ? is the query's Before.
var timerWhere = map[nb.Action]string{
	nb.ActionRemindAck: `cases.stage IN ('topic', 'issue', 'project') AND cases.whistle_unit_id IS NOT NULL AND cases.whistle_due_at > 0
		AND cases.whistle_due_at <= ? AND cases.whistle_reminded_at = 0 AND cases.whistle_escalated_at = 0`,
	nb.ActionEscalateAck: `cases.stage IN ('topic', 'issue', 'project') AND cases.whistle_unit_id IS NOT NULL AND cases.whistle_due_at > 0
		AND cases.whistle_due_at <= ? AND cases.whistle_escalated_at = 0`,
	nb.ActionRemindDue: `cases.stage = 'project' AND cases.due_remind_at > 0 AND cases.due_remind_at <= ?
		AND cases.due_escalated_at = 0`,
	nb.ActionEscalateDue: `cases.stage = 'project' AND cases.due_at > 0 AND cases.due_at <= ?
		AND cases.due_escalated_at = 0`,
	nb.ActionEscalateTopic: `cases.stage = 'topic' AND NOT cases.quiet AND cases.created_at <= ?
		AND cases.first_response_at = 0 AND cases.topic_escalated_at = 0`,
}

// timerOrder is the deadline each timer action orders its cases by.
var timerOrder = map[nb.Action]string{
	nb.ActionRemindAck: "cases.whistle_due_at", nb.ActionEscalateAck: "cases.whistle_due_at",
	nb.ActionRemindDue: "cases.due_remind_at", nb.ActionEscalateDue: "cases.due_at",
	nb.ActionEscalateTopic: "cases.created_at",
}

// ListTimerCases returns the cases due for q.Action, soonest first.
func (tx *tx) ListTimerCases(q nb.TimerQuery) ([]*nb.Case, error) {
	cond, ok := timerWhere[q.Action]
	if !ok {
		return nil, nb.Errorf(nb.EINVALID, "%s is not a timer action", q.Action)
	}
	if q.UrgentOnly {
		cond += ` AND cases.priority = 'urgent'`
	}
	limit := q.Limit
	if limit <= 0 || limit > maxCaseLimit {
		limit = maxCaseLimit
	}
	list, err := queryList(tx, scanCase, `SELECT `+caseColumns+` FROM cases WHERE `+cond+
		` ORDER BY `+timerOrder[q.Action]+`, cases.id LIMIT ?`, toMillis(q.Before), limit)
	if err != nil {
		return nil, fmt.Errorf("list %s cases: %w", q.Action, err)
	}
	return list, nil
}

// AcquireLease takes the named lease for holder until the given time if it
// is free, expired or already holder's.
func (tx *tx) AcquireLease(name, holder string, until time.Time) (bool, error) {
	res, err := tx.exec(`INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
		name, holder, toMillis(until), toMillis(tx.Now()))
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
