package cases

import (
	nb "github.com/neighborbot/neighborbot"
)

// OpenTx registers a new topic reported from outside the chats (an Open311
// request) in the caller's transaction: c is stored with its reporter as a
// follower and a "reported" event, and its group (c.ChatID, when set) is
// told as a chat report's group is, with the phrasebook's notice of the
// event. A chat report, which joins duplicates and answers in the chat, is
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
		if err := s.tellGroup(tx, nb.Actor{PersonID: c.ReporterID}, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}
