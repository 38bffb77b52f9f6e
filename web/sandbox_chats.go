package web

import "net/http"

// listChats answers GET /api/sandbox/chats with the sandbox groups.
func (s *Server) listChats(w http.ResponseWriter, r *http.Request) {
	chats, err := s.sb.Chats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, chats)
}

// createChatRequest is the body of POST /api/sandbox/chats.
type createChatRequest struct {
	Title string `json:"title"`
	Unit  string `json:"unit"`
}

// createChat answers POST /api/sandbox/chats: a new group, bound to a unit
// when one is named.
func (s *Server) createChat(w http.ResponseWriter, r *http.Request) {
	var req createChatRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	chat, err := s.sb.CreateChat(r.Context(), req.Title, req.Unit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.logger.Info("sandbox group created", "bound", chat.Unit != "")
	s.writeJSON(w, r, http.StatusCreated, chat)
}
