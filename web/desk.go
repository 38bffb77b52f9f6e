package web

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// DeskConfig is what the officers' desk (the dashboard under /desk/)
// needs. The web package holds only interfaces: the store and the case
// service are built by the caller.
type DeskConfig struct {
	Store nb.Store
	// Cases is the case service every action goes through, so that the
	// group sees the same posts as for a chat command.
	Cases nb.CaseService
	// SecureCookies marks the session cookie Secure (the desk is served
	// over https, directly or behind a proxy).
	SecureCookies bool
	// SessionTTL is how long a login lasts (default 12 h).
	SessionTTL time.Duration
	// LoginLimit bounds failed logins per address and per name (default
	// nb.DefaultAttemptLimit).
	LoginLimit nb.AttemptLimit
	// Location is the time zone times are shown in (default Asia/Shanghai).
	Location *time.Location
	// BasicWeight is the weight of 基本满意 in 满意率; ResponseLimit is how
	// soon a case must be answered to count in 响应率.
	BasicWeight   float64
	ResponseLimit time.Duration
	// Categories offered when a case is re-categorised.
	Categories []string
	// InviteTTL is how long an invite code made on the admin page lasts
	// (default 72 h).
	InviteTTL time.Duration
	// Report renders the weekly report of a unit (optional).
	Report func(unit string, from, to time.Time, s *nb.Stats, overdue []*nb.Case) string
	// Notices is the broadcast service, for the approval pages (optional).
	Notices DeskNotices
	// Wake tells the delivery workers that the outbox has new messages
	// (optional; they find them on their next poll otherwise).
	Wake func()
	// Media serves residents' photos kept by the bot (optional).
	Media DeskMedia
}

// desk is the officers' desk: its configuration and parsed pages.
type desk struct {
	cfg    DeskConfig
	pages  *template.Template
	logger *slog.Logger
}

//go:embed static/desk/*.html
var deskFS embed.FS

// SetDesk turns on the officers' desk under /desk/. Call before Start.
func (s *Server) SetDesk(cfg DeskConfig) {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.LoginLimit == (nb.AttemptLimit{}) {
		cfg.LoginLimit = nb.DefaultAttemptLimit
	}
	if cfg.Location == nil {
		cfg.Location = time.FixedZone("CST", 8*3600)
	}
	if cfg.InviteTTL <= 0 {
		cfg.InviteTTL = 72 * time.Hour
	}
	if cfg.BasicWeight == 0 {
		cfg.BasicWeight = 0.9
	}
	if cfg.ResponseLimit == 0 {
		cfg.ResponseLimit = nb.DefaultTimeLimits().Acceptance
	}
	d := &desk{cfg: cfg, logger: s.logger}
	d.pages = template.Must(template.New("desk").Funcs(d.funcs()).ParseFS(deskFS, "static/desk/*.html"))
	s.desk = d
	s.handler = s.routes()
}

// deskRoutes registers the desk's pages.
func (s *Server) deskRoutes(mux *http.ServeMux) {
	if s.desk == nil {
		return
	}
	if s.sb == nil { // without the sandbox, the desk is the home page
		mux.Handle("GET /{$}", http.RedirectHandler("/desk/", http.StatusFound))
	}
	mux.Handle("GET /desk", http.RedirectHandler("/desk/", http.StatusMovedPermanently))
	mux.HandleFunc("GET /desk/login", s.deskLoginPage)
	mux.HandleFunc("POST /desk/login", s.deskLogin)
	mux.HandleFunc("POST /desk/logout", s.deskAuth(s.deskLogout))
	mux.HandleFunc("GET /desk/{$}", s.deskAuth(s.deskBoard))
	mux.HandleFunc("GET /desk/cases/{id}", s.deskAuth(s.deskCase))
	mux.HandleFunc("POST /desk/cases/{id}/act", s.deskAuth(s.deskAct))
	mux.HandleFunc("GET /desk/stats", s.deskAuth(s.deskStats))
	mux.HandleFunc("GET /desk/export/cases", s.deskAuth(s.deskExportCases))
	mux.HandleFunc("GET /desk/export/stats", s.deskAuth(s.deskExportStats))
	s.deskAdminRoutes(mux)
	s.deskNoticeRoutes(mux)
	s.deskMediaRoutes(mux)
}
