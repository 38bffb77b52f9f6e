package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// notifyUrgent tells the officers and grid workers of the group's unit and
// of the units above it, in their private chats with the bot, about an
// urgent report at once (danger to people: fire, gas, a fall, someone
// trapped…), whether or not it was acknowledged in the group.
func (h *Handlers) notifyUrgent(c *bot.Context, cs *nb.Case) error {
	if cs.Priority != nb.PriorityUrgent || c.Chat.UnitID == 0 {
		return nil
	}
	chat, err := c.Tx.FindChatByID(cs.ChatID)
	if err != nil {
		return err
	}
	text := h.l.T("urgent_private", cs.ID, summary(cs), intake.MaskPersonal(cs.Text), cs.ID, cs.ID)
	return tellStaff(c, cs, c.Chat.UnitID, chat.Platform, text)
}

func init() {
	texts["urgent_private"] = [2]string{"【紧急】#%d %s\n内容：%s\n请立即处理：#确认 %d 或 #立项 %d 单位",
		"[URGENT] #%d %s\nReport: %s\nAct now: /confirm %d or /accept %d unit"}
}
