package neighborbot

import (
	"testing"
	"time"
)

func TestQuietHoursEndAfter(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	night := QuietHours{Start: 22 * time.Hour, End: 7 * time.Hour, Location: cst}
	noon := QuietHours{Start: 12 * time.Hour, End: 14 * time.Hour, Location: cst}
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, cst) }
	for _, tc := range []struct {
		q        QuietHours
		t, want  time.Time
		describe string
	}{
		{night, at(27, 21, 59), at(27, 21, 59), "before the window"},
		{night, at(27, 22, 0), at(28, 7, 0), "its first minute"},
		{night, at(27, 23, 30), at(28, 7, 0), "before midnight"},
		{night, at(28, 3, 0), at(28, 7, 0), "after midnight"},
		{night, at(28, 7, 0), at(28, 7, 0), "its end is outside"},
		{noon, at(27, 13, 0), at(27, 14, 0), "a window within a day"},
		{QuietHours{}, at(27, 23, 0), at(27, 23, 0), "off"},
	} {
		if got := tc.q.EndAfter(tc.t); !got.Equal(tc.want) {
			t.Errorf("%s: EndAfter(%s) = %s, want %s", tc.describe, tc.t, got, tc.want)
		}
	}
	utc := at(27, 23, 30).UTC()
	if got := night.EndAfter(utc); got.Location() != time.UTC || !got.Equal(at(28, 7, 0)) {
		t.Errorf("EndAfter keeps the caller's zone: got %s", got)
	}
}

func TestParseNoticeCode(t *testing.T) {
	for in, want := range map[string]int64{"B7": 7, "b12": 12, "7": 7, "#B3": 3, "B": 0, "B0": 0, "B7x": 0, "Bx": 0, "": 0, "B-1": 0} {
		got, ok := ParseNoticeCode(in)
		if got != want || ok != (want != 0) {
			t.Errorf("ParseNoticeCode(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}
