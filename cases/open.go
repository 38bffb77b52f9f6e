package cases

import (
	nb "github.com/neighborbot/neighborbot"
)

// OpenTx registers a new topic reported from outside the chats (an Open311
// request) in the caller's transaction: c is stored with its reporter as a
// follower and a "reported" event, and its group (c.ChatID, when set) is
// told as a chat report's group is, with the phrasebook's notice of the
// event, and the grid workers and officers over its unit are told privately.
// A chat report, which joins duplicates and answers in the chat, is
// registered by the report handler.
func (s *Service) OpenTx(tx nb.Tx, c *nb.Case) (*nb.Outcome, error) {
	if c.Text == "" {
		return nil, nb.Errorf(nb.EINVALID, "a report needs a text")
	}
	c.Stage = nb.StageTopic
	if !c.Priority.Valid() {
		c.Priority = nb.PriorityGeneral
	}
	if c.ChatID != 0 {
		chat, err := tx.FindChatByID(c.ChatID)
		if err != nil {
			return nil, err
		}
		if c.UnitID == 0 {
			c.UnitID = chat.UnitID
		}
	}
	if err := tx.CreateCase(c); err != nil {
		return nil, err
	}
	if c.ReporterID != 0 {
		if _, err := tx.AddFollower(c.ID, c.ReporterID, nb.FollowReporter); err != nil {
			return nil, err
		}
	}
	ev := &nb.Event{CaseID: c.ID, Kind: nb.EventReported, ActorID: c.ReporterID, ToStage: c.Stage, CreatedAt: tx.Now()}
	if err := tx.AppendEvent(ev); err != nil {
		return nil, err
	}
	tree, err := tx.UnitTree()
	if err != nil {
		return nil, err
	}
	out := &nb.Outcome{Case: c, Event: ev, Notice: s.words.Notice(c, ev, tree)}
	if out.Notice != "" && !c.Quiet {
		if err := s.tellGroup(tx, nb.Actor{PersonID: c.ReporterID}, out, nb.Command{}); err != nil {
			return nil, err
		}
	}
	if err := s.tellStaff(tx, out, tree); err != nil {
		return nil, err
	}
	return out, nil
}

// tellStaff sends the event's private note (a new or an urgent case, or
// its withdrawal) to the grid workers and officers over the case's unit
// who can be reached privately: on the group's platform, or on every
// platform for a case without a group.
func (s *Service) tellStaff(tx nb.Tx, out *nb.Outcome, tree nb.UnitTree) error {
	c := out.Case
	text := s.words.Private(c, out.Event, tree)
	if text == "" || c.UnitID == 0 {
		return nil
	}
	on := platforms
	if c.ChatID != 0 {
		chat, err := tx.FindChatByID(c.ChatID)
		if err != nil {
			return err
		}
		on = []nb.Platform{chat.Platform}
	}
	for _, p := range on {
		staff, err := nb.StaffAbove(tx, tree, c.UnitID, p, c.ReporterID)
		if err != nil {
			return err
		}
		for _, id := range staff {
			if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: id.Platform, ChatExternalID: id.PrivateChatID,
				Text: text, CaseID: c.ID}); err != nil {
				return err
			}
			out.Queued++
		}
	}
	return nil
}
