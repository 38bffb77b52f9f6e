package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// maxEditNote bounds the old text an edit event keeps.
const maxEditNote = 500

// Edits handles a new version of a message already received (Telegram's
// edited_message): the reporter's edit of an open case's report updates the
// case text, and the event log keeps the text it replaced. Other edits are
// ignored, so that editing a command never runs it twice.
func (h *Handlers) Edits(next bot.HandlerFunc) bot.HandlerFunc {
	return func(c *bot.Context) error {
		if c.Msg.EditOf == "" {
			return next(c)
		}
		cs, err := c.Tx.FindCaseByMessage(c.Msg.Platform, c.Msg.ChatID, c.Msg.EditOf)
		if nb.ErrorCode(err) == nb.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		if cs.ReportMsg != c.Msg.EditOf || cs.ReporterID != c.Person.ID || !cs.Stage.Open() || cs.Text == reportText(c.Msg.Text) {
			return nil
		}
		old := cs.Text
		cs.Text = reportText(c.Msg.Text)
		if err := c.Tx.UpdateCase(cs); err != nil {
			return err
		}
		c.Logger.Info("report edited", "case", cs.ID)
		return c.Tx.AppendEvent(&nb.Event{CaseID: cs.ID, Kind: nb.EventEdited, ActorID: c.Person.ID,
			FromStage: cs.Stage, ToStage: cs.Stage, Note: bot.Truncate(old, maxEditNote), CreatedAt: c.Tx.Now()})
	}
}

// reportVerbs are the verbs of "#报事 内容" (see Router), whose case text
// is the text after the verb.
var reportVerbs = []string{"报事", "报料", "反映", "report"}

// reportText is the case text of a report message: without the verb of an
// explicit report ("#报事 3号楼…", "/report@bot …").
func reportText(text string) string {
	s := strings.TrimSpace(bot.Fold(text))
	if s == "" || (s[0] != '#' && s[0] != '/') {
		return text
	}
	for _, v := range reportVerbs {
		if len(s) > len(v) && strings.EqualFold(s[1:1+len(v)], v) {
			rest := s[1+len(v):]
			if strings.HasPrefix(rest, "@") {
				_, rest, _ = strings.Cut(rest, " ")
			}
			return strings.TrimSpace(rest)
		}
	}
	return text
}
