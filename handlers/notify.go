package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// notifyStaff tells the staff of unit, in their private chats with the bot,
// about work on cs (a new owner, a whistle). Staff who never wrote to the
// bot privately cannot be reached and see the group notice only; the sender
// is not told what they did themselves.
func (h *Handlers) notifyStaff(c *bot.Context, cs *nb.Case, unitID int64, text string) error {
	chat, err := c.Tx.FindChatByID(cs.ChatID)
	if err != nil {
		return err
	}
	staff, err := c.Tx.ListReachable(nb.RoleDepartment, unitID, chat.Platform)
	if err != nil {
		return err
	}
	for _, s := range staff {
		if s.PersonID == c.Person.ID {
			continue
		}
		if err := c.Post(&nb.OutboxMessage{Platform: s.Platform, ChatExternalID: s.PrivateChatID, Text: text, CaseID: cs.ID}); err != nil {
			return err
		}
	}
	return nil
}

// taskText is the private note to an owner's staff about a new task.
func (h *Handlers) taskText(cs *nb.Case) string {
	return h.l.T("task_new", cs.ID, summary(cs), intake.MaskPersonal(cs.Text), h.when(cs.DueAt), cs.ID, cs.ID)
}

// whistleText is the private note to a whistled unit's staff.
func (h *Handlers) whistleText(cs *nb.Case) string {
	return h.l.T("task_whistle", cs.ID, summary(cs), intake.MaskPersonal(cs.Text), h.when(cs.WhistleDueAt), cs.ID)
}
