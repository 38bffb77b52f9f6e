package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// link: "#关联" in a private chat — a one-time code that, sent as
// "#绑定 CODE" from a private chat on another platform, makes that account
// one person with this one (same roles, cases and follows).
func (h *Handlers) link(c *bot.Context) error {
	if c.IsGroup() {
		return c.Reply(h.l.T("link_private_only"))
	}
	if !c.Msg.Platform.Linkable() {
		return c.Reply(h.l.T("link_sandbox"))
	}
	l := &nb.LinkCode{Code: nb.NewCode(), PersonID: c.Person.ID, Platform: c.Msg.Platform,
		ExpiresAt: c.Tx.Now().Add(nb.LinkCodeTTL)}
	if err := c.Tx.CreateLinkCode(l); err != nil {
		return err
	}
	return c.Reply(h.l.T("link_code", l.Code, h.when(l.ExpiresAt)))
}

// redeemLink is "#绑定 CODE" with a link code; found is false when code is
// not one (it may be an invite).
func (h *Handlers) redeemLink(c *bot.Context, code string) (found bool, err error) {
	l, err := c.Tx.RedeemLinkCode(code, c.Msg.Platform, c.Msg.SenderID)
	switch nb.ErrorCode(err) {
	case "":
	case nb.ENOTFOUND:
		return false, nil
	case nb.EINVALID:
		return true, c.Reply(h.l.T("bind_bad_code", h.l.refusal(err)))
	default:
		return true, err
	}
	c.Logger.Info("accounts linked", "person", l.PersonID, "platform", c.Msg.Platform, "from_platform", l.Platform)
	return true, c.Reply(h.l.T("link_ok", h.l.Name("platform", l.Platform)))
}

func init() {
	for k, v := range map[string][2]string{
		"link_private_only": {"请私聊机器人发送 #关联。", "Send /link to the bot in a private chat."},
		"link_sandbox":      {"体验平台的账号不能关联（任何人都可以在体验页以其身份发言）。", "Sandbox accounts cannot be linked (anyone on the sandbox page may speak as them)."},
		"link_code": {"关联码：%s（%s 前有效）。请在另一个平台（Telegram 或微信）私聊机器人发送「#绑定 关联码」，两个账号将合并为同一人，角色、诉求和关注都保留。",
			"Link code: %s (valid until %s). Send \"/bind CODE\" to the bot in a private chat on your other platform (Telegram or WeChat): both accounts become one person, keeping roles, cases and follows."},
		"link_ok": {"关联成功：此账号已与您在%s的账号合并，角色与诉求均已保留。", "Linked: this account is now one with your %s account; roles and cases are kept."},
	} {
		texts[k] = v
	}
	for k, v := range map[string][2]string{
		"platform:telegram": {"Telegram", "Telegram"}, "platform:wechat": {"微信", "WeChat"}, "platform:sandbox": {"体验平台", "sandbox"},
	} {
		names[k] = v
	}
}
