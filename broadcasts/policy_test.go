package broadcasts

import (
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func TestHasLink(t *testing.T) {
	for text, want := range map[string]bool{
		"周六上午9点社区义诊":               false,
		"详见 https://example.org/a": true,
		"报名 http://x":              true,
		"访问 www.abc.com.cn":        true,
		"加群 abc.top 领红包":           true,
		"3.5 元一斤":                  false,
		"电话 12345":                 false,
	} {
		if got := HasLink(text); got != want {
			t.Errorf("HasLink(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestDueAt(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	s := New(nil, Policy{Quiet: nb.QuietHours{Start: 22 * time.Hour, End: 7 * time.Hour, Location: cst}})
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, cst) }
	for _, tc := range []struct {
		n    nb.Notice
		now  time.Time
		want time.Time
	}{
		{nb.Notice{}, at(27, 10), at(27, 10)},                               // at once
		{nb.Notice{}, at(27, 23), at(28, 7)},                                // held by quiet hours
		{nb.Notice{Urgent: true}, at(27, 23), at(27, 23)},                   // urgent: never held
		{nb.Notice{SendAt: at(28, 9)}, at(27, 10), at(28, 9)},               // scheduled
		{nb.Notice{SendAt: at(28, 5)}, at(27, 10), at(28, 7)},               // scheduled into quiet hours
		{nb.Notice{SendAt: at(27, 9)}, at(27, 10), at(27, 10)},              // scheduled time passed (approved late)
		{nb.Notice{SendAt: at(28, 5), Urgent: true}, at(27, 10), at(28, 5)}, // urgent and scheduled
	} {
		if got := s.DueAt(&tc.n, tc.now); !got.Equal(tc.want) {
			t.Errorf("DueAt(%+v at %s) = %s, want %s", tc.n, tc.now, got, tc.want)
		}
	}
}
