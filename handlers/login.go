package handlers

import (
	"net/url"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// login: "#登录" in a private chat — a one-time code (and a link) to log in
// to the officers' desk, for staff. Only its hash is stored.
func (h *Handlers) login(c *bot.Context) error {
	if c.IsGroup() {
		return c.Reply(h.l.T("login_private_only"))
	}
	code := nb.NewCode()
	err := c.Tx.CreateLoginCode(&nb.LoginCode{CodeHash: nb.HashSecret(code), PersonID: c.Person.ID,
		ExpiresAt: c.Tx.Now().Add(h.cfg.LoginCodeTTL)})
	if err != nil {
		return err
	}
	text := h.l.T("login_code", code, int(h.cfg.LoginCodeTTL.Minutes()))
	if base := strings.TrimRight(h.cfg.DeskURL, "/"); base != "" {
		text += "\n" + h.l.T("login_link", base+"/desk/login?code="+url.QueryEscape(code))
	}
	return c.Reply(text)
}
