// Package password hashes and checks the passwords of the officers' desk
// with bcrypt.
package password

import (
	"errors"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	nb "github.com/neighborbot/neighborbot"
)

// MinLength is the shortest password accepted, in characters.
const MinLength = 8

// Hash returns the bcrypt hash of pw, or an EINVALID error when pw is too
// short or too long for bcrypt (72 bytes).
func Hash(pw string) (string, error) {
	if utf8.RuneCountInString(pw) < MinLength {
		return "", nb.Errorf(nb.EINVALID, "password too short (at least %d characters)", MinLength)
	} else if len(pw) > 72 {
		return "", nb.Errorf(nb.EINVALID, "password too long (at most 72 bytes)")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// Check reports whether pw matches hash. An empty hash matches nothing.
func Check(hash, pw string) bool {
	if hash == "" {
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil && !errors.Is(err, bcrypt.ErrMismatchedHashAndPassword)
}

// dummy is compared against when a login name is unknown, so that an
// unknown name takes as long as a wrong password.
var dummy = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("neighborbot-dummy"), bcrypt.DefaultCost)
	return h
})

// Waste spends the time of one check, for unknown login names.
func Waste(pw string) { _ = bcrypt.CompareHashAndPassword(dummy(), []byte(pw)) }
