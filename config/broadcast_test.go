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
