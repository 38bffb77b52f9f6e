package handlers

import (
	"strings"
	"unicode/utf8"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// text handles a message that is not a command: a reply that joins or
// rates a case, a report, or — most often — chit-chat, which gets no answer.
func (h *Handlers) text(c *bot.Context) error {
	long := utf8.RuneCountInString(c.Msg.Text) > h.cfg.MaxReportRunes
	// The message is read (understood) once, when first needed: whether it
	// takes back a report and what it reports come from the same reading.
	var r intake.Result
	understood := false
	understand := func() intake.Result {
		if !understood {
			r, understood = h.understandOnce(c), true
		}
		return r
	}
	retracts := func() bool {
		if long { // never a report: not worth reading in full
			return intake.Retracts(c.Msg.Text)
		}
		return understand().Retract
	}
	if done, err := h.withdrawal(c, retracts); done || err != nil { // withdraw.go
		return err
	}
	if c.Msg.ReplyTo != "" {
		if handled, err := h.onReply(c); handled || err != nil {
			return err
		}
	}
	if long {
		c.Logger.Debug("long message not taken as a report", "runes", utf8.RuneCountInString(c.Msg.Text))
		return nil
	}
	r = understand()
	if !r.Concern {
		return nil
	}
	if !c.IsGroup() {
		return c.Reply(h.l.T("private_report"))
	}
	return h.intake(c, r, false)
}

// report: "#报事 内容" — always registered, whatever the detector thinks.
func (h *Handlers) report(c *bot.Context) error {
	text := c.Command.Text
	if text == "" {
		return h.fail("need_text", h.l.T("ex_report"))
	}
	if utf8.RuneCountInString(text) > h.cfg.MaxReportRunes {
		return h.fail("too_long", h.cfg.MaxReportRunes)
	}
	if !c.IsGroup() {
		return c.Reply(h.l.T("private_report"))
	}
	r := h.u.UnderstandReport(text)
	if r.Category == "" {
		r.Category = "其他诉求"
	}
	return h.intake(c, r, true)
}

// intake registers a concern: it joins a confident duplicate, or opens a
// topic that is acknowledged in the group when the detector is confident
// (or the resident used #报事) and otherwise waits silently for review.
func (h *Handlers) intake(c *bot.Context, r intake.Result, explicit bool) error {
	open, err := h.openCases(c, r)
	if err != nil {
		return err
	}
	match, found := h.u.FindDuplicate(r, c.Tx.Now(), open)
	if found && match.Strong {
		return h.joinDuplicate(c, match.CaseID)
	}
	cs := &nb.Case{Stage: nb.StageTopic, Text: c.Msg.Text, Category: r.Category,
		Location: strings.Join(r.Location, " "), LocationNorm: strings.Join(r.LocationNorm, "|"),
		Priority: nb.Priority(r.Priority), Confidence: r.Confidence,
		Quiet:  !explicit && r.Confidence < h.u.AckThreshold(),
		UnitID: c.Chat.UnitID, ChatID: c.Chat.ID, ReportMsg: c.Msg.ID, ReporterID: c.Person.ID}
	if found {
		cs.SuggestedDuplicate = match.CaseID
	}
	if !cs.Priority.Valid() {
		cs.Priority = nb.PriorityGeneral
	}
	if explicit {
		cs.Text = c.Command.Text
	}
	if err := h.createCase(c, cs, found, match); err != nil {
		return err
	}
	if err := h.notifyUrgent(c, cs); err != nil { // urgent.go
		return err
	}
	h.logReport(c, "report registered", cs)
	if cs.Quiet {
		return nil
	}
	key := ackKey(c, cs)
	if err := c.Post(&nb.OutboxMessage{Text: h.l.T(key, cs.ID, summary(cs)), ReplyTo: c.Msg.ID, CaseID: cs.ID}); err != nil {
		return err
	}
	if cs.Priority == nb.PriorityUrgent && c.Chat.UnitID != 0 {
		return nil // the officers had the urgent note already
	}
	return h.notifyOfficers(c, cs)
}

// createCase stores the case, its reporter and the first event.
func (h *Handlers) createCase(c *bot.Context, cs *nb.Case, weak bool, m intake.Match) error {
	if err := c.Tx.CreateCase(cs); err != nil {
		return err
	}
	if _, err := c.Tx.AddFollower(cs.ID, c.Person.ID, nb.FollowReporter); err != nil {
		return err
	}
	note := ""
	if weak {
		note = "possible duplicate of #" + itoa(m.CaseID)
	}
	return c.Tx.AppendEvent(&nb.Event{CaseID: cs.ID, Kind: nb.EventReported, ActorID: c.Person.ID,
		ToStage: cs.Stage, Note: note, CreatedAt: c.Tx.Now()})
}

// openCases lists the open cases a new report may repeat: those of the
// same unit (or, for an unbound chat, the same chat) and category within
// the window (intake matches only within a category).
func (h *Handlers) openCases(c *bot.Context, r intake.Result) ([]intake.OpenCase, error) {
	q := nb.CandidateQuery{Category: r.Category, Since: c.Tx.Now().Add(-h.cfg.DuplicateWindow), Limit: 200}
	if c.Chat.UnitID != 0 {
		q.UnitID = c.Chat.UnitID
	} else {
		q.ChatID = c.Chat.ID
	}
	cases, err := c.Tx.ListCandidates(q)
	if err != nil {
		return nil, err
	}
	open := make([]intake.OpenCase, 0, len(cases))
	for _, cs := range cases {
		var norm []string
		if cs.LocationNorm != "" {
			norm = strings.Split(cs.LocationNorm, "|")
		}
		open = append(open, intake.OpenCase{ID: cs.ID, Category: cs.Category, LocationNorm: norm, Text: cs.Text, At: cs.CreatedAt})
	}
	return open, nil
}

// logReport logs one info line per handled report: the case, its category
// and how long since the message was sent (never the text).
func (h *Handlers) logReport(c *bot.Context, msg string, cs *nb.Case) {
	attrs := []any{"case", cs.ID, "category", cs.Category, "quiet", cs.Quiet}
	if !c.Msg.At.IsZero() {
		attrs = append(attrs, "latency", c.Tx.Now().Sub(c.Msg.At))
	}
	c.Logger.Info(msg, attrs...)
}
