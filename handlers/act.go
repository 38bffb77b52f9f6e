package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// act applies cmd to case n for the sender: load, check, apply, store,
// then tell the case's group (and the sender, if they acted elsewhere).
// say renders the group notice from the updated case and the event.
func (h *Handlers) act(c *bot.Context, n int64, cmd nb.Command, say func(*nb.Case, *nb.Event) string) (*nb.Case, error) {
	cs, err := h.loadCase(c, n)
	if err != nil {
		return nil, err
	}
	return h.actOn(c, cs, cmd, say)
}

// actOn is act on a case the handler has already loaded.
func (h *Handlers) actOn(c *bot.Context, cs *nb.Case, cmd nb.Command, say func(*nb.Case, *nb.Event) string) (*nb.Case, error) {
	if err := h.authorize(c, cs, cmd.Action); err != nil {
		return nil, err
	}
	wasQuiet := cs.Quiet
	cmd.ActorID = c.Person.ID
	ev, err := cs.Apply(cmd, c.Tx.Now())
	if err != nil {
		return nil, err
	}
	if err := c.Tx.UpdateCase(cs); err != nil {
		return nil, err
	}
	if err := c.Tx.AppendEvent(ev); err != nil {
		return nil, err
	}
	notice := say(cs, ev)
	if wasQuiet && cs.Quiet || wasQuiet && cs.Stage == nb.StageDismissed {
		return cs, c.Reply(h.l.T("done_private", cs.ID, notice)) // the group never heard of it
	}
	return cs, h.tell(c, cs, notice)
}

// authorize checks that the sender may apply action to cs and says why not.
func (h *Handlers) authorize(c *bot.Context, cs *nb.Case, action nb.Action) error {
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	actor := c.Actor()
	if actor.IsFollower, err = c.Tx.IsFollower(cs.ID, c.Person.ID); err != nil {
		return err
	}
	if nb.Authorize(actor, action, cs, tree) == nil {
		return nil
	}
	switch action {
	case nb.ActionRate:
		return h.fail("forbidden_rate", cs.ID)
	case nb.ActionAck:
		return h.fail("forbidden_ack", cs.ID)
	case nb.ActionProgress, nb.ActionResolve:
		return h.fail("forbidden_owner", cs.ID)
	}
	return h.fail("forbidden_scope", cs.ID)
}

// tell posts notice to the case's group as a reply to the report,
// mentioning its followers. If the sender acted from another chat, they
// get a short confirmation too.
func (h *Handlers) tell(c *bot.Context, cs *nb.Case, notice string) error {
	chat, err := c.Tx.FindChatByID(cs.ChatID)
	if err != nil {
		return err
	}
	followers, err := c.Tx.ListFollowers(cs.ID, chat.Platform)
	if err != nil {
		return err
	}
	var mentions []string
	for _, f := range followers {
		if f.ExternalID != "" && f.PersonID != c.Person.ID {
			mentions = append(mentions, f.ExternalID)
		}
	}
	err = c.Post(&nb.OutboxMessage{Platform: chat.Platform, ChatExternalID: chat.ExternalID,
		Text: notice, ReplyTo: cs.ReportMsg, Mentions: mentions, CaseID: cs.ID})
	if err != nil || chat.ID == c.Chat.ID || c.Msg.ChatID == "" { // same chat, or the scheduler
		return err
	}
	return c.Reply(h.l.T("done_private", cs.ID, notice))
}
