package web

import (
	"net"
	"net/http"
	"strings"
)

// loopbackHosts are the host names a server on this machine answers by
// default.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// SetAllowedHosts sets the host names (without port) the server answers
// besides the loopback ones; a request naming any other Host is refused.
// This stops DNS rebinding: a web page whose name is made to point at this
// machine cannot reach the sandbox, which lets anyone act as anyone. Call
// before Start.
func (s *Server) SetAllowedHosts(hosts []string) {
	s.hosts = map[string]bool{}
	for _, h := range append(hosts, loopbackHosts...) {
		s.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
}

// checkHost refuses requests for a Host the server does not serve, except
// /healthz (probes may use any name).
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" && !s.hostAllowed(r.Host) {
			s.writeJSON(w, r, http.StatusMisdirectedRequest, errorBody{"this server does not answer to the host name " +
				r.Host + "; add it to sandbox.allowed_hosts if it is yours"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) hostAllowed(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if s.hosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
