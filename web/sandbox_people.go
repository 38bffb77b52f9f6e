package web

import (
	"net/http"

	nb "github.com/neighborbot/neighborbot"
)

// listPeople answers GET /api/sandbox/people with the sandbox people and
// their roles.
func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) {
	people, err := s.sb.People(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, people)
}

// createPersonRequest is the body of POST /api/sandbox/people.
type createPersonRequest struct {
	Name string  `json:"name"`
	Role nb.Role `json:"role"`
	Unit string  `json:"unit"`
}

// createPerson answers POST /api/sandbox/people: a new sandbox person (or
// a new role for one who exists).
func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) {
	var req createPersonRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	person, err := s.sb.CreatePerson(r.Context(), req.Name, req.Role, req.Unit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.logger.Info("sandbox person created", "role", req.Role)
	s.writeJSON(w, r, http.StatusCreated, person)
}
