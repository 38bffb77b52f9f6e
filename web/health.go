package web

import (
	"net/http"
)

// HealthFunc reports whether the bot can serve, and what it knows of its
// state (shown by /healthz?detail=1). A detail with a State method gives
// the text answer while the bot can serve ("ok", "degraded").
type HealthFunc func() (ok bool, detail any)

// SetHealth sets what /healthz reports. Call before Start.
func (s *Server) SetHealth(fn HealthFunc) { s.health = fn }

// healthz answers "ok" while the bot can serve, and 503 with the reason
// when it cannot (its database cannot be written). With ?detail=1 it
// answers JSON: {"ok": bool, "detail": {...}}.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ok, detail := true, any(nil)
	if s.health != nil {
		ok, detail = s.health()
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusServiceUnavailable
	}
	if r.URL.Query().Get("detail") == "1" {
		s.writeJSON(w, r, status, map[string]any{"ok": ok, "detail": detail})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if st, has := detail.(interface{ State() string }); has && ok {
		_, _ = w.Write([]byte(st.State())) // "ok", or "degraded" (see ?detail=1)
	} else if ok {
		_, _ = w.Write([]byte("ok"))
	} else {
		_, _ = w.Write([]byte("unavailable: see /healthz?detail=1"))
	}
}
