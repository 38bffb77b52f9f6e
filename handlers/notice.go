package handlers

import (
	"strings"
	"time"
	"unicode"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/broadcasts"
)

// notice: "#通知 [--at 2026-12-01T09:00] [--urgent] [@单位 | --scope 单位] 内容"
// — an ambassador or an officer broadcasts to the groups of a unit
// ("/notice status B7" shows a notice's delivery).
func (h *Handlers) notice(c *bot.Context) error {
	if strings.EqualFold(c.Command.Arg(0), "status") {
		return h.noticeStatusOf(c, c.Command.Arg(1))
	}
	opts, text, err := h.noticeOptions(c.Command.Text)
	if err != nil {
		return err
	}
	d := broadcasts.Draft{Text: text, AuthorName: c.Person.Name, SendAt: opts.at, Urgent: opts.urgent,
		Platform: c.Msg.Platform, ChatExternalID: c.Msg.ChatID, MessageID: c.Msg.ID}
	if c.Chat != nil && c.IsGroup() {
		d.ChatUnitID = c.Chat.UnitID
	}
	for _, a := range c.Msg.Attachments {
		if a.Kind == "photo" {
			d.Photo = &a
			break
		}
	}
	if opts.scope != "" {
		u, err := h.findUnit(c, opts.scope)
		if err != nil {
			return err
		}
		d.UnitID = u.ID
	}
	res, err := h.bc.SubmitTx(c.Tx, c.Actor(), d)
	if err != nil {
		return h.explain(err)
	}
	c.Counted(res.Queued + res.Asked)
	c.Logger.Info("notice submitted", "notice", res.Notice.ID, "status", res.Notice.Status, "queued", res.Queued)
	return c.Reply(h.submitted(c, res))
}

// submitted is the author's answer: sent, scheduled, or waiting for approval.
func (h *Handlers) submitted(c *bot.Context, res *broadcasts.Result) string {
	n := res.Notice
	if n.Status == nb.NoticeAwaiting {
		tree, _ := unitTree(c)
		return h.l.T("bc_awaiting", n.Code(), h.l.T("bc_why_"+n.Why), tree.Name(n.UnitID), res.Asked)
	}
	if now := c.Tx.Now(); res.DueAt.After(now.Add(time.Minute)) {
		note := ""
		if h.bc.Policy().Quiet.Contains(later(n.SendAt, now)) && !n.Urgent {
			note = h.l.T("bc_quiet_note")
		}
		return h.l.T("bc_queued_later", n.Code(), noticeWords{l: h.l, loc: h.cfg.Location}.when(res.DueAt), res.Queued, note)
	}
	return h.l.T("bc_queued", n.Code(), res.Queued)
}

// later is the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// noticeOptions are the flags before a notice's text.
type noticeOptions struct {
	at     time.Time
	urgent bool
	scope  string
}

// noticeOptions reads the leading flags of s and returns them with the
// text after them, as the person wrote it.
func (h *Handlers) noticeOptions(s string) (noticeOptions, string, error) {
	var o noticeOptions
	for {
		word, rest := nextField(s)
		flag := strings.ToLower(bot.Fold(word))
		switch {
		case flag == "--urgent" || flag == "--紧急":
			o.urgent, s = true, rest
		case flag == "--at" || flag == "--定时":
			value, after := nextField(rest)
			t, err := h.parseAt(bot.Fold(value))
			if err != nil {
				return o, "", err
			}
			o.at, s = t, after
		case flag == "--scope" || flag == "--范围":
			o.scope, s = nextField(rest)
		case strings.HasPrefix(flag, "@") && len(flag) > 1:
			o.scope, s = strings.TrimPrefix(bot.Fold(word), "@"), rest
		default:
			return o, strings.TrimSpace(s), nil
		}
	}
}

// parseAt reads a time such as 2026-12-01T09:00 in the people's zone.
func (h *Handlers) parseAt(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-1-2T15:04"} {
		if t, err := time.ParseInLocation(layout, s, h.cfg.Location); err == nil {
			return t, nil
		}
	}
	return time.Time{}, h.fail("bc_bad_at")
}

// nextField splits the first white-space separated field off s.
func nextField(s string) (field, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}
