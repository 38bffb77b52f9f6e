package store

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
)

// AddFollower makes a person follow a case; added is false if they already
// did. An empty kind means FollowFollower.
func (tx *tx) AddFollower(caseID, personID int64, kind nb.FollowKind) (added bool, err error) {
	if kind == "" {
		kind = nb.FollowFollower
	}
	res, err := tx.exec(`INSERT INTO followers (case_id, person_id, kind, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (case_id, person_id) DO NOTHING`, caseID, personID, kind, toMillis(tx.Now()))
	if tx.isForeignKey(err) {
		return false, tx.missing(err, caseID, personID)
	} else if err != nil {
		return false, fmt.Errorf("add follower: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add follower: %w", err)
	}
	return n > 0, nil
}

// missing tells which of a case and a person does not exist, after err,
// the foreign key violation of a follower row.
func (tx *tx) missing(err error, caseID, personID int64) error {
	if missing, err := tx.caseMissing(err, caseID); err != nil {
		return fmt.Errorf("find case: %w", err)
	} else if missing {
		return notFound("case #%d not found", caseID)
	}
	return notFound("person %d not found", personID)
}

// IsFollower reports whether a person reported or follows a case.
func (tx *tx) IsFollower(caseID, personID int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM followers WHERE case_id = ? AND person_id = ?`,
		caseID, personID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("is follower: %w", err)
	}
	return n > 0, nil
}

// ListFollowers returns a case's followers in the order they joined (the
// reporter first), with their name and user id on platform p. A follower
// with no identity on p has the person's name and no user id.
func (tx *tx) ListFollowers(caseID int64, p nb.Platform) ([]*nb.Follower, error) {
	list, err := queryList(tx, func(row scanner) (*nb.Follower, error) {
		var f nb.Follower
		err := row.Scan(&f.CaseID, &f.PersonID, &f.Kind, &f.Name, &f.ExternalID, scanTime(&f.CreatedAt))
		return &f, err
	}, `SELECT f.case_id, f.person_id, f.kind, COALESCE(i.display_name, p.name), COALESCE(i.external_id, ''),
		f.created_at
		FROM followers f JOIN persons p ON p.id = f.person_id
		LEFT JOIN identities i ON i.person_id = f.person_id AND i.platform = ?
		WHERE f.case_id = ? ORDER BY f.created_at, f.person_id, i.external_id`, p, caseID)
	if err != nil {
		return nil, fmt.Errorf("list followers: %w", err)
	}
	// A person with two accounts on p comes back twice: keep the first.
	out := list[:0]
	for _, f := range list {
		if len(out) == 0 || out[len(out)-1].PersonID != f.PersonID {
			out = append(out, f)
		}
	}
	return out, nil
}

// MoveFollowers makes the followers of one case (a merged one) followers of
// another, keeping their kind; those already following it are left as they
// are. The rows on the first case stay, as its history.
func (tx *tx) MoveFollowers(fromCaseID, toCaseID int64) error {
	for _, id := range []int64{fromCaseID, toCaseID} {
		if ok, err := tx.exists("cases", id); err != nil {
			return fmt.Errorf("find case: %w", err)
		} else if !ok {
			return notFound("case #%d not found", id)
		}
	}
	if fromCaseID == toCaseID {
		return nil
	}
	_, err := tx.exec(`INSERT INTO followers (case_id, person_id, kind, created_at)
		SELECT CAST(? AS BIGINT), person_id, kind, CAST(? AS BIGINT) FROM followers WHERE case_id = ? ORDER BY created_at, person_id
		ON CONFLICT (case_id, person_id) DO NOTHING`, toCaseID, toMillis(tx.Now()), fromCaseID)
	if err != nil {
		return fmt.Errorf("move followers: %w", err)
	}
	return nil
}

// RemoveFollower makes a person no longer follow a case; it is no error if
// they did not.
func (tx *tx) RemoveFollower(caseID, personID int64) error {
	if _, err := tx.exec(`DELETE FROM followers WHERE case_id = ? AND person_id = ?`, caseID, personID); err != nil {
		return fmt.Errorf("remove follower: %w", err)
	}
	return nil
}
