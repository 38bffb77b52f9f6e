package wechat

import (
	"net/url"
	"strings"
)

// WeChat's UserName ("@…" for people, "@@…" for groups) changes on every
// login, so the ids handed to the engine are derived from names, which
// survive a re-login: a group is its title, a member is the group plus the
// member's group card (display name) or, without one, their nickname.

const (
	chatPrefix      = "g:"  // + group title
	memberPrefix    = "m:"  // + escaped group title + "/" + escaped member name
	ambiguousPrefix = "m?:" // a member whose name is shared in the group: never merged
	selfPrefix      = "self:"
)

// ChatID is the engine's chat id of the group titled title.
func ChatID(title string) string { return chatPrefix + title }

// groupTitle returns the title inside a chat id.
func groupTitle(chatID string) (string, bool) {
	t, ok := strings.CutPrefix(chatID, chatPrefix)
	return t, ok && t != ""
}

// MemberID is the engine's sender id of the member called name in group.
func MemberID(group, name string) string {
	return memberPrefix + url.PathEscape(group) + "/" + url.PathEscape(name)
}

// memberName returns the member name inside a member id (ok false for an
// id that is not one).
func memberName(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, memberPrefix)
	if !ok {
		return "", false
	}
	_, esc, ok := strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	name, err := url.PathUnescape(esc)
	return name, err == nil && name != ""
}

// nameOf is what a member is called in a group: the group card, or the
// nickname when they set none.
func nameOf(displayName, nickName string) string {
	if n := strings.TrimSpace(displayName); n != "" {
		return n
	}
	return strings.TrimSpace(nickName)
}
