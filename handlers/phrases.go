package handlers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// Phrases tells people what happened to a case, in their language: the
// case service's nb.Phrasebook.
type Phrases struct {
	l             lang
	loc           *time.Location
	autoCloseDays int
}

var _ nb.Phrasebook = (*Phrases)(nil)

// NewPhrases returns the phrasebook for cfg's language and time zone.
func NewPhrases(cfg Config) *Phrases {
	cfg = cfg.withDefaults()
	return &Phrases{l: langFor(cfg.Language), loc: cfg.Location, autoCloseDays: cfg.AutoCloseDays}
}

// when formats a time for people ("11月30日 18:00").
func (p *Phrases) when(t time.Time) string {
	t = t.In(p.loc)
	if p.l == 1 {
		return t.Format("Jan 2 15:04")
	}
	return t.Format("1月2日 15:04")
}

// name is a unit's name, or "#id" if the tree lacks it.
func name(units nb.UnitTree, id int64) string {
	if n := units.Name(id); n != "" || id == 0 {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// Notice is the group's notice of ev; timers tell no group.
func (p *Phrases) Notice(c *nb.Case, ev *nb.Event, units nb.UnitTree) string {
	t, s, note := p.l.T, summary(c), intake.MaskPersonal(ev.Note)
	if ev.Kind == nb.EventReported { // a report from outside the chats (Open311): acknowledged as in chat
		if c.UnitID == 0 {
			return t("ack_unbound", c.ID, s)
		}
		return t("ack", c.ID, s)
	}
	if ev.Kind == nb.EventLeft { // a withdrawal held for others (withdraw.go)
		return t("say_left", c.ID, s, p.retractWords(ev), p.holdWords(ev))
	}
	switch nb.Action(ev.Kind) {
	case nb.ActionConfirm:
		return t("say_confirm", c.ID, s)
	case nb.ActionDismiss:
		return t("say_dismiss", c.ID, s, note)
	case nb.ActionMerge:
		return t("say_merge", c.ID, c.MergedInto, c.MergedInto)
	case nb.ActionAccept:
		return t("say_accept", c.ID, s, name(units, ev.UnitID), p.when(c.DueAt))
	case nb.ActionAssign:
		return t("say_assign", c.ID, s, name(units, ev.UnitID), p.when(c.DueAt))
	case nb.ActionWhistle:
		return t("say_whistle", c.ID, s, name(units, ev.UnitID), p.when(c.WhistleDueAt))
	case nb.ActionAck:
		return t("say_ack", c.ID, s, name(units, ev.UnitID))
	case nb.ActionProgress:
		return t("say_progress", c.ID, s, note)
	case nb.ActionResolve:
		return t("say_resolve", c.ID, s, note, c.ID)
	case nb.ActionRate:
		if c.Stage == nb.StageProject {
			return t("say_reopened", c.ID, name(units, c.OwnerUnitID))
		}
		return t("say_rated", c.ID, p.l.Name("rating", c.Rating))
	case nb.ActionClose:
		return t("say_autoclosed", c.ID, s, p.autoCloseDays)
	case nb.ActionExtend:
		return t("say_extend", c.ID, s, p.when(c.DueAt), note)
	case nb.ActionWithdraw:
		return t("say_withdrawn", c.ID, s)
	}
	return ""
}

// Private is the note to the staff or officers ev concerns.
func (p *Phrases) Private(c *nb.Case, ev *nb.Event, units nb.UnitTree) string {
	t, s, text := p.l.T, summary(c), intake.MaskPersonal(c.Text)
	if ev.Kind == nb.EventReported { // a report from outside the chats (Open311): as notifyOfficers and notifyUrgent
		if c.Priority == nb.PriorityUrgent {
			return t("urgent_private", c.ID, s, text, c.ID, c.ID)
		}
		return t("officer_new", c.ID, s, text, c.ID, c.ID, c.ID)
	}
	if ev.Kind == nb.EventLeft {
		return t("private_left", c.ID, s, p.retractWords(ev), p.holdWords(ev), c.ID)
	}
	switch nb.Action(ev.Kind) {
	case nb.ActionAccept, nb.ActionAssign:
		return t("task_new", c.ID, s, text, p.when(c.DueAt), c.ID, c.ID)
	case nb.ActionWhistle:
		return t("task_whistle", c.ID, s, text, p.when(c.WhistleDueAt), c.ID)
	case nb.ActionRemindAck:
		return t("remind_ack", c.ID, s, p.when(c.WhistleDueAt), c.ID)
	case nb.ActionEscalateAck:
		return t("escalate_ack", c.ID, s, name(units, c.WhistleUnitID), p.when(c.WhistleDueAt), c.ID)
	case nb.ActionRemindDue:
		return t("remind_due", c.ID, s, p.when(c.DueAt), c.ID, c.ID)
	case nb.ActionEscalateDue:
		return t("escalate_due", c.ID, s, name(units, c.OwnerUnitID), p.when(c.DueAt), c.ID)
	case nb.ActionEscalateTopic:
		return t("escalate_topic", c.ID, s, text, p.when(c.CreatedAt), c.ID, c.ID)
	case nb.ActionWithdraw:
		return t("private_withdrawn", c.ID, s)
	}
	return ""
}

// Report is a unit's weekly report.
func (p *Phrases) Report(unit string, from, to time.Time, s *nb.Stats, overdue []*nb.Case) string {
	day := func(t time.Time) string {
		if p.l == 1 {
			return t.In(p.loc).Format("Jan 2")
		}
		return t.In(p.loc).Format("1月2日")
	}
	lines := append([]string{p.l.T("report_head", unit, day(from), day(to.Add(-time.Minute)))}, p.statsLines(s)...)
	if len(overdue) == 0 {
		return strings.Join(append(lines, p.l.T("report_no_overdue")), "\n")
	}
	lines = append(lines, p.l.T("report_overdue", len(overdue)))
	for _, c := range overdue {
		lines = append(lines, fmt.Sprintf("#%d %s（%s）", c.ID, summary(c), p.when(c.DueAt)))
	}
	return strings.Join(lines, "\n")
}

// statsLines renders statistics in a few short lines.
func (p *Phrases) statsLines(s *nb.Stats) []string {
	pct := func(r *float64) string {
		if r == nil {
			return "—"
		}
		return fmt.Sprintf("%.0f%%", *r*100)
	}
	hours := func(r *float64) string {
		if r == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f", *r)
	}
	cats := make([]string, 0, len(s.ByCategory))
	for k, n := range s.ByCategory {
		if k == "" {
			k = p.l.T("uncategorised")
		}
		cats = append(cats, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(cats)
	lines := []string{
		p.l.T("stats_counts", s.Topics, s.Issues, s.Projects, s.Resolved),
		p.l.T("stats_rates", pct(s.ResolutionRate), pct(s.ResponseRate), pct(s.SolveRate), pct(s.SatisfactionRate)),
		p.l.T("stats_times", pct(s.OnTimeRate), hours(s.MedianResponseHours), hours(s.MedianResolveHours)),
	}
	if len(cats) > 0 {
		lines = append(lines, p.l.T("stats_cats", strings.Join(cats, "、")))
	}
	return lines
}
