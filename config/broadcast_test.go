package config

import (
	"strings"
	"testing"
)

// The broadcast section's bad values are refused with the key named.
func TestValidateBroadcast(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Broadcast)
		want string
	}{
		{"defaults", func(*Broadcast) {}, ""},
		{"no quota limit", func(b *Broadcast) { b.DailyQuota = 0 }, ""},
		{"quota negative", func(b *Broadcast) { b.DailyQuota = -1 }, "broadcast.daily_quota: must not be negative"},
		{"length zero", func(b *Broadcast) { b.MaxLength = 0 }, "broadcast.max_length: must be between 1 and 4000"},
		{"length huge", func(b *Broadcast) { b.MaxLength = 5000 }, "broadcast.max_length:"},
		{"links", func(b *Broadcast) { b.Links = "maybe" }, `broadcast.links: "maybe" is not one of approve, allow, deny`},
		{"links deny", func(b *Broadcast) { b.Links = "deny" }, ""},
		{"ahead", func(b *Broadcast) { b.MaxAhead = Duration{} }, "broadcast.max_ahead: must be positive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.edit(&c.Broadcast)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestQuietHoursFromEnv(t *testing.T) {
	for v, want := range map[string]QuietHours{"off": {}, "OFF": {}, "23:00-06:30": {Start: "23:00", End: "06:30"}} {
		c, err := Load("", env(map[string]string{"NEIGHBORBOT_QUIET_HOURS": v}))
		if err != nil || c.QuietHours != want {
			t.Errorf("NEIGHBORBOT_QUIET_HOURS=%s: %+v, %v; want %+v", v, c.QuietHours, err, want)
		}
	}
	for _, v := range []string{"22:00", "25:00-07:00"} {
		if _, err := Load("", env(map[string]string{"NEIGHBORBOT_QUIET_HOURS": v})); err == nil || !strings.Contains(strings.ToLower(err.Error()), "quiet_hours") {
			t.Errorf("NEIGHBORBOT_QUIET_HOURS=%s: error %v, want one naming quiet_hours", v, err)
		}
	}
}
