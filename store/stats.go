package store

import (
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// statsWhere selects the cases of f: reported in [From, To), in or owned by
// one of f's units.
func statsWhere(f nb.StatsFilter, now time.Time) *where {
	var w where
	to := f.To
	if to.IsZero() {
		to = now
	}
	w.add(`cases.created_at >= ? AND cases.created_at < ?`, toMillis(f.From), toMillis(to))
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			w.add(`0 = 1`)
		} else {
			args := make([]any, 0, 2*len(f.UnitIDs))
			for _, id := range f.UnitIDs {
				args = append(args, id)
			}
			args = append(args, args...)
			ph := placeholders(len(f.UnitIDs))
			w.add(`(cases.unit_id IN (`+ph+`) OR cases.owner_unit_id IN (`+ph+`))`, args...)
		}
	}
	return &w
}

// Stage sets of the statistics: a case that reached a stage once is counted
// there even if it moved on.
const (
	sqlProject  = `cases.stage IN ('project', 'resolved', 'closed')`
	sqlResolved = `cases.stage IN ('resolved', 'closed')`
	sqlIssue    = `(cases.stage IN ('issue', 'project', 'resolved', 'closed') OR (cases.stage IN ('dismissed', 'merged')
		AND EXISTS (SELECT 1 FROM events WHERE events.case_id = cases.id AND events.kind = 'confirm')))`
)

// CaseStats computes the raw numbers of f's cases with aggregates, so that
// a district's hundreds of thousands of cases are never loaded.
func (tx *tx) CaseStats(f nb.StatsFilter) (*nb.Stats, error) {
	w := statsWhere(f, tx.Now())
	var s nb.Stats
	var responded, resolvedTimed int
	err := tx.queryRow(`SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN `+sqlIssue+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+sqlProject+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+sqlResolved+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN cases.first_response_at > 0 AND cases.first_response_at - cases.created_at <= ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN cases.rating = 'satisfied' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN cases.rating = 'basic' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN cases.rating = 'unsatisfied' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+sqlResolved+` AND cases.resolved_at > 0
			AND (cases.due_at = 0 OR cases.resolved_at <= cases.due_at) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN cases.first_response_at > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+sqlResolved+` AND cases.resolved_at > 0 THEN 1 ELSE 0 END), 0)
		FROM cases`+w.String(), append([]any{f.ResponseLimit.Milliseconds()}, w.args...)...).Scan(
		&s.Topics, &s.Issues, &s.Projects, &s.Resolved, &s.RespondedInTime,
		&s.Satisfied, &s.Basic, &s.Unsatisfied, &s.ResolvedOnTime, &responded, &resolvedTimed)
	if err != nil {
		return nil, fmt.Errorf("case stats: %w", err)
	}
	if s.MedianResponseHours, err = tx.medianHours(w, `cases.first_response_at - cases.created_at`,
		`cases.first_response_at > 0`, responded); err != nil {
		return nil, err
	}
	if s.MedianResolveHours, err = tx.medianHours(w, `cases.resolved_at - cases.created_at`,
		sqlResolved+` AND cases.resolved_at > 0`, resolvedTimed); err != nil {
		return nil, err
	}
	if s.ByCategory, err = tx.countByCategory(w); err != nil {
		return nil, err
	}
	return &s, nil
}

// medianHours is the median of expr (milliseconds) over the n cases of w
// that meet cond, read with ORDER BY … LIMIT … OFFSET rather than loaded.
func (tx *tx) medianHours(w *where, expr, cond string, n int) (*float64, error) {
	if n == 0 {
		return nil, nil
	}
	limit, offset := 1, (n-1)/2
	if n%2 == 0 {
		limit, offset = 2, n/2-1
	}
	vals, err := queryList(tx, func(row scanner) (int64, error) {
		var v int64
		return v, row.Scan(&v)
	}, `SELECT `+expr+` AS d FROM cases`+w.String()+` AND `+cond+` ORDER BY d LIMIT ? OFFSET ?`,
		append(append([]any{}, w.args...), limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("median: %w", err)
	}
	var sum int64
	for _, v := range vals {
		sum += v
	}
	h := float64(sum) / float64(len(vals)) / float64(time.Hour/time.Millisecond)
	return &h, nil
}

// countByCategory counts w's cases per category ("" for uncategorised).
func (tx *tx) countByCategory(w *where) (map[string]int, error) {
	type row struct {
		cat string
		n   int
	}
	rows, err := queryList(tx, func(r scanner) (row, error) {
		var v row
		return v, r.Scan(&v.cat, &v.n)
	}, `SELECT cases.category, COUNT(*) FROM cases`+w.String()+` GROUP BY cases.category`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("count by category: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.cat] = r.n
	}
	return out, nil
}
