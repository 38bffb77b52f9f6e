package main

import (
	"io"
	"strings"
	"testing"
)

// TestParseConfigPlatform: -platform takes sandbox or telegram, and
// telegram only with a spawned bot (nbload runs the Bot API it talks to).
func TestParseConfigPlatform(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // "" = accepted
	}{
		{[]string{"-spawn", "/bin/true"}, ""},
		{[]string{"-spawn", "/bin/true", "-platform", "telegram"}, ""},
		{[]string{"-spawn", "/bin/true", "-platform", "wechat"}, `-platform must be sandbox or telegram, not "wechat"`},
		{[]string{"-platform", "telegram"}, "-platform telegram needs -spawn"},
	} {
		cfg, err := parseConfig(c.args, io.Discard)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v: %v", c.args, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		case c.want == "" && cfg.platform == "":
			t.Errorf("%v: no platform", c.args)
		}
	}
}

// TestUserOfIsStable: a name is always the same Telegram user, different
// names different users, and every id is a positive user id.
func TestUserOfIsStable(t *testing.T) {
	seen := map[int64]string{}
	for i := range 2000 {
		name := residentName(i, i%7, 7)
		id := userOf(name)
		if id <= 0 || id != userOf(name) {
			t.Fatalf("userOf(%q) = %d, then %d", name, id, userOf(name))
		}
		if other, ok := seen[id]; ok && other != name {
			t.Fatalf("%q and %q are both user %d", name, other, id)
		}
		seen[id] = name
	}
}
