// Package telegramtest is a fake Telegram Bot API server on httptest for
// tests: it speaks JSON, urlencoded and multipart requests, long-polls
// getUpdates honouring offset and timeout, records every other call, and
// can be told to answer 429, 5xx, 403 (bot kicked) or a chat migration.
package telegramtest

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// Token is the bot token the fake accepts.
const Token = "123456789:AAFakeTokenForTests_secret"

// Reply is a scripted error answer.
type Reply struct {
	Code        int    // Telegram error_code (and HTTP status)
	Description string // e.g. "Forbidden: bot was kicked from the supergroup chat"
	RetryAfter  int    // parameters.retry_after
	MigrateTo   int64  // parameters.migrate_to_chat_id
}

// Call is one recorded API call.
type Call struct {
	Method string
	Fields map[string]string // every form field, objects as JSON text
	Files  map[string][]byte // uploaded files by field name
	Result *models.Message   // the message a send created, if any
	At     time.Time         // a send's arrival, the time the limits count it at
}

// Server is a fake Bot API server.
type Server struct {
	URL string
	Bot models.User

	srv    *httptest.Server
	closed chan struct{}
	once   sync.Once

	mu       sync.Mutex
	updates  []models.Update
	nextID   int64
	nextMsg  int
	arrived  chan struct{} // closed and replaced when an update arrives
	changed  chan struct{} // closed and replaced when a call is recorded
	calls    []Call
	offsets  []int64
	scripted map[string][]Reply
	down     map[string]Reply // method → answer until Heal
	kicked   map[int64]bool
	migrated map[int64]int64
	seen     []models.Update  // every update ever delivered, for Redeliver
	limits   *limits          // nil: no sending limits (see EnforceLimits)
	threads  map[[2]int64]int // (chat, message id) → forum topic, for topic messages
	quiet    bool             // keep no record of calls and updates (Quiet)
	onSend   func(Sent)       // told of every message sent (OnSend)
}

// New starts a fake server that is closed when the test ends.
func New(t testing.TB) *Server {
	s := Start()
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake server outside a test (a load generator): the caller
// closes it.
func Start() *Server {
	s := &Server{
		Bot:     models.User{ID: 123456789, IsBot: true, FirstName: "邻里哨", Username: "neighbor_test_bot"},
		closed:  make(chan struct{}),
		arrived: make(chan struct{}), changed: make(chan struct{}),
		nextID: 1000, nextMsg: 100,
		scripted: map[string][]Reply{}, down: map[string]Reply{}, kicked: map[int64]bool{}, migrated: map[int64]int64{}, threads: map[[2]int64]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending any long poll first.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closed); s.srv.Close() })
}

// Push queues an update (its ID is assigned) and wakes a waiting poll.
func (s *Server) Push(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	u.ID = s.nextID
	s.updates = append(s.updates, u)
	if !s.quiet {
		s.seen = append(s.seen, u)
	}
	close(s.arrived)
	s.arrived = make(chan struct{})
	return u.ID
}

// NewMessage returns a message from a user in a chat with a fresh id.
func (s *Server) NewMessage(chat models.Chat, from models.User, text string) *models.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMsg++
	m := &models.Message{ID: s.nextMsg, Date: int(time.Now().Unix()), Chat: chat, From: &from, Text: text}
	if strings.HasPrefix(text, "/") {
		end := strings.IndexAny(text, " \n")
		if end < 0 {
			end = len(text)
		}
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(text[:end])}}
	}
	return m
}

// Say queues a text message and returns its message id.
func (s *Server) Say(chat models.Chat, from models.User, text string) int {
	m := s.NewMessage(chat, from, text)
	s.Push(models.Update{Message: m})
	return m.ID
}

// Reply queues a text message replying to message id to and returns its id.
func (s *Server) Reply(chat models.Chat, from models.User, text string, to int) int {
	m := s.NewMessage(chat, from, text)
	m.ReplyToMessage = &models.Message{ID: to, Date: m.Date, Chat: chat}
	s.Push(models.Update{Message: m})
	return m.ID
}

// Redeliver queues again every update delivered so far, as Telegram does
// for updates a crashed bot never confirmed.
func (s *Server) Redeliver() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append([]models.Update(nil), s.seen...)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// Script makes the next calls of method answer the given errors, in order.
func (s *Server) Script(method string, replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := strings.ToLower(method)
	s.scripted[m] = append(s.scripted[m], replies...)
}

// Fail makes every call of method answer r until Heal.
func (s *Server) Fail(method string, r Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down[strings.ToLower(method)] = r
}

// Heal ends every Fail.
func (s *Server) Heal() { s.mu.Lock(); clear(s.down); s.mu.Unlock() }

// Kick makes every send to chat fail with 403, as when the bot was removed.
func (s *Server) Kick(chat int64) { s.mu.Lock(); s.kicked[chat] = true; s.mu.Unlock() }

// Migrate makes every send to chat fail with a migrate_to_chat_id error.
func (s *Server) Migrate(from, to int64) { s.mu.Lock(); s.migrated[from] = to; s.mu.Unlock() }

// Calls returns the recorded calls of method ("" = all but getUpdates and getMe).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits until method was called at least n times and returns the
// calls; the test fails after timeout.
func (s *Server) WaitCalls(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		calls, changed := s.callsLocked(method), s.changed
		s.mu.Unlock()
		if len(calls) >= n {
			return calls
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("telegramtest: %d %s calls after %s, want %d: %+v", len(calls), method, timeout, n, calls)
			return nil
		}
	}
}

// WaitOffset waits for a getUpdates call with offset at least off, which
// confirms every update below it.
func (s *Server) WaitOffset(t testing.TB, off int64, timeout time.Duration) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		offsets, changed := s.offsets, s.changed
		s.mu.Unlock()
		for _, o := range offsets {
			if o >= off {
				return
			}
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("telegramtest: no getUpdates with offset >= %d after %s: %v", off, timeout, offsets)
			return
		}
	}
}

// Offsets returns the offset of every getUpdates call so far.
func (s *Server) Offsets() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.offsets...)
}

// Pending returns how many queued updates are not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot"+Token+"/")
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	method := strings.ToLower(rest)
	fields, files, err := readForm(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: " + err.Error()})
		return
	}
	switch method {
	case "getme":
		ok200(w, s.Bot)
	case "getupdates":
		s.getUpdates(w, r, fields)
	default:
		s.call(w, method, fields, files)
	}
}

// getUpdates confirms updates below offset, then answers the rest or waits
// up to timeout seconds for one to arrive.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, fields map[string]string) {
	offset, _ := strconv.ParseInt(fields["offset"], 10, 64)
	timeout, _ := strconv.Atoi(fields["timeout"])
	limit := time.NewTimer(time.Duration(timeout) * time.Second)
	defer limit.Stop()
	s.mu.Lock()
	reply, failed := s.failure("getupdates")
	if !failed {
		s.confirm(offset) // before anyone is told of this offset
	}
	s.offsets = append(s.offsets, offset)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if failed {
		writeError(w, reply)
		return
	}
	for {
		s.mu.Lock()
		s.confirm(offset)
		batch, arrived := append([]models.Update(nil), s.updates...), s.arrived
		s.mu.Unlock()
		if len(batch) > 0 || timeout <= 0 {
			ok200(w, batch)
			return
		}
		select {
		case <-arrived:
		case <-limit.C:
			timeout = 0
		case <-r.Context().Done():
			return
		case <-s.closed:
			ok200(w, []models.Update{})
			return
		}
	}
}

// call answers every method other than getMe and getUpdates.
func (s *Server) call(w http.ResponseWriter, method string, fields map[string]string, files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Call{Method: method, Fields: fields, Files: files}
	defer func() {
		if s.onSend != nil && c.Result != nil && (method == "sendmessage" || method == "sendphoto") {
			s.onSend(sentOf(c))
		}
		if !s.quiet {
			s.calls = append(s.calls, c)
		}
		close(s.changed)
		s.changed = make(chan struct{})
	}()
	chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
	if r, failed := s.failure(method); failed {
		writeError(w, r)
		return
	}
	switch {
	case s.kicked[chat]:
		writeError(w, Reply{Code: 403, Description: "Forbidden: bot was kicked from the supergroup chat"})
		return
	case s.migrated[chat] != 0:
		writeError(w, Reply{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: s.migrated[chat]})
		return
	}
	if method == "sendmessage" || method == "sendphoto" {
		c.At = time.Now()
		if after := s.overLimit(chat, c.At); after > 0 {
			writeError(w, Reply{Code: 429, Description: "Too Many Requests: retry after " + strconv.Itoa(after), RetryAfter: after})
			return
		}
	}
	switch method {
	case "sendmessage", "sendphoto", "editmessagetext", "editmessagereplymarkup":
		id, _ := strconv.Atoi(fields["message_id"])
		if id == 0 {
			s.nextMsg++
			id = s.nextMsg
		}
		m := &models.Message{ID: id, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chat}, From: &s.Bot,
			Text: fields["text"], Caption: fields["caption"]}
		if method == "sendmessage" || method == "sendphoto" {
			m.MessageThreadID = s.threadOfSendLocked(chat, fields)
			m.IsTopicMessage = m.MessageThreadID != 0
			s.threads[[2]int64{chat, int64(id)}] = m.MessageThreadID
		}
		c.Result = m
		ok200(w, m)
	default:
		ok200(w, true)
	}
}

// failure returns the scripted or standing error answer for method, if
// any; the caller holds s.mu.
func (s *Server) failure(method string) (Reply, bool) {
	if q := s.scripted[method]; len(q) > 0 {
		s.scripted[method] = q[1:]
		return q[0], true
	}
	r, ok := s.down[method]
	return r, ok
}

// readForm reads a JSON, urlencoded or multipart body into fields (objects
// and numbers as JSON text) and files.
func readForm(r *http.Request) (map[string]string, map[string][]byte, error) {
	fields, files := map[string]string{}, map[string][]byte{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil && err != io.EOF {
			return nil, nil, err
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				fields[k] = s
			} else {
				fields[k] = string(v)
			}
		}
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, nil, err
		}
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) { // param-less calls send no parts
				break
			} else if err != nil {
				return nil, nil, err
			}
			b, err := io.ReadAll(p)
			if err != nil {
				return nil, nil, err
			}
			if p.FileName() != "" {
				files[p.FormName()] = b
			} else {
				fields[p.FormName()] = string(b)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		for k := range r.PostForm {
			fields[k] = r.PostForm.Get(k)
		}
	}
	return fields, files, nil
}

func writeError(w http.ResponseWriter, e Reply) {
	body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Description}
	params := map[string]any{}
	if e.RetryAfter > 0 {
		params["retry_after"] = e.RetryAfter
	}
	if e.MigrateTo != 0 {
		params["migrate_to_chat_id"] = e.MigrateTo
	}
	if len(params) > 0 {
		body["parameters"] = params
	}
	writeJSON(w, e.Code, body)
}

func ok200(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // a client that went away

}

// utf16Len is the length of s in UTF-16 code units, as Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// confirm drops the updates an offset confirms (ids below it), as Telegram
// does when getUpdates comes with that offset; the caller holds s.mu.
func (s *Server) confirm(offset int64) {
	if offset <= 0 {
		return
	}
	kept := s.updates[:0]
	for _, u := range s.updates {
		if u.ID >= offset {
			kept = append(kept, u)
		}
	}
	s.updates = kept
}
