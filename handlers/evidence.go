package handlers

import (
	"strconv"
	"strings"
	"unicode"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Evidence keeps the photos of a message on the case it is about: the case
// it reported, the case a command it captions changed ("#办结 12 已修好"
// with a photo of the repair), or the case of the message it replies to.
// A command that was refused adds nothing.
func (h *Handlers) Evidence(next bot.HandlerFunc) bot.HandlerFunc {
	return func(c *bot.Context) error {
		if len(c.Msg.Attachments) == 0 {
			return next(c)
		}
		named := commandCase(c.Msg.Text)
		before, err := countEvents(c.Tx, named)
		if err != nil {
			return err
		}
		if err := next(c); err != nil {
			return err
		}
		if cs, err := c.Tx.FindCaseByMessage(c.Msg.Platform, c.Msg.ChatID, c.Msg.ID); err == nil {
			return h.attach(c, cs.ID, nb.EventReported)
		} else if nb.ErrorCode(err) != nb.ENOTFOUND {
			return err
		}
		if named != 0 {
			events, err := c.Tx.ListEvents(named)
			if err != nil || len(events) <= before || events[len(events)-1].ActorID != c.Person.ID {
				return err // refused, or not a command that changes the case
			}
			return h.attach(c, named, events[len(events)-1].Kind)
		}
		if c.Msg.ReplyTo == "" {
			return nil
		}
		cs, err := repliedCase(c)
		if nb.ErrorCode(err) == nb.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		if err := c.Tx.AppendEvent(&nb.Event{CaseID: cs.ID, Kind: nb.EventEvidence, ActorID: c.Person.ID,
			FromStage: cs.Stage, ToStage: cs.Stage, CreatedAt: c.Tx.Now()}); err != nil {
			return err
		}
		return h.attach(c, cs.ID, nb.EventEvidence)
	}
}

// attach stores the message's attachments on case n.
func (h *Handlers) attach(c *bot.Context, n int64, kind nb.EventKind) error {
	for _, a := range c.Msg.Attachments {
		ca := &nb.CaseAttachment{CaseID: n, EventKind: kind, Platform: c.Msg.Platform, Attachment: a}
		if err := c.Tx.AddAttachment(ca); err != nil {
			return err
		}
	}
	c.Logger.Info("evidence kept", "case", n, "attachments", len(c.Msg.Attachments), "event", kind)
	return nil
}

// commandCase reads the case number that follows a command's verb ("#办结12",
// "/resolve 12 …"), or 0.
func commandCase(text string) int64 {
	s := strings.TrimSpace(bot.Fold(text))
	if s == "" || (s[0] != '#' && s[0] != '/') {
		return 0
	}
	s = strings.TrimLeftFunc(s[1:], func(r rune) bool { return !unicode.IsDigit(r) && !unicode.IsSpace(r) })
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(fields[0], 10, 64)
	return n
}

// countEvents returns how many events case n has (0 for no case).
func countEvents(tx nb.Tx, n int64) (int, error) {
	if n == 0 {
		return 0, nil
	}
	events, err := tx.ListEvents(n)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return 0, nil
	}
	return len(events), err
}
