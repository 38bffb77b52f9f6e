package config

import (
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"30m", 30 * time.Minute, false},
		{"2h", 2 * time.Hour, false},
		{"1h30m", 90 * time.Minute, false},
		{"7d", 7 * day, false},
		{"15d", 15 * day, false},
		{"1d12h", 36 * time.Hour, false},
		{" 3d ", 3 * day, false},
		{"0s", 0, false}, // parses; Validate rejects it
		{"7", 0, true},
		{"d", 0, true},
		{"7 days", 0, true},
		{"-1d", 0, true},
		{"1d-2h", 0, true},
		{"2h3d", 0, true},
		{"99999999999d", 0, true},
		{"soon", 0, true},
	} {
		got, err := parseDuration(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestDurationYAMLRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		text string
	}{
		{7 * day, "7d"},
		{24 * time.Hour, "1d"},
		{2 * time.Hour, "2h"},
		{90 * time.Minute, "1h30m"},
		{30 * time.Minute, "30m"},
		{2 * time.Second, "2s"},
		{36 * time.Hour, "36h"},
	} {
		out, err := yaml.Marshal(struct{ D Duration }{Duration{tc.d}})
		if err != nil {
			t.Fatal(err)
		}
		if want := "d: " + tc.text + "\n"; string(out) != want {
			t.Errorf("Marshal(%v) = %q, want %q", tc.d, out, want)
		}
		var back struct{ D Duration }
		if err := yaml.Unmarshal(out, &back); err != nil || back.D.Duration != tc.d {
			t.Errorf("Unmarshal(%q) = %v, %v; want %v", out, back.D.Duration, err, tc.d)
		}
	}
}
