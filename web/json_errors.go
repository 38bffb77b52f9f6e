package web

import (
	"net/http"
	"strings"
)

// jsonFallback answers what mux itself would answer in plain text — no
// such path (404), a method the path does not take (405) — in the API's
// JSON form, {"error": "..."}, keeping the Allow header.
func (s *Server) jsonFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			allow := rec.header.Get("Allow")
			w.Header().Set("Allow", allow)
			s.writeJSON(w, r, rec.status, errorBody{"method " + r.Method + " not allowed here; use " +
				strings.ReplaceAll(allow, ", ", " or ")})
		case http.StatusNotFound, 0:
			s.writeJSON(w, r, http.StatusNotFound, errorBody{"nothing at " + r.URL.Path})
		default: // a redirect (a path without its trailing slash): as mux says
			mux.ServeHTTP(w, r)
		}
	})
}

// denyCrossOrigin answers a request refused by the cross-origin protection.
func (s *Server) denyCrossOrigin(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusForbidden, errorBody{"cross-origin request refused: use the sandbox page on this server"})
}

// statusOnly records the status and headers a handler sets, and drops its
// body.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header { return s.header }
func (s *statusOnly) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
func (s *statusOnly) Write(b []byte) (int, error) {
	s.WriteHeader(http.StatusOK)
	return len(b), nil
}
