package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// CreateInvite stores a new invite, setting its CreatedAt. ECONFLICT if the
// code is taken.
func (tx *tx) CreateInvite(inv *nb.Invite) error {
	if strings.TrimSpace(inv.Code) == "" {
		return nb.Errorf(nb.EINVALID, "invite code required")
	} else if !inv.Role.Valid() {
		return nb.Errorf(nb.EINVALID, "unknown role %q", inv.Role)
	} else if inv.ExpiresAt.IsZero() {
		return nb.Errorf(nb.EINVALID, "invite expiry required")
	}
	inv.CreatedAt, inv.RedeemedBy, inv.RedeemedAt = tx.Now(), 0, time.Time{}
	_, err := tx.exec(`INSERT INTO invites (code, role, unit_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		inv.Code, inv.Role, inv.UnitID, toMillis(inv.CreatedAt), toMillis(inv.ExpiresAt))
	if tx.isUnique(err) {
		return nb.Errorf(nb.ECONFLICT, "invite code already exists")
	} else if err != nil {
		return fmt.Errorf("insert invite: %w", err)
	}
	return nil
}

const inviteColumns = `code, role, unit_id, created_at, expires_at, COALESCE(redeemed_by, 0), redeemed_at, revoked_at`

func scanInvite(row scanner) (*nb.Invite, error) {
	var inv nb.Invite
	err := row.Scan(&inv.Code, &inv.Role, &inv.UnitID, scanTime(&inv.CreatedAt), scanTime(&inv.ExpiresAt),
		&inv.RedeemedBy, scanTime(&inv.RedeemedAt), scanTime(&inv.RevokedAt))
	return &inv, err
}

func (tx *tx) findInvite(code string) (*nb.Invite, error) {
	inv, err := scanInvite(tx.queryRow(`SELECT `+inviteColumns+` FROM invites WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("invite code not found")
	} else if err != nil {
		return nil, fmt.Errorf("find invite: %w", err)
	}
	return inv, nil
}

// RevokeInvite makes an unused invite unusable. An unknown code is
// ENOTFOUND; one already used, expired or revoked is EINVALID.
func (tx *tx) RevokeInvite(code string) (*nb.Invite, error) {
	inv, err := tx.findInvite(code)
	if err != nil {
		return nil, err
	}
	now := tx.Now()
	if err := inv.Usable(now); err != nil {
		return inv, err
	}
	if _, err := tx.exec(`UPDATE invites SET revoked_at = ? WHERE code = ?`, toMillis(now), code); err != nil {
		return nil, fmt.Errorf("revoke invite: %w", err)
	}
	inv.RevokedAt = now
	return inv, nil
}

// ListInvites returns every invite, newest first.
func (tx *tx) ListInvites() ([]*nb.Invite, error) {
	list, err := queryList(tx, scanInvite, `SELECT `+inviteColumns+` FROM invites ORDER BY created_at DESC, code`)
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	return list, nil
}

// RedeemInvite marks the invite used by personID and grants its role, in
// this transaction. An expired or used code is EINVALID.
func (tx *tx) RedeemInvite(code string, personID int64) (*nb.Invite, error) {
	inv, err := tx.findInvite(code)
	if err != nil {
		return nil, err
	}
	now := tx.Now()
	if err := inv.Usable(now); err != nil {
		return nil, err
	}
	if _, err := tx.FindPersonByID(personID); err != nil {
		return nil, err
	}
	if err := tx.execOne(nb.Errorf(nb.EINVALID, "invite code already used"),
		`UPDATE invites SET redeemed_by = ?, redeemed_at = ? WHERE code = ? AND redeemed_by IS NULL AND revoked_at = 0`,
		personID, toMillis(now), code); err != nil {
		return nil, fmt.Errorf("redeem invite: %w", err)
	}
	inv.RedeemedBy, inv.RedeemedAt = personID, now
	if err := tx.GrantRole(nb.RoleGrant{PersonID: personID, Role: inv.Role, UnitID: inv.UnitID}); err != nil {
		return nil, err
	}
	return inv, nil
}
