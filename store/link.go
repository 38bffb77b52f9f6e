package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// CreateLinkCode stores a new link code, setting its CreatedAt. ECONFLICT
// if the code is taken.
func (tx *tx) CreateLinkCode(l *nb.LinkCode) error {
	if strings.TrimSpace(l.Code) == "" || l.PersonID == 0 || l.ExpiresAt.IsZero() {
		return nb.Errorf(nb.EINVALID, "link code, person and expiry required")
	}
	l.CreatedAt = tx.Now()
	_, err := tx.exec(`INSERT INTO link_codes (code, person_id, platform, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		l.Code, l.PersonID, l.Platform, toMillis(l.CreatedAt), toMillis(l.ExpiresAt))
	if tx.isUnique(err) {
		return nb.Errorf(nb.ECONFLICT, "link code already exists")
	} else if err != nil {
		return fmt.Errorf("insert link code: %w", err)
	}
	return nil
}

func (tx *tx) findLinkCode(code string) (*nb.LinkCode, error) {
	var l nb.LinkCode
	err := tx.queryRow(`SELECT code, person_id, platform, created_at, expires_at, used_at FROM link_codes WHERE code = ?`,
		code).Scan(&l.Code, &l.PersonID, &l.Platform, scanTime(&l.CreatedAt), scanTime(&l.ExpiresAt), scanTime(&l.UsedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("link code not found")
	} else if err != nil {
		return nil, fmt.Errorf("find link code: %w", err)
	}
	return &l, nil
}

// RevokeLinkCode makes an unused link code unusable.
func (tx *tx) RevokeLinkCode(code string) error {
	l, err := tx.findLinkCode(code)
	if err != nil {
		return err
	}
	if err := l.Usable(tx.Now()); err != nil {
		return err
	}
	return tx.useLinkCode(code)
}

func (tx *tx) useLinkCode(code string) error {
	return tx.execOne(nb.Errorf(nb.EINVALID, "link code already used"),
		`UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at = 0`, toMillis(tx.Now()), code)
}

// RedeemLinkCode merges the person behind (p, externalID) into the person
// who asked for code.
func (tx *tx) RedeemLinkCode(code string, p nb.Platform, externalID string) (*nb.LinkCode, error) {
	l, err := tx.findLinkCode(code)
	if err != nil {
		return nil, err
	}
	if err := l.Usable(tx.Now()); err != nil {
		return nil, err
	}
	if !p.Linkable() || !l.Platform.Linkable() {
		return nil, nb.Errorf(nb.EINVALID, "sandbox accounts cannot be linked")
	}
	from, err := tx.FindPersonByIdentity(p, externalID)
	if err != nil {
		return nil, err
	}
	if from.ID == l.PersonID {
		return nil, nb.Errorf(nb.EINVALID, "this account is already linked")
	}
	if shared, err := tx.sharedPlatform(from.ID, l.PersonID); err != nil {
		return nil, err
	} else if shared != "" {
		return nil, nb.Errorf(nb.EINVALID, "both accounts already have a %s account", shared)
	}
	if err := tx.useLinkCode(code); err != nil {
		return nil, err
	}
	if err := tx.mergePerson(from.ID, l.PersonID); err != nil {
		return nil, fmt.Errorf("merge person: %w", err)
	}
	l.UsedAt = tx.Now()
	return l, nil
}

// sharedPlatform returns a platform on which both people have an account
// ("" if none): one person has one account per platform.
func (tx *tx) sharedPlatform(a, b int64) (nb.Platform, error) {
	var p nb.Platform
	err := tx.queryRow(`SELECT x.platform FROM identities x JOIN identities y ON y.platform = x.platform
		WHERE x.person_id = ? AND y.person_id = ? LIMIT 1`, a, b).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return p, err
}

// personRefs are the columns that point at persons, as (table, column);
// mergePerson moves each, and TestMergeCoversEveryReference fails when a
// migration adds one that is not listed. Tables whose key includes the
// person (a role or a follow held by both) are in personKeyed.
var personRefs = [][2]string{
	{"identities", "person_id"},
	{"invites", "redeemed_by"},
	{"cases", "reporter_id"},
	{"events", "actor_id"},
	{"link_codes", "person_id"},
	{"notices", "author_id"},
	{"notices", "decided_by"},
	{"broadcast_events", "actor_id"},
	{"broadcast_events", "person_id"},
}

// personKeyed are tables keyed by (…, person_id): rows of the merged person
// move unless the same key already exists for the one who stays.
var personKeyed = []struct{ table, others string }{
	{"role_grants", "role, unit_id, created_at"},
	{"followers", "case_id, kind, created_at"},
	{"chat_members", "chat_id, created_at"},
}

// personDropped are tables whose rows of a merged person are deleted: the
// desk's sessions and login codes (they log in again as the one who stays).
var personDropped = []string{"sessions", "login_codes"}

// mergePerson moves everything of person from to person into, then deletes
// from. A desk account moves only when the one who stays has none.
func (tx *tx) mergePerson(from, into int64) error {
	tx.noGrants = 0 // grants move
	for _, table := range personDropped {
		if _, err := tx.exec(`DELETE FROM `+table+` WHERE person_id = ?`, from); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	if _, err := tx.exec(`UPDATE accounts SET person_id = ? WHERE person_id = ?
		AND NOT EXISTS (SELECT 1 FROM accounts WHERE person_id = ?)`, into, from, into); err != nil {
		return fmt.Errorf("accounts: %w", err)
	}
	if _, err := tx.exec(`DELETE FROM accounts WHERE person_id = ?`, from); err != nil {
		return fmt.Errorf("accounts: %w", err)
	}
	for _, t := range personKeyed {
		if _, err := tx.exec(`INSERT INTO `+t.table+` (person_id, `+t.others+`) SELECT ?, `+t.others+` FROM `+t.table+
			` WHERE person_id = ? ON CONFLICT DO NOTHING`, into, from); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
		if _, err := tx.exec(`DELETE FROM `+t.table+` WHERE person_id = ?`, from); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	for _, r := range personRefs {
		if _, err := tx.exec(`UPDATE `+r[0]+` SET `+r[1]+` = ? WHERE `+r[1]+` = ?`, into, from); err != nil {
			return fmt.Errorf("%s: %w", r[0], err)
		}
	}
	tx.rowsDeleted = true
	_, err := tx.exec(`DELETE FROM persons WHERE id = ?`, from)
	return err
}
