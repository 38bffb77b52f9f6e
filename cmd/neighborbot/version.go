package main

import (
	"runtime/debug"
)

// version is the stamped Version, or else what the build recorded: the
// module version, or the VCS revision (with "+dirty" for uncommitted
// changes), so that a plain "go build" still says what it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	return versionFrom(Version, info, ok)
}

func versionFrom(stamped string, info *debug.BuildInfo, ok bool) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if !ok || info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev-" + rev[:min(len(rev), 12)]
	if dirty {
		v += "+dirty"
	}
	if at != "" {
		v += " (" + at + ")"
	}
	return v
}
