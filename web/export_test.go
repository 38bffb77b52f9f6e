package web

import "net/http"

// OnRequest makes the server call f as each request reaches its handler.
// Call it before Start.
func (s *Server) OnRequest(f func(*http.Request)) {
	next := s.handler
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f(r)
		next.ServeHTTP(w, r)
	})
}
