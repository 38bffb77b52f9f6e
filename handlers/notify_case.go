package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// notifyOfficers tells the grid workers and officers over a new case's unit
// (its grid, community, street …), in their private chats with the bot on
// the report's platform, with the commands to accept or dismiss it (which
// Telegram shows as buttons). Those who never wrote to the bot privately
// see the group's acknowledgement only; the reporter is not told twice.
func (h *Handlers) notifyOfficers(c *bot.Context, cs *nb.Case) error {
	if cs.UnitID == 0 {
		return nil
	}
	text := h.l.T("officer_new", cs.ID, summary(cs), intake.MaskPersonal(cs.Text), cs.ID, cs.ID, cs.ID)
	return tellStaff(c, cs, cs.UnitID, c.Msg.Platform, text)
}
