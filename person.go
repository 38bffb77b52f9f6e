package neighborbot

import "time"

// Role is what a person may do, within the scope of a unit.
type Role string

// Roles, from the least to the most powerful.
const (
	RoleResident   Role = "resident"    // 居民
	RoleAmbassador Role = "ambassador"  // 宣传代言人
	RoleDepartment Role = "department"  // 部门/物业 staff: acknowledges, reports progress, resolves
	RoleGridWorker Role = "grid_worker" // 网格员
	RoleOfficer    Role = "officer"     // 党建指导员, 社区/街道 staff
	RoleAdmin      Role = "admin"
)

// Roles lists every role.
var Roles = []Role{RoleResident, RoleAmbassador, RoleDepartment, RoleGridWorker, RoleOfficer, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// Person is a human known to the bot, on one or more platforms.
type Person struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// Identity ties a person to an account on a platform.
type Identity struct {
	PersonID    int64
	Platform    Platform
	ExternalID  string
	DisplayName string
	// PrivateChatID is the person's private chat with the bot, known once
	// they have written to it there ("" until then).
	PrivateChatID string
}

// Reachable is an identity reachable privately, with the grant it was
// found by.
type Reachable struct {
	Identity
	Role   Role
	UnitID int64
}

// RoleGrant gives a person a role within a unit (0 = everywhere).
type RoleGrant struct {
	PersonID  int64
	Role      Role
	UnitID    int64
	CreatedAt time.Time
}

// Invite is a one-time code that grants a role when a person sends
// "#绑定 CODE" to the bot in a private chat.
type Invite struct {
	Code       string
	Role       Role
	UnitID     int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RedeemedBy int64 // 0 until used
	RedeemedAt time.Time
	RevokedAt  time.Time // zero unless revoked (or burned after being posted in a group)
}

// Usable reports whether the invite may still be redeemed at now.
func (i *Invite) Usable(now time.Time) error {
	if i.RedeemedBy != 0 {
		return Errorf(EINVALID, "invite code already used")
	} else if !i.RevokedAt.IsZero() {
		return Errorf(EINVALID, "invite code revoked")
	} else if !now.Before(i.ExpiresAt) {
		return Errorf(EINVALID, "invite code expired")
	}
	return nil
}

// AttemptLimit bounds failed tries of something guessable (redeeming invite
// codes): Max failures within Window lock the key for Lock.
type AttemptLimit struct {
	Max    int
	Window time.Duration
	Lock   time.Duration
}

// DefaultAttemptLimit allows 5 failures in 10 minutes, then locks for 15.
var DefaultAttemptLimit = AttemptLimit{Max: 5, Window: 10 * time.Minute, Lock: 15 * time.Minute}

// Attempts counts the recent failures of one key ("person:12", "chat:3").
type Attempts struct {
	Key         string
	Failures    int       // within the window that started at WindowStart
	WindowStart time.Time // zero: no failure counted
	LockedUntil time.Time // zero: not locked
}

// Locked reports whether the key is locked at now.
func (a *Attempts) Locked(now time.Time) bool { return now.Before(a.LockedUntil) }

// Fail counts a failure at now; the Max-th failure within the window locks
// the key and starts a new window.
func (a *Attempts) Fail(now time.Time, l AttemptLimit) {
	if a.WindowStart.IsZero() || !now.Before(a.WindowStart.Add(l.Window)) {
		a.WindowStart, a.Failures = now, 0
	}
	a.Failures++
	if a.Failures >= l.Max {
		a.LockedUntil = now.Add(l.Lock)
		a.WindowStart, a.Failures = time.Time{}, 0
	}
}
