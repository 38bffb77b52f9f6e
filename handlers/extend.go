package handlers

import (
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// extend: "#延期 N 3天 原因" — an officer moves a project's deadline; the
// reason goes to the group and into the timeline.
func (h *Handlers) extend(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_extend"))
	if err != nil {
		return err
	}
	d, ok := parseSpan(c.Command.Arg(1))
	if !ok {
		return h.fail("need_span", h.l.T("ex_extend"))
	}
	reason := c.Command.TextAfter(2)
	if reason == "" {
		return h.fail("need_reason", h.l.T("ex_extend"))
	}
	_, err = h.act(c, n, nb.Command{Action: nb.ActionExtend, Extend: d, Note: reason})
	switch nb.ErrorCode(err) {
	case nb.ECONFLICT:
		return h.fail("extend_limit", n)
	case nb.EINVALID:
		return h.fail("extend_invalid", h.l.refusal(err))
	}
	return err
}

// spanUnits maps what people write after a number to a duration.
var spanUnits = map[string]time.Duration{
	"d": 24 * time.Hour, "天": 24 * time.Hour, "日": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"h": time.Hour, "小时": time.Hour, "时": time.Hour, "个小时": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"w": 7 * 24 * time.Hour, "周": 7 * 24 * time.Hour, "星期": 7 * 24 * time.Hour, "个星期": 7 * 24 * time.Hour,
}

// parseSpan reads a span such as "3天", "3d", "12小时" or "2周".
func parseSpan(s string) (time.Duration, bool) {
	s = strings.ToLower(bot.Fold(s))
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:i])
	unit, ok := spanUnits[s[i:]]
	if err != nil || !ok || n <= 0 || n > 366 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}
