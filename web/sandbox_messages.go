package web

import (
	"net/http"
	"strconv"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

// messageJSON is a sandbox message as the API shows it.
type messageJSON struct {
	ID      int64     `json:"id"`
	From    string    `json:"from"`
	FromBot bool      `json:"from_bot"`
	Text    string    `json:"text"`
	ReplyTo int64     `json:"reply_to"` // 0 = not a reply
	At      time.Time `json:"at"`
}

// listMessages answers GET /api/sandbox/messages?chat=KEY&after=ID with the
// chat's messages newer than after, oldest first. With wait=1 it long-polls:
// it answers as soon as there is one, or with [] after about 25 s.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	chat := q.Get("chat")
	if chat == "" {
		s.writeError(w, r, nb.Errorf(nb.EINVALID, "chat required"))
		return
	}
	var after int64
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			s.writeError(w, r, nb.Errorf(nb.EINVALID, "after must be a message id"))
			return
		}
		after = n
	}
	if err := s.sb.CheckChat(r.Context(), chat); err != nil {
		s.writeError(w, r, err) // 404 for a group that does not exist, as POST answers
		return
	}
	if q.Get("wait") == "1" {
		release, ok := s.polls.acquire(r)
		if !ok {
			w.Header().Set("Retry-After", "1")
			s.writeJSON(w, r, http.StatusTooManyRequests, errorBody{"too many waiting requests; poll less often or without wait=1"})
			return
		}
		s.longPoll(w, r, chat, after, release)
		return
	}
	msgs, err := s.sb.Messages(r.Context(), chat, after)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, toJSON(msgs))
}

// toJSON is how the API shows messages.
func toJSON(msgs []*nb.SandboxMessage) []messageJSON {
	out := make([]messageJSON, len(msgs))
	for i, m := range msgs {
		out[i] = messageJSON{ID: m.ID, From: m.From, FromBot: m.FromBot, Text: m.Text, ReplyTo: m.ReplyTo, At: m.At}
	}
	return out
}

// postMessageRequest is the body of POST /api/sandbox/messages.
type postMessageRequest struct {
	Chat    string `json:"chat"` // a group title, or "private"
	From    string `json:"from"`
	Text    string `json:"text"`
	ReplyTo int64  `json:"reply_to"`
}

// postMessage answers POST /api/sandbox/messages: a person says something in
// a sandbox chat, and the bot is told.
func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) {
	var req postMessageRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := s.sb.Post(r.Context(), sandbox.PostRequest{Chat: req.Chat, From: req.From, Text: req.Text, ReplyTo: req.ReplyTo})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, map[string]int64{"id": id})
}
