package web

import "net/http"

// listUnits answers GET /api/sandbox/units with every unit.
func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) {
	units, err := s.sb.Units(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, units)
}
