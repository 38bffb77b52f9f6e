package web

import "net/http"

// deskAdminRoutes registers the admin pages.
func (s *Server) deskAdminRoutes(mux *http.ServeMux) {}
