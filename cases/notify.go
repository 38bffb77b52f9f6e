package cases

import (
	"slices"

	nb "github.com/neighborbot/neighborbot"
)

// tellGroup posts out's notice to the case's group as a reply to the
// report, mentioning its followers; a rating's thank-you mentions the
// rater only.
func (s *Service) tellGroup(tx nb.Tx, actor nb.Actor, out *nb.Outcome, cmd nb.Command) error {
	c := out.Case
	if c.ChatID == 0 {
		return nil
	}
	chat, err := tx.FindChatByID(c.ChatID)
	if err != nil {
		return err
	}
	followers, err := tx.ListFollowers(c.ID, chat.Platform)
	if err != nil {
		return err
	}
	thanks := out.Event.Kind == nb.EventKind(nb.ActionRate) && c.Stage == nb.StageClosed
	var mentions []string
	for _, f := range followers {
		if f.ExternalID == "" || (f.PersonID == actor.PersonID) != thanks {
			continue
		}
		mentions = append(mentions, f.ExternalID)
	}
	m := &nb.OutboxMessage{Platform: chat.Platform, ChatExternalID: chat.ExternalID,
		Text: out.Notice, ReplyTo: c.ReportMsg, Mentions: mentions, CaseID: c.ID, NextAttemptAt: s.heldUntil(tx, actor, c)}
	if cmd.PhotosFrom == chat.Platform {
		m.Attachments = photos(cmd.Photos)
	}
	err = tx.EnqueueOutbox(m)
	if err != nil {
		return err
	}
	out.ToldChatID = chat.ID
	out.Queued++
	return nil
}

// photos returns the photos among list.
func photos(list []nb.Attachment) []nb.Attachment {
	var out []nb.Attachment
	for _, a := range list {
		if a.Kind == "photo" && a.FileRef != "" {
			out = append(out, a)
		}
	}
	return out
}

// tellPrivately sends the event's private note to the people it concerns,
// in their private chats with the bot, and an escalation also to the
// officers' work groups of the unit it goes to; people who never wrote to
// the bot privately cannot be reached. The actor is not told what they did.
func (s *Service) tellPrivately(tx nb.Tx, actor nb.Actor, out *nb.Outcome, tree nb.UnitTree) error {
	unit, roles, ok := recipients(out.Case, out.Event)
	if !ok || out.Case.ChatID == 0 {
		return nil
	}
	text := s.words.Private(out.Case, out.Event, tree)
	if text == "" {
		return nil
	}
	chat, err := tx.FindChatByID(out.Case.ChatID)
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	if !actor.System {
		seen[actor.PersonID] = true
	}
	if nb.Action(out.Event.Kind).IsTimer() && slices.Equal(roles, officers) {
		n, err := postToOfficersChats(tx, unit, text, out.Case.ID)
		if err != nil {
			return err
		}
		out.Queued += n
	}
	for _, role := range roles {
		people, err := tx.ListReachable(role, unit, chat.Platform)
		if err != nil {
			return err
		}
		for _, p := range people {
			if seen[p.PersonID] {
				continue
			}
			seen[p.PersonID] = true
			if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: p.Platform, ChatExternalID: p.PrivateChatID,
				Text: text, CaseID: out.Case.ID}); err != nil {
				return err
			}
			out.Queued++
		}
	}
	return nil
}

// postToOfficersChats posts text to the officers' work groups of unit.
func postToOfficersChats(tx nb.Tx, unit int64, text string, caseID int64) (int, error) {
	chats, err := tx.ListOfficersChats(unit)
	if err != nil {
		return 0, err
	}
	for _, c := range chats {
		if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: c.Platform, ChatExternalID: c.ExternalID,
			Text: text, CaseID: caseID}); err != nil {
			return 0, err
		}
	}
	return len(chats), nil
}

var (
	staff    = []nb.Role{nb.RoleDepartment}
	owners   = []nb.Role{nb.RoleDepartment, nb.RoleGridWorker, nb.RoleOfficer}
	officers = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker}
)

// recipients says whose private chats hear of ev: the people holding one
// of roles with the scope of exactly unit (0 = global).
func recipients(c *nb.Case, ev *nb.Event) (unit int64, roles []nb.Role, ok bool) {
	switch nb.Action(ev.Kind) {
	case nb.ActionAccept, nb.ActionAssign, nb.ActionWhistle:
		return ev.UnitID, staff, true
	case nb.ActionRemindAck:
		return c.WhistleUnitID, staff, true
	case nb.ActionRemindDue:
		return c.OwnerUnitID, owners, true
	case nb.ActionEscalateAck, nb.ActionEscalateDue, nb.ActionEscalateTopic:
		return ev.UnitID, officers, true
	}
	return 0, nil, false
}

// escalationUnit is whom a missed timer goes up to: the parent of the unit
// that missed it; for a unit at the root (a department), or an unanswered
// topic, the community (or nearest higher unit) the case belongs to.
func (s *Service) escalationUnit(c *nb.Case, action nb.Action, tree nb.UnitTree) int64 {
	missed := c.OwnerUnitID
	switch action {
	case nb.ActionEscalateAck:
		missed = c.WhistleUnitID
	case nb.ActionEscalateTopic:
		return areaOf(c.UnitID, tree)
	}
	if u, ok := tree[missed]; ok && u.ParentID != 0 {
		return u.ParentID
	}
	return areaOf(c.UnitID, tree)
}

// areaOf is the community, street or district that unit belongs to (the
// unit itself if it is one); 0 when unit is unknown.
func areaOf(unit int64, tree nb.UnitTree) int64 {
	for seen := 0; unit != 0 && seen <= len(tree); seen++ {
		u, ok := tree[unit]
		if !ok {
			return 0
		}
		switch u.Kind {
		case nb.UnitCommunity, nb.UnitStreet, nb.UnitDistrict:
			return u.ID
		}
		unit = u.ParentID
	}
	return 0
}
