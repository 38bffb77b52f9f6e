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
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	text := h.l.T("officer_new", cs.ID, summary(cs), intake.MaskPersonal(cs.Text), cs.ID, cs.ID, cs.ID)
	told := map[int64]bool{c.Person.ID: true}
	for u := tree[cs.UnitID]; u != nil; u = tree[u.ParentID] {
		for _, role := range []nb.Role{nb.RoleGridWorker, nb.RoleOfficer} {
			staff, err := c.Tx.ListReachable(role, u.ID, c.Msg.Platform)
			if err != nil {
				return err
			}
			for _, s := range staff {
				if told[s.PersonID] {
					continue
				}
				told[s.PersonID] = true
				if err := c.Post(&nb.OutboxMessage{Platform: s.Platform, ChatExternalID: s.PrivateChatID, Text: text, CaseID: cs.ID}); err != nil {
					return err
				}
			}
		}
		if u.ParentID == u.ID {
			break
		}
	}
	return nil
}
