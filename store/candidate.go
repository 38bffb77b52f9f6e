package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// Candidate list limits.
const (
	defaultCandidateLimit = 200
	maxCandidateLimit     = 500
)

// The candidate queries walk a partial index of open cases backwards from
// the newest and stop at their limit: the cost depends on the limit, not on
// how many cases the unit ever had. On SQLite, INDEXED BY makes it refuse
// the query rather than silently plan a scan (a test pins the plan too).
const (
	candidateColumns = `id, category, location_norm, text, created_at`
	openStages       = `stage IN ('topic', 'issue', 'project')`
)

// candidatesQuery selects the candidates by scope, a column of cases.
func candidatesQuery(scope, indexedBy string) string {
	return `SELECT ` + candidateColumns + ` FROM cases ` + indexedBy + `
		WHERE ` + scope + ` = ? AND category = ? AND created_at >= ? AND ` + openStages + `
		ORDER BY created_at DESC LIMIT ?`
}

// ListCandidates returns the open cases of q's unit (or chat, when UnitID
// is 0) and category created since q.Since, newest first.
func (tx *tx) ListCandidates(q nb.CandidateQuery) ([]*nb.CaseDigest, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultCandidateLimit
	}
	query, scope := tx.db.q.candidatesByUnit, q.UnitID
	if q.UnitID == 0 {
		query, scope = tx.db.q.candidatesByChat, q.ChatID
	}
	list, err := queryList(tx, func(row scanner) (*nb.CaseDigest, error) {
		var d nb.CaseDigest
		err := row.Scan(&d.ID, &d.Category, &d.LocationNorm, &d.Text, scanTime(&d.CreatedAt))
		return &d, err
	}, query, scope, q.Category, toMillis(q.Since), min(limit, maxCandidateLimit))
	if err != nil {
		return nil, fmt.Errorf("list candidates: %w", err)
	}
	return list, nil
}
