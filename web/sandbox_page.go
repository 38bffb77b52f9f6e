package web

import (
	"bytes"
	_ "embed"
	"html"
	"net/http"
)

//go:embed static/sandbox.html
var sandboxHTML []byte

// sandboxPage serves the sandbox chat page: one HTML file with its CSS and
// script inline, which talks to the /api/sandbox/ API.
func (s *Server) sandboxPage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy",
		"default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; "+
			"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	_, _ = w.Write(bytes.Replace(sandboxHTML, []byte("{{TIMEZONE}}"), []byte(html.EscapeString(s.zone)), 1))
}

// SetTimeZone sets the IANA time zone (as "Asia/Shanghai") in which the
// sandbox page shows message times; empty means the browser's own. Call
// before Start.
func (s *Server) SetTimeZone(name string) { s.zone = name }
