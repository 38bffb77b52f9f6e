package handlers

import (
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// bind: "#绑定 CODE" in a private chat — redeems an invite for a role, or a
// link code asked for on another platform ("#关联", link.go).
// (A live code posted in a group never gets here: burnCodes cancels it.)
// Wrong codes are counted per person and per chat; too many lock both out
// for a while, so codes cannot be guessed.
func (h *Handlers) bind(c *bot.Context) error {
	if c.IsGroup() {
		return c.Reply(h.l.T("bind_private_only"))
	}
	code := strings.ToUpper(bot.Fold(c.Command.Arg(0)))
	if code == "" {
		return h.fail("need_text", "#绑定 ABCD-1234")
	}
	tries, err := h.redeemAttempts(c)
	if err != nil {
		return err
	}
	now := c.Tx.Now()
	if until := lockedUntil(tries, now); !until.IsZero() {
		return c.Reply(h.l.T("bind_locked", h.when(until)))
	}
	if found, err := h.redeemLink(c, code); found || err != nil {
		return err
	}
	inv, err := c.Tx.RedeemInvite(code, c.Person.ID)
	if code := nb.ErrorCode(err); code == nb.ENOTFOUND || code == nb.EINVALID {
		if err := h.redeemFailed(c, tries); err != nil {
			return err
		}
		return c.Reply(h.l.T("bind_bad_code", h.l.refusal(err)))
	} else if err != nil {
		return err
	}
	scope := unitName(c, inv.UnitID)
	if scope == "" {
		scope = "*"
	}
	return c.Reply(h.l.T("bind_ok", scope, h.l.Name("role", inv.Role)))
}

// redeemAttempts loads the failed redemptions counted for the sender and
// for the chat.
func (h *Handlers) redeemAttempts(c *bot.Context) ([]*nb.Attempts, error) {
	var list []*nb.Attempts
	for _, key := range []string{"redeem:person:" + itoa(c.Person.ID), "redeem:chat:" + itoa(c.Chat.ID)} {
		a, err := c.Tx.FindAttempts(key)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, nil
}

// lockedUntil returns the latest lock in force at now (zero if none).
func lockedUntil(tries []*nb.Attempts, now time.Time) time.Time {
	var until time.Time
	for _, a := range tries {
		if a.Locked(now) && a.LockedUntil.After(until) {
			until = a.LockedUntil
		}
	}
	return until
}

// redeemFailed counts a wrong code against the sender and the chat.
func (h *Handlers) redeemFailed(c *bot.Context, tries []*nb.Attempts) error {
	for _, a := range tries {
		a.Fail(c.Tx.Now(), h.cfg.RedeemLimit)
		if err := c.Tx.PutAttempts(a); err != nil {
			return err
		}
	}
	if until := lockedUntil(tries, c.Tx.Now()); !until.IsZero() {
		c.Logger.Warn("invite redemptions locked", "person", c.Person.ID, "chat", c.Chat.ID, "until", until)
	}
	return nil
}

// bindGroup: "#绑定群 单位" in a group — binds it to a unit in the
// officer's area; reports that waited for this are handed over.
func (h *Handlers) bindGroup(c *bot.Context) error {
	u, tree, err := h.groupUnit(c, "ex_bindgroup")
	if err != nil {
		return err
	}
	actor := c.Actor()
	if !actor.Covers(tree, u.ID, managers...) || (c.Chat.Bound() && !actor.Covers(tree, c.Chat.UnitID, managers...)) {
		return c.Reply(h.l.T("bindgroup_forbidden"))
	}
	cases, err := c.Tx.ListCases(nb.CaseFilter{ChatID: c.Chat.ID, Limit: 500})
	if err != nil {
		return err
	}
	waiting := 0
	for _, cs := range cases {
		if cs.UnitID == 0 {
			waiting++
		}
	}
	if err := c.Tx.BindChat(c.Chat.ID, u.ID); err != nil {
		return err
	}
	return c.Reply(h.l.T("bindgroup_ok", u.Name, waiting))
}
