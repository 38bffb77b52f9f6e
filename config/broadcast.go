package config

import (
	"fmt"
	"strings"
)

// Broadcast limits what ambassadors (宣传代言人) may broadcast. Officers
// send within their own area without these limits.
type Broadcast struct {
	DailyQuota int      `yaml:"daily_quota"` // notices per ambassador per day (0 = no limit)
	MaxLength  int      `yaml:"max_length"`  // characters in one notice
	Links      string   `yaml:"links"`       // approve (an officer approves), allow, deny
	MaxAhead   Duration `yaml:"max_ahead"`   // how far ahead a notice may be scheduled
}

// linkPolicies are the values of broadcast.links.
var linkPolicies = []string{"approve", "allow", "deny"}

// broadcast checks the broadcast section.
func (ps *problems) broadcast(b Broadcast) {
	if b.DailyQuota < 0 {
		ps.add("broadcast.daily_quota", "must not be negative (0 = no limit), got %d", b.DailyQuota)
	}
	if b.MaxLength < 1 || b.MaxLength > 4000 {
		ps.add("broadcast.max_length", "must be between 1 and 4000 characters, got %d", b.MaxLength)
	}
	ps.oneOf("broadcast.links", b.Links, linkPolicies)
	ps.positive("broadcast.max_ahead", b.MaxAhead)
}

// parseQuietHours reads NEIGHBORBOT_QUIET_HOURS: "off", or "HH:MM-HH:MM"
// (checked by Validate like the file's).
func parseQuietHours(c *Config, v string) error {
	if strings.EqualFold(strings.TrimSpace(v), "off") {
		c.QuietHours = QuietHours{}
		return nil
	}
	start, end, ok := strings.Cut(v, "-")
	if !ok {
		return fmt.Errorf("%q is not off or HH:MM-HH:MM", v)
	}
	c.QuietHours = QuietHours{Start: strings.TrimSpace(start), End: strings.TrimSpace(end)}
	return nil
}
