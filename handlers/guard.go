package handlers

import (
	"regexp"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// members records the sender of every group message as a member of the
// group, so that the group's cases belong to them (nb.Belongs).
func (h *Handlers) members(next bot.HandlerFunc) bot.HandlerFunc {
	return func(c *bot.Context) error {
		if c.IsGroup() {
			if err := c.Tx.AddChatMember(c.Chat.ID, c.Person.ID); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// codePattern matches an invite code as the CLI makes them ("K7QM-3XPA").
var codePattern = regexp.MustCompile(`(?i)\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b`)

// burnCodes cancels every usable invite code posted in a group, before
// anyone else can redeem it. The group is told without the code being
// repeated, and the poster is asked privately (when the bot can reach
// them, else in the group) to get a new one. The message is not handled
// further.
func (h *Handlers) burnCodes(next bot.HandlerFunc) bot.HandlerFunc {
	return func(c *bot.Context) error {
		if !c.IsGroup() {
			return next(c)
		}
		burned := 0
		for _, code := range codePattern.FindAllString(bot.Fold(c.Msg.Text), -1) {
			code = strings.ToUpper(code)
			_, err := c.Tx.RevokeInvite(code)
			if nb.ErrorCode(err) == nb.ENOTFOUND {
				err = c.Tx.RevokeLinkCode(code)
			}
			switch nb.ErrorCode(err) {
			case "":
				burned++
			case nb.ENOTFOUND, nb.EINVALID: // not a live code
			default:
				return err
			}
		}
		if burned == 0 {
			return next(c)
		}
		c.Logger.Warn("invite code posted in a group burned", "chat", c.Chat.ID, "person", c.Person.ID, "codes", burned)
		return h.tellBurned(c)
	}
}

// tellBurned tells the group that a code was cancelled and its poster to
// ask for a new one.
func (h *Handlers) tellBurned(c *bot.Context) error {
	id, err := c.Tx.FindIdentity(c.Msg.Platform, c.Msg.SenderID)
	if err != nil {
		return err
	}
	if id.PrivateChatID == "" {
		return c.Post(&nb.OutboxMessage{Text: h.l.T("code_burned") + "\n" + h.l.T("code_burned_owner"),
			ReplyTo: c.Msg.ID, Mentions: []string{c.Msg.SenderID}})
	}
	if err := c.Reply(h.l.T("code_burned")); err != nil {
		return err
	}
	return c.Post(&nb.OutboxMessage{ChatExternalID: id.PrivateChatID, Text: h.l.T("code_burned_owner")})
}
