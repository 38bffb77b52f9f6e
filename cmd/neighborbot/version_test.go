package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFallsBackToBuildInfo(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-30T14:00:00Z"},
		{Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"v1.2.0", vcs, "v1.2.0"},
		{"dev", vcs, "dev-0123456789ab+dirty (2026-11-30T14:00:00Z)"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1"}}, "v0.3.1"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"dev", nil, "dev"},
	} {
		if got := versionFrom(c.stamped, c.info, c.info != nil); got != c.want {
			t.Errorf("versionFrom(%q): %q, want %q", c.stamped, got, c.want)
		}
	}
	for _, arg := range []string{"version", "--version", "-version"} {
		code, out, errOut := cli(t, nil, arg)
		if code != 0 || !strings.HasPrefix(out, "neighborbot ") || errOut != "" {
			t.Errorf("%s: code %d, out %q, err %q", arg, code, out, errOut)
		}
	}
}
