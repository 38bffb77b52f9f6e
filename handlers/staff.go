package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// staffAbove returns the grid workers and officers of unit and of the units
// above it who can be reached privately on platform p (nb.StaffAbove), the
// sender left out.
func staffAbove(c *bot.Context, unitID int64, p nb.Platform) ([]*nb.Identity, error) {
	tree, err := unitTree(c)
	if err != nil {
		return nil, err
	}
	return nb.StaffAbove(c.Tx, tree, unitID, p, c.Person.ID)
}

// tellStaff sends text privately to staffAbove about case cs.
func tellStaff(c *bot.Context, cs *nb.Case, unitID int64, p nb.Platform, text string) error {
	staff, err := staffAbove(c, unitID, p)
	if err != nil {
		return err
	}
	for _, s := range staff {
		if err := c.Post(&nb.OutboxMessage{Platform: s.Platform, ChatExternalID: s.PrivateChatID, Text: text, CaseID: cs.ID}); err != nil {
			return err
		}
	}
	return nil
}
