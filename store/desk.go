package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// PutAccount creates or updates the desk account of a.PersonID.
func (tx *tx) PutAccount(a *nb.Account) error {
	a.Login = strings.TrimSpace(a.Login)
	if a.Login == "" {
		return nb.Errorf(nb.EINVALID, "login name required")
	}
	now := tx.Now()
	a.UpdatedAt = now
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	_, err := tx.exec(`INSERT INTO accounts (person_id, login, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET login = excluded.login,
		password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
		a.PersonID, a.Login, a.PasswordHash, toMillis(a.CreatedAt), toMillis(a.UpdatedAt))
	switch {
	case tx.isUnique(err):
		return nb.Errorf(nb.ECONFLICT, "the login name %q belongs to someone else", a.Login)
	case tx.isForeignKey(err):
		return notFound("person %d not found", a.PersonID)
	case err != nil:
		return fmt.Errorf("put account: %w", err)
	}
	return nil
}

// FindAccountByLogin returns the account of a login name.
func (tx *tx) FindAccountByLogin(login string) (*nb.Account, error) {
	var a nb.Account
	err := tx.queryRow(`SELECT person_id, login, password_hash, created_at, updated_at FROM accounts WHERE login = ?`,
		strings.TrimSpace(login)).Scan(&a.PersonID, &a.Login, &a.PasswordHash, scanTime(&a.CreatedAt), scanTime(&a.UpdatedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("no account %q", login)
	} else if err != nil {
		return nil, fmt.Errorf("find account: %w", err)
	}
	return &a, nil
}

// CreateSession stores a new session.
func (tx *tx) CreateSession(s *nb.Session) error {
	s.CreatedAt = tx.Now()
	_, err := tx.exec(`INSERT INTO sessions (token_hash, person_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		s.TokenHash, s.PersonID, s.CSRF, toMillis(s.CreatedAt), toMillis(s.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession returns a session that has not expired.
func (tx *tx) FindSession(tokenHash string) (*nb.Session, error) {
	var s nb.Session
	err := tx.queryRow(`SELECT token_hash, person_id, csrf, created_at, expires_at FROM sessions
		WHERE token_hash = ? AND expires_at > ?`, tokenHash, toMillis(tx.Now())).
		Scan(&s.TokenHash, &s.PersonID, &s.CSRF, scanTime(&s.CreatedAt), scanTime(&s.ExpiresAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("no session")
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return &s, nil
}

// DeleteSession ends a session.
func (tx *tx) DeleteSession(tokenHash string) error {
	if _, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteSessions ends every session of a person.
func (tx *tx) DeleteSessions(personID int64) (int64, error) {
	res, err := tx.exec(`DELETE FROM sessions WHERE person_id = ?`, personID)
	if err != nil {
		return 0, fmt.Errorf("delete sessions: %w", err)
	}
	return res.RowsAffected()
}

// PruneSessions deletes the sessions and login codes expired before t.
func (tx *tx) PruneSessions(before time.Time) (int64, error) {
	var total int64
	for _, q := range []string{`DELETE FROM sessions WHERE expires_at < ?`, `DELETE FROM login_codes WHERE expires_at < ?`} {
		res, err := tx.exec(q, toMillis(before))
		if err != nil {
			return total, fmt.Errorf("prune sessions: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// CreateLoginCode stores a new one-time login code.
func (tx *tx) CreateLoginCode(c *nb.LoginCode) error {
	c.CreatedAt = tx.Now()
	_, err := tx.exec(`INSERT INTO login_codes (code_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		c.CodeHash, c.PersonID, toMillis(c.CreatedAt), toMillis(c.ExpiresAt))
	if tx.isUnique(err) {
		return nb.Errorf(nb.ECONFLICT, "login code exists")
	} else if err != nil {
		return fmt.Errorf("create login code: %w", err)
	}
	return nil
}

// UseLoginCode marks a one-time code used and returns it.
func (tx *tx) UseLoginCode(codeHash string) (*nb.LoginCode, error) {
	var c nb.LoginCode
	err := tx.queryRow(`SELECT code_hash, person_id, created_at, expires_at, used_at FROM login_codes WHERE code_hash = ?`,
		codeHash).Scan(&c.CodeHash, &c.PersonID, scanTime(&c.CreatedAt), scanTime(&c.ExpiresAt), scanTime(&c.UsedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("unknown login code")
	} else if err != nil {
		return nil, fmt.Errorf("find login code: %w", err)
	}
	now := tx.Now()
	if !c.UsedAt.IsZero() {
		return nil, nb.Errorf(nb.EINVALID, "login code already used")
	} else if !now.Before(c.ExpiresAt) {
		return nil, nb.Errorf(nb.EINVALID, "login code expired")
	}
	c.UsedAt = now
	if _, err := tx.exec(`UPDATE login_codes SET used_at = ? WHERE code_hash = ?`, toMillis(now), codeHash); err != nil {
		return nil, fmt.Errorf("use login code: %w", err)
	}
	return &c, nil
}

// CountCasesByStage counts the cases f selects per stage.
func (tx *tx) CountCasesByStage(f nb.CaseFilter) (map[nb.Stage]int, error) {
	f.Stages = nil
	w := caseWhere(f)
	rows, err := tx.query(`SELECT cases.stage, COUNT(*) FROM cases`+w.String()+` GROUP BY cases.stage`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("count cases by stage: %w", err)
	}
	defer rows.Close()
	counts := map[nb.Stage]int{}
	for rows.Next() {
		var s nb.Stage
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("count cases by stage: %w", err)
		}
		counts[s] = n
	}
	return counts, rows.Err()
}
