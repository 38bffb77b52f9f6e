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

// ackKey names the group's acknowledgement of a new case: an urgent report
// in a bound group says that the officers were told at once and which
// numbers to call while someone is in danger, so that nobody waits on the bot.
func ackKey(c *bot.Context, cs *nb.Case) string {
	switch {
	case cs.UnitID == 0 && c.IsGroup():
		return "ack_unbound"
	case cs.Priority == nb.PriorityUrgent && cs.UnitID != 0:
		return "ack_urgent"
	}
	return "ack"
}

func init() {
	texts["ack_urgent"] = [2]string{"收到，已登记 #%d %s，已加急通知工作人员。如有人身危险，请立即拨打 119、120 或 110。",
		"Got it: registered #%d %s and passed to the officers as urgent. If anyone is in danger, call 119, 120 or 110 now."}
	texts["urgent_private"] = [2]string{"【紧急】#%d %s\n内容：%s\n请立即处理：#确认 %d 或 #立项 %d 单位",
		"[URGENT] #%d %s\nReport: %s\nAct now: /confirm %d or /accept %d unit"}
}
