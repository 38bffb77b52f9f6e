package config

import (
	"errors"
	"net/url"
	"os"
	"strings"
)

const redacted = "***"

// readSecretFile returns the trimmed contents of a file holding a secret.
// Errors name the file but never its contents.
func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", errors.New("file " + path + " is empty")
	}
	return s, nil
}

// redactURL hides the password in a URL; a URL that does not parse is
// hidden entirely, since it may still carry one.
func redactURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return redacted
	}
	// url.URL.Redacted writes "xxxxx" (escaping would turn "***" into %2A).
	// A username cannot hold an unescaped ':', so the first match is the password.
	return strings.Replace(u.Redacted(), ":xxxxx@", ":"+redacted+"@", 1)
}
