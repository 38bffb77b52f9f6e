package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

const caseColumns = `cases.id, cases.stage, cases.text, cases.category, cases.location, cases.location_norm,
	cases.priority, cases.confidence, cases.quiet, COALESCE(cases.unit_id, 0), COALESCE(cases.chat_id, 0),
	cases.report_msg, COALESCE(cases.reporter_id, 0), COALESCE(cases.owner_unit_id, 0), cases.due_at,
	COALESCE(cases.merged_into, 0), cases.rating, COALESCE(cases.whistle_unit_id, 0), cases.whistle_due_at,
	cases.created_at, cases.updated_at, cases.resolved_at, cases.closed_at, cases.suggested_duplicate,
	cases.due_remind_at, cases.due_escalated_at, cases.whistle_reminded_at, cases.whistle_escalated_at,
	cases.topic_escalated_at, cases.extensions, cases.first_response_at,
	cases.stage = 'dismissed' AND EXISTS (SELECT 1 FROM events AS withdrawal
		WHERE withdrawal.case_id = cases.id AND withdrawal.kind = 'withdraw')`

func scanCase(row scanner) (*nb.Case, error) {
	var c nb.Case
	err := row.Scan(&c.ID, &c.Stage, &c.Text, &c.Category, &c.Location, &c.LocationNorm,
		&c.Priority, &c.Confidence, &c.Quiet, &c.UnitID, &c.ChatID,
		&c.ReportMsg, &c.ReporterID, &c.OwnerUnitID, scanTime(&c.DueAt),
		&c.MergedInto, &c.Rating, &c.WhistleUnitID, scanTime(&c.WhistleDueAt),
		scanTime(&c.CreatedAt), scanTime(&c.UpdatedAt), scanTime(&c.ResolvedAt), scanTime(&c.ClosedAt),
		&c.SuggestedDuplicate,
		scanTime(&c.DueRemindAt), scanTime(&c.DueEscalatedAt), scanTime(&c.WhistleRemindedAt),
		scanTime(&c.WhistleEscalatedAt), scanTime(&c.TopicEscalatedAt), &c.Extensions, scanTime(&c.FirstResponseAt),
		&c.Withdrawn)
	return &c, err
}

// caseValues returns the values of the mutable columns, in the order of
// caseSet and of the INSERT in CreateCase.
func caseValues(c *nb.Case) []any {
	return []any{c.Stage, c.Text, c.Category, c.Location, c.LocationNorm,
		c.Priority, c.Confidence, c.Quiet, nullID(c.UnitID), nullID(c.ChatID),
		c.ReportMsg, nullID(c.ReporterID), nullID(c.OwnerUnitID), toMillis(c.DueAt),
		nullID(c.MergedInto), c.Rating, nullID(c.WhistleUnitID), toMillis(c.WhistleDueAt),
		toMillis(c.UpdatedAt), toMillis(c.ResolvedAt), toMillis(c.ClosedAt), c.SuggestedDuplicate,
		toMillis(c.DueRemindAt), toMillis(c.DueEscalatedAt), toMillis(c.WhistleRemindedAt),
		toMillis(c.WhistleEscalatedAt), toMillis(c.TopicEscalatedAt), c.Extensions, toMillis(c.FirstResponseAt)}
}

const caseSet = `stage = ?, text = ?, category = ?, location = ?, location_norm = ?,
	priority = ?, confidence = ?, quiet = ?, unit_id = ?, chat_id = ?,
	report_msg = ?, reporter_id = ?, owner_unit_id = ?, due_at = ?,
	merged_into = ?, rating = ?, whistle_unit_id = ?, whistle_due_at = ?,
	updated_at = ?, resolved_at = ?, closed_at = ?, suggested_duplicate = ?,
	due_remind_at = ?, due_escalated_at = ?, whistle_reminded_at = ?, whistle_escalated_at = ?,
	topic_escalated_at = ?, extensions = ?, first_response_at = ?`

// CreateCase stores a new case (stage topic if unset), setting its ID,
// CreatedAt and UpdatedAt.
func (tx *tx) CreateCase(c *nb.Case) error {
	if c.Stage == "" {
		c.Stage = nb.StageTopic
	}
	c.CreatedAt = tx.Now()
	c.UpdatedAt = c.CreatedAt
	args := append(caseValues(c), toMillis(c.CreatedAt))
	err := tx.queryRow(`INSERT INTO cases (stage, text, category, location, location_norm,
		priority, confidence, quiet, unit_id, chat_id,
		report_msg, reporter_id, owner_unit_id, due_at,
		merged_into, rating, whistle_unit_id, whistle_due_at,
		updated_at, resolved_at, closed_at, suggested_duplicate,
		due_remind_at, due_escalated_at, whistle_reminded_at, whistle_escalated_at,
		topic_escalated_at, extensions, first_response_at, created_at)
		VALUES (`+placeholders(30)+`) RETURNING id`, args...).Scan(&c.ID)
	if tx.isForeignKey(err) {
		return notFound("the case's chat, unit, reporter or merge target does not exist")
	} else if err != nil {
		return fmt.Errorf("insert case: %w", err)
	}
	return nil
}

// UpdateCase writes every mutable field of c and sets its UpdatedAt.
func (tx *tx) UpdateCase(c *nb.Case) error {
	c.UpdatedAt = tx.Now()
	err := tx.execOne(notFound("case #%d not found", c.ID),
		`UPDATE cases SET `+caseSet+` WHERE id = ?`, append(caseValues(c), c.ID)...)
	if tx.isForeignKey(err) {
		return notFound("the case's chat, unit, reporter or merge target does not exist")
	} else if err != nil {
		return fmt.Errorf("update case: %w", err)
	}
	return nil
}

// FindCaseByID returns case #id.
func (tx *tx) FindCaseByID(id int64) (*nb.Case, error) {
	c, err := scanCase(tx.queryRow(`SELECT `+caseColumns+` FROM cases WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("case #%d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find case: %w", err)
	}
	return c, nil
}

// FindCaseByMessage finds the case reported by a message, or the case a
// sent bot message in that chat was about.
func (tx *tx) FindCaseByMessage(p nb.Platform, chatExternalID, messageID string) (*nb.Case, error) {
	if messageID == "" {
		return nil, notFound("no case for that message")
	}
	c, err := scanCase(tx.queryRow(`SELECT `+caseColumns+` FROM cases JOIN chats ON chats.id = cases.chat_id
		WHERE chats.platform = ? AND chats.external_id = ? AND cases.report_msg = ?
		ORDER BY cases.id LIMIT 1`, p, chatExternalID, messageID))
	if errors.Is(err, sql.ErrNoRows) {
		c, err = scanCase(tx.queryRow(`SELECT `+caseColumns+` FROM cases JOIN outbox ON outbox.case_id = cases.id
			WHERE outbox.platform = ? AND outbox.chat_external_id = ? AND outbox.external_id = ?
			AND outbox.status = 'sent' ORDER BY outbox.id LIMIT 1`, p, chatExternalID, messageID))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("no case for that message")
	} else if err != nil {
		return nil, fmt.Errorf("find case by message: %w", err)
	}
	return c, nil
}

// Case list limits.
const (
	defaultCaseLimit = 50
	maxCaseLimit     = 500
)

// caseWhere turns a filter into a WHERE clause on cases.
func caseWhere(f nb.CaseFilter) *where {
	var w where
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			w.add(`0 = 1`)
		} else {
			w.add(`cases.id IN (`+placeholders(len(f.IDs))+`)`, idArgs(f.IDs)...)
		}
	}
	if len(f.Stages) > 0 {
		args := make([]any, len(f.Stages))
		for i, s := range f.Stages {
			args[i] = s
		}
		w.add(`cases.stage IN (`+placeholders(len(args))+`)`, args...)
	}
	if f.OpenOnly {
		w.add(`cases.stage IN ('topic', 'issue', 'project')`)
	}
	if f.QuietOnly {
		w.add(`cases.quiet`)
	}
	if f.LoudOnly {
		w.add(`NOT cases.quiet`)
	}
	if f.UnitID != 0 {
		w.add(`cases.unit_id = ?`, f.UnitID)
	}
	if f.ChatID != 0 {
		w.add(`cases.chat_id = ?`, f.ChatID)
	}
	if f.UnitIDs != nil || f.OwnerUnitIDs != nil {
		unitsWhere(&w, f.UnitIDs, f.OwnerUnitIDs)
	}
	if !f.ResolvedBefore.IsZero() {
		w.add(`cases.resolved_at > 0 AND cases.resolved_at < ?`, toMillis(f.ResolvedBefore))
	}
	if f.Category != "" {
		w.add(`cases.category = ?`, f.Category)
	}
	if f.FollowerID != 0 {
		w.add(`EXISTS (SELECT 1 FROM followers WHERE followers.case_id = cases.id AND followers.person_id = ?)`,
			f.FollowerID)
	}
	if !f.Since.IsZero() {
		w.add(`cases.created_at >= ?`, toMillis(f.Since))
	}
	if !f.Before.IsZero() {
		w.add(`cases.created_at < ?`, toMillis(f.Before))
	}
	if f.Priority != "" {
		w.add(`cases.priority = ?`, f.Priority)
	}
	if f.ExceptPriority != "" {
		w.add(`cases.priority <> ?`, f.ExceptPriority)
	}
	if f.WhistleOpen {
		w.add(`cases.whistle_unit_id IS NOT NULL`)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + likeEscaper.Replace(t) + "%"
		w.add(`(cases.text LIKE ? ESCAPE '\' OR cases.location LIKE ? ESCAPE '\')`, like, like)
	}
	if !f.OverdueAt.IsZero() {
		w.add(`cases.stage = 'project' AND cases.due_at > 0 AND cases.due_at < ?`, toMillis(f.OverdueAt))
	}
	return &w
}

// ListCases returns the cases f selects, newest first.
func (tx *tx) ListCases(f nb.CaseFilter) ([]*nb.Case, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCaseLimit
	}
	limit = min(limit, maxCaseLimit)
	w := caseWhere(f)
	args := append(w.args, limit, max(f.Offset, 0))
	order := ` ORDER BY cases.id DESC`
	if f.ByDue {
		order = ` ORDER BY CASE WHEN cases.stage = 'project' AND cases.due_at > 0 THEN cases.due_at ELSE ` +
			`cases.created_at + 9000000000000 END, cases.id`
	}
	list, err := queryList(tx, scanCase, `SELECT `+caseColumns+` FROM cases`+w.String()+
		order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return list, nil
}

// CountCases counts the cases f selects, ignoring its Offset and Limit.
func (tx *tx) CountCases(f nb.CaseFilter) (int, error) {
	w := caseWhere(f)
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM cases`+w.String(), w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// likeEscaper escapes the wildcards of a LIKE pattern (with ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// idArgs turns ids into query arguments.
func idArgs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// unitsWhere selects the cases of units, or owned by or whistled to one
// of owners; none of either selects nothing.
func unitsWhere(w *where, units, owners []int64) {
	var ors []string
	var args []any
	if len(units) > 0 {
		ors = append(ors, `cases.unit_id IN (`+placeholders(len(units))+`)`)
		args = append(args, idArgs(units)...)
	}
	if len(owners) > 0 {
		ph := placeholders(len(owners))
		ors = append(ors, `cases.owner_unit_id IN (`+ph+`)`, `cases.whistle_unit_id IN (`+ph+`)`)
		args = append(append(args, idArgs(owners)...), idArgs(owners)...)
	}
	if len(ors) == 0 {
		w.add(`0 = 1`)
		return
	}
	w.add(`(`+strings.Join(ors, ` OR `)+`)`, args...)
}
