package telegramtest

import (
	"encoding/json"
	"strconv"
)

// Sent is a message the bot sent, as OnSend tells of it.
type Sent struct {
	Chat    int64
	ID      int    // the message id the fake gave it
	Text    string // text, or a photo's caption
	ReplyTo int    // the message it replies to (0: none)
}

// sentOf reads a recorded send.
func sentOf(c Call) Sent {
	m := Sent{Chat: c.Result.Chat.ID, ID: c.Result.ID, Text: c.Result.Text}
	if m.Text == "" {
		m.Text = c.Result.Caption
	}
	var reply struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal([]byte(c.Fields["reply_parameters"]), &reply) == nil && reply.MessageID != 0 {
		m.ReplyTo = reply.MessageID
	} else {
		m.ReplyTo, _ = strconv.Atoi(c.Fields["reply_to_message_id"])
	}
	return m
}

// Quiet makes the fake keep no record of calls and updates (Calls,
// WaitCalls and Redeliver then see none), so that a long load run does not
// grow its memory.
func (s *Server) Quiet() { s.mu.Lock(); s.quiet = true; s.mu.Unlock() }

// OnSend has f told of every message sent, in the order the fake gave them
// ids. f runs with the server's lock held: it must not call the server.
func (s *Server) OnSend(f func(Sent)) { s.mu.Lock(); s.onSend = f; s.mu.Unlock() }

// NextMessageID takes a message id from the sequence the fake gives the
// bot's messages, for a message that reaches the bot another way (a
// webhook call made by a load generator).
func (s *Server) NextMessageID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMsg++
	return s.nextMsg
}
