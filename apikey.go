package neighborbot

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
)

// APIKey lets an outside client (an Open311 app) create service requests
// for one unit. Only the key's hash is stored; the key is shown once.
type APIKey struct {
	ID        int64
	Name      string // who holds it, e.g. "12345热线"
	UnitID    int64  // requests created with it go to this unit's group
	Hash      string // HashAPIKey of the key
	Prefix    string // the key's first characters, to tell keys apart
	CreatedAt time.Time
	RevokedAt time.Time // zero while the key works
}

// Active reports whether the key may still be used.
func (k *APIKey) Active() bool { return k.RevokedAt.IsZero() }

// apiKeyPrefix starts every key, so that a leaked one is recognisable.
const apiKeyPrefix = "nbk_"

// NewAPIKey returns a new random key (160 bits) and its hash.
func NewAPIKey() (key, hash string) {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	key = apiKeyPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return key, HashAPIKey(key)
}

// HashAPIKey is the hash under which key is stored: a SHA-256 in hex. A
// key is random and long, so a fast hash is enough (no password hashing).
func HashAPIKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// APIKeyPrefix is the part of key shown in lists.
func APIKeyPrefix(key string) string {
	if len(key) > len(apiKeyPrefix)+6 {
		return key[:len(apiKeyPrefix)+6]
	}
	return key
}
