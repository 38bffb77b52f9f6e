package web

import (
	"net"
	"net/http"
	"sync"
)

// Default caps on waiting long polls.
const (
	DefaultPollsPerClient = 512
	DefaultPollsTotal     = 8192
)

// pollLimits caps the long polls waiting at once, per client address and
// in all: each holds a connection and some memory while it waits.
type pollLimits struct {
	mu        sync.Mutex
	perClient int
	total     int
	byClient  map[string]int
	all       int
}

func newPollLimits(perClient, total int) *pollLimits {
	return &pollLimits{perClient: perClient, total: total, byClient: map[string]int{}}
}

// SetPollLimits caps the waiting long polls per client address and in
// all (0 keeps a default). Call before Start.
func (s *Server) SetPollLimits(perClient, total int) {
	if perClient <= 0 {
		perClient = DefaultPollsPerClient
	}
	if total <= 0 {
		total = DefaultPollsTotal
	}
	s.polls = newPollLimits(perClient, total)
}

// acquire takes a place for a long poll from r's client; release gives it
// back. ok is false when the client or the server has too many waiting.
func (p *pollLimits) acquire(r *http.Request) (release func(), ok bool) {
	client, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		client = r.RemoteAddr
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.all >= p.total || p.byClient[client] >= p.perClient {
		return nil, false
	}
	p.all++
	p.byClient[client]++
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.all--
		if p.byClient[client]--; p.byClient[client] <= 0 {
			delete(p.byClient, client)
		}
	}, true
}
