package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

const day = 24 * time.Hour

// Duration is a time.Duration that YAML reads and writes as a Go duration
// string ("30m", "2h", "1h30m") or a whole number of days ("7d", also "1d12h").
type Duration struct {
	time.Duration
}

// UnmarshalYAML reads a duration string; errors carry the YAML line.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected a duration such as \"2h\" or \"7d\"", n.Line)}}
	}
	v, err := parseDuration(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	d.Duration = v
	return nil
}

// MarshalYAML writes the duration as UnmarshalYAML reads it, preferring days.
func (d Duration) MarshalYAML() (any, error) {
	return formatDuration(d.Duration), nil
}

// parseDuration accepts time.ParseDuration syntax, optionally preceded by a
// whole number of days: "7d", "1d12h".
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("invalid duration %q (use e.g. 30m, 2h, 7d)", s)
	i := strings.IndexByte(s, 'd')
	if i < 0 {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, bad
		}
		return d, nil
	}
	days, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil || days < 0 || days > int64(maxDuration/day) {
		return 0, bad
	}
	d := time.Duration(days) * day
	if rest := s[i+1:]; rest != "" {
		r, err := time.ParseDuration(rest)
		if err != nil || r < 0 || r > maxDuration-d {
			return 0, bad
		}
		d += r
	}
	return d, nil
}

const maxDuration = time.Duration(1<<63 - 1)

// formatDuration renders "7d", "2h", "1h30m", "30m", "2s".
func formatDuration(d time.Duration) string {
	if d > 0 && d%day == 0 {
		return strconv.FormatInt(int64(d/day), 10) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
