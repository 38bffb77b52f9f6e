package neighborbot

import "time"

// LinkCode is a one-time code with which a person joins an account on
// another platform to themselves, so that one person keeps one set of
// roles: asked for with "#关联" in a private chat on one platform, sent as
// "#绑定 CODE" in a private chat on another.
type LinkCode struct {
	Code      string
	PersonID  int64    // who asked for it: the person that stays
	Platform  Platform // where it was asked for
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until used (or revoked)
}

// LinkCodeTTL is how long a link code may be used.
const LinkCodeTTL = 15 * time.Minute

// Usable reports whether the code may still be used at now.
func (l *LinkCode) Usable(now time.Time) error {
	if !l.UsedAt.IsZero() {
		return Errorf(EINVALID, "link code already used")
	} else if !now.Before(l.ExpiresAt) {
		return Errorf(EINVALID, "link code expired")
	}
	return nil
}

// Linkable reports whether identities of platform p may be linked to other
// accounts. The sandbox's people are not authenticated (anyone who reaches
// its page may speak as any of them), so they never are.
func (p Platform) Linkable() bool { return p != PlatformSandbox && p != "" }
