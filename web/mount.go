package web

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
)

// mounts are handlers built elsewhere and served under fixed paths: the
// Open311 API and the metrics.
type mounts struct {
	open311      http.Handler
	metrics      http.Handler
	metricsToken string
}

// SetOpen311 serves h under /open311/v2/. Call before Start.
func (s *Server) SetOpen311(h http.Handler) { s.mounts.open311 = h }

// SetMetrics serves h at /metrics. Without a token only clients on loopback
// may read it; with one, a client must send "Authorization: Bearer token".
// Call before Start.
func (s *Server) SetMetrics(h http.Handler, token string) {
	s.mounts.metrics, s.mounts.metricsToken = h, token
}

// serveOpen311 passes the request to the Open311 API, if there is one.
func (s *Server) serveOpen311(w http.ResponseWriter, r *http.Request) {
	if s.mounts.open311 == nil {
		http.NotFound(w, r)
		return
	}
	s.mounts.open311.ServeHTTP(w, r)
}

// serveMetrics passes the request to the metrics, if there are any and the
// client may read them.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	m := s.mounts
	switch {
	case m.metrics == nil:
		http.NotFound(w, r)
	case m.metricsToken != "" && !bearer(r, m.metricsToken):
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		http.Error(w, "metrics: a token is required", http.StatusUnauthorized)
	case m.metricsToken == "" && !fromLoopback(r):
		http.Error(w, "metrics: only for clients on this machine (set metrics.token_file to allow others)", http.StatusForbidden)
	default:
		m.metrics.ServeHTTP(w, r)
	}
}

// bearer reports whether r carries token as its bearer token.
func bearer(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

// fromLoopback reports whether r comes from a loopback address.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
