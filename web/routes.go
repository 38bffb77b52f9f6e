package web

import (
	"context"
	"net/http"
)

// routes builds the server's handler.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("/open311/v2/", s.serveOpen311) // mount.go
	mux.HandleFunc("GET /metrics", s.serveMetrics)
	mux.HandleFunc("GET /wechat/login", s.wechatLogin) // 404 unless SetWeChatLogin
	if s.sb != nil {
		mux.HandleFunc("GET /{$}", s.home)
		mux.HandleFunc("GET /sandbox", s.sandboxPage)
		mux.HandleFunc("GET /api/sandbox/chats", s.listChats)
		mux.HandleFunc("POST /api/sandbox/chats", s.createChat)
		mux.HandleFunc("GET /api/sandbox/units", s.listUnits)
		mux.HandleFunc("GET /api/sandbox/people", s.listPeople)
		mux.HandleFunc("POST /api/sandbox/people", s.createPerson)
		mux.HandleFunc("GET /api/sandbox/messages", s.listMessages)
		mux.HandleFunc("POST /api/sandbox/messages", s.postMessage)
	}
	s.deskRoutes(mux)
	// Other web sites must not post here through a visitor's browser (the
	// sandbox lets anyone act as anyone, officers included).
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(s.denyCrossOrigin))
	return s.endOnShutdown(secureHeaders(s.checkHost(csrf.Handler(s.jsonFallback(mux)))))
}

// endOnShutdown cancels a request's context when the server shuts down, so
// that long polls end at once, however the handler is served.
func (s *Server) endOnShutdown(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		stop := context.AfterFunc(s.base, cancel)
		defer stop()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// secureHeaders sets headers every response should carry.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// home sends visitors to the sandbox.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/sandbox", http.StatusFound)
}
