package neighborbot

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Account lets a person who holds a staff role log in to the officers'
// desk (the web dashboard).
type Account struct {
	PersonID int64
	// Login is the name typed at the login form (unique).
	Login string
	// PasswordHash is a bcrypt hash; "" while the person logs in with
	// one-time codes only.
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session is a browser logged in to the desk. Only a hash of the cookie's
// token is stored.
type Session struct {
	TokenHash string
	PersonID  int64
	CSRF      string // the token every form of the session carries
	CreatedAt time.Time
	ExpiresAt time.Time
}

// LoginCode is a one-time code the bot sends in a private chat (#登录),
// good for one login until it expires. Only a hash of it is stored.
type LoginCode struct {
	CodeHash  string
	PersonID  int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time
}

// DeskRoles are the roles that may log in to the desk.
var DeskRoles = []Role{RoleOfficer, RoleGridWorker, RoleDepartment, RoleAdmin}

// DeskRepo stores what the desk needs beyond the other repositories.
type DeskRepo interface {
	// PutAccount creates or updates the account of a.PersonID; ECONFLICT
	// when another person has the login.
	PutAccount(a *Account) error
	// FindAccountByLogin returns the account of a login (ENOTFOUND).
	FindAccountByLogin(login string) (*Account, error)
	// CreateSession stores a new session, setting its CreatedAt.
	CreateSession(s *Session) error
	// FindSession returns an unexpired session (ENOTFOUND otherwise).
	FindSession(tokenHash string) (*Session, error)
	// DeleteSession ends a session (no error if there is none).
	DeleteSession(tokenHash string) error
	// DeleteSessions ends every session of a person (a new password).
	DeleteSessions(personID int64) (int64, error)
	// PruneSessions deletes sessions and login codes expired before t.
	PruneSessions(before time.Time) (int64, error)
	// CreateLoginCode stores a new one-time code, setting its CreatedAt.
	CreateLoginCode(c *LoginCode) error
	// UseLoginCode marks a code used and returns it: ENOTFOUND if unknown,
	// EINVALID if used or expired.
	UseLoginCode(codeHash string) (*LoginCode, error)
	// CountCasesByStage counts the cases f selects per stage, ignoring
	// f's stages, offset and limit.
	CountCasesByStage(f CaseFilter) (map[Stage]int, error)
}

// HashSecret is how session tokens and login codes are stored: the hex
// SHA-256 of the secret, so that a copy of the database logs nobody in.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// codeAlphabet has no look-alike characters (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewCode returns a random one-time code such as "K7QD-3MZP", for invites
// and desk logins.
func NewCode() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	out := make([]byte, 0, 9)
	for i, v := range b {
		if i == 4 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[int(v)%len(codeAlphabet)])
	}
	return string(out)
}
