// Package web is NeighborBot's HTTP server: the sandbox chat page and its
// JSON API, and /healthz (later the officer dashboard, Open311 and metrics).
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/neighborbot/neighborbot/bot/sandbox"
)

// Server serves NeighborBot's web pages and APIs.
type Server struct {
	addr    string
	sb      *sandbox.Platform
	logger  *slog.Logger
	handler http.Handler
	health  HealthFunc
	hosts   map[string]bool // host names answered besides loopback
	polls   *pollLimits
	parker  *parker
	mounts  mounts // Open311 and metrics (mount.go)
	zone    string // IANA time zone the sandbox page shows times in (SetTimeZone)
	// wechat and wechatToken serve /wechat/login (SetWeChatLogin).
	wechat      WeChatLogin
	wechatToken string
	desk        *desk // the officers' desk, nil until SetDesk

	// base is cancelled at Shutdown, which cancels every request's context
	// so that long polls end at once.
	base   context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	srv      *http.Server
	ln       net.Listener
	done     chan struct{} // closed when the serving goroutine ends
	stopped  bool
	stopErr  error
	stopOnce sync.Once
}

// New returns a server that will listen on addr. sb may be nil, in which case
// the sandbox routes are not mounted. logger may be nil for slog.Default().
func New(addr string, sb *sandbox.Platform, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{addr: addr, sb: sb, logger: logger, polls: newPollLimits(DefaultPollsPerClient, DefaultPollsTotal)}
	s.SetAllowedHosts(nil)
	s.parker = newParker(s)
	if sb != nil {
		sb.OnMessage(s.parker.wake)
	}
	s.base, s.cancel = context.WithCancel(context.Background())
	s.handler = s.routes()
	return s
}

// Handler returns the server's HTTP handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on the server's address and serves in a goroutine. A port
// that cannot be listened on is returned as an error.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return errors.New("web: server already started")
	} else if s.stopped {
		return errors.New("web: server shut down")
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", s.addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      sandbox.DefaultWaitTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("web server stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	s.logger.Info("web server listening", "addr", ln.Addr().String())
	return nil
}

// Addr returns the address the server listens on (the real port when it was
// started on ":0"), or the configured address before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return s.ln.Addr().String()
	}
	return s.addr
}

// Shutdown stops the server: long polls are ended, in-flight requests are
// given until ctx ends to finish, and it waits for the serving goroutine.
// It may be called more than once, and before Start.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopped = true
		srv, done := s.srv, s.done
		s.mu.Unlock()
		s.cancel()
		s.parker.close()
		if srv == nil {
			return
		}
		err := srv.Shutdown(ctx)
		if err != nil {
			// Out of time: drop the remaining connections.
			err = errors.Join(err, srv.Close())
		}
		<-done
		s.stopErr = err
	})
	return s.stopErr
}
