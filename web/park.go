package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// A long poll that must wait is parked: its connection is taken over from
// net/http (hijacked), so that while it waits it holds no goroutine, no
// stack and no buffers — a few hundred bytes instead of tens of KB. It is
// answered, and its connection closed, when its chat gets a message, when
// it times out, or when the server shuts down.

// parked is one waiting long poll.
type parked struct {
	conn     net.Conn
	chat     string
	after    int64
	deadline time.Time
	header   http.Header // headers set before the handover (security headers)
	release  func()      // gives back the poll's place (pollLimits)
}

// parker holds the parked long polls.
type parker struct {
	s      *Server
	mu     sync.Mutex
	byChat map[string]map[*parked]struct{}
	count  int
	closed bool
	answer chan struct{} // bounds the answers being written at once
	start  sync.Once     // the expiry goroutine starts with the first park
	stop   chan struct{}
	done   chan struct{}
}

func newParker(s *Server) *parker {
	return &parker{s: s, byChat: map[string]map[*parked]struct{}{}, answer: make(chan struct{}, 64),
		stop: make(chan struct{}), done: make(chan struct{})}
}

// park registers w; it reports false if the parker is closed.
func (p *parker) park(w *parked) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.start.Do(func() { go p.expire() })
	set := p.byChat[w.chat]
	if set == nil {
		set = map[*parked]struct{}{}
		p.byChat[w.chat] = set
	}
	set[w] = struct{}{}
	p.count++
	return true
}

// take removes w; it reports false if someone else took it first.
func (p *parker) take(w *parked) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	set := p.byChat[w.chat]
	if _, ok := set[w]; !ok {
		return false
	}
	delete(set, w)
	if len(set) == 0 {
		delete(p.byChat, w.chat)
	}
	p.count--
	return true
}

// wake answers the long polls of a chat that has a new message.
func (p *parker) wake(chat string) {
	p.mu.Lock()
	set := p.byChat[chat]
	delete(p.byChat, chat)
	p.count -= len(set)
	p.mu.Unlock()
	for w := range set {
		p.respondWithMessages(w)
	}
}

// respondWithMessages answers w with its chat's new messages, in the
// background (at most 64 at once); once the parker is closing, at once as
// a shut-down request.
func (p *parker) respondWithMessages(w *parked) {
	select {
	case p.answer <- struct{}{}:
	case <-p.stop:
		p.write(w, http.StatusServiceUnavailable, errorBody{"request cancelled"})
		return
	}
	go func() {
		defer func() { <-p.answer }()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		msgs, err := p.s.sb.Messages(ctx, w.chat, w.after)
		if err != nil {
			p.s.logger.Warn("long poll: read messages", "err", err)
			p.write(w, http.StatusServiceUnavailable, errorBody{"could not read the messages; try again"})
			return
		}
		p.write(w, http.StatusOK, toJSON(msgs))
	}()
}

// expire answers, every quarter second, the long polls whose wait is over.
func (p *parker) expire() {
	defer close(p.done)
	ticker := time.NewTicker(250 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-ticker.C:
			var due []*parked
			p.mu.Lock()
			for _, set := range p.byChat {
				for w := range set {
					if now.After(w.deadline) {
						due = append(due, w)
					}
				}
			}
			p.mu.Unlock()
			for _, w := range due {
				if p.take(w) {
					p.write(w, http.StatusOK, []messageJSON{})
				}
			}
		}
	}
}

// close answers every parked long poll (as a shut-down request is) and
// stops the parker.
func (p *parker) close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	all := p.byChat
	p.byChat = map[string]map[*parked]struct{}{}
	p.count = 0
	p.mu.Unlock()
	close(p.stop)
	p.start.Do(func() { close(p.done) }) // never started
	<-p.done
	for _, set := range all {
		for w := range set {
			p.write(w, http.StatusServiceUnavailable, errorBody{"request cancelled"})
		}
	}
	for range cap(p.answer) { // wait for the answers being written
		p.answer <- struct{}{}
	}
}

// write sends a whole HTTP response with v as JSON and closes the
// connection.
func (p *parker) write(w *parked, status int, v any) {
	defer w.release()
	defer w.conn.Close()
	body, err := json.Marshal(v)
	if err != nil {
		return
	}
	body = append(body, '\n')
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h := w.header.Clone()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "1")
	}
	_ = h.Write(&b)
	b.WriteString("\r\n")
	b.Write(body)
	_ = w.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_, _ = w.conn.Write(b.Bytes())
}

// longPoll answers GET /api/sandbox/messages?wait=1: at once if the chat
// has messages after after, else by parking the connection. release gives
// back the poll's place once it is answered.
func (s *Server) longPoll(w http.ResponseWriter, r *http.Request, chat string, after int64, release func()) {
	msgs, watch, err := s.sb.Await(r.Context(), chat, after)
	if watch == nil {
		defer release()
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, toJSON(msgs))
		return
	}
	defer watch.Stop()
	header := w.Header().Clone()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil { // the connection cannot be taken over: wait here
		defer release()
		msgs, err := s.sb.Wait(r.Context(), chat, after)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, toJSON(msgs))
		return
	}
	_ = conn.SetDeadline(time.Time{})
	pw := &parked{conn: conn, chat: chat, after: after, deadline: time.Now().Add(s.sb.WaitTimeout()),
		header: header, release: release}
	if !s.parker.park(pw) {
		s.parker.write(pw, http.StatusServiceUnavailable, errorBody{"request cancelled"})
		return
	}
	select {
	case <-watch.Woken(): // a message came while parking
		if s.parker.take(pw) {
			s.parker.respondWithMessages(pw)
		}
	default:
	}
}
