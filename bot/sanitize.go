package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes incoming text safe to store and show: invalid UTF-8
// becomes U+FFFD and control characters other than newline and tab are
// dropped.
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// Truncate cuts s to at most n runes, adding "…" when it cut.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
