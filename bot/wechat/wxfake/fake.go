// Package wxfake is a fake WeChat web server for tests: the openwechat
// library, given Transport, talks to it as to the real one.
package wxfake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Server is a WeChat web server as the library sees it: login (jslogin, the
// login long poll 408 → 201 → 200, the login page with its cookies), push
// login, init, contacts (groups and friends), batch contacts in request
// order, synccheck held as a long poll, webwxsync (texts, photos, private
// texts, recall, rename and join notices), send to groups and friends,
// photo upload (in chunks) and send, photo download, logout, and the death retcodes. Every login but a hot
// one starts a new generation: all UserNames change.
type Server struct {
	t   testing.TB
	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	gen       int           // login generation (UserNames carry it)
	sid       string        // the live session ("" = none)
	uuids     map[string]*fakeLogin
	nextUUID  int
	codes     []int // login poll answers, in order
	pushOK    bool
	holdScan  bool   // nobody scans: the login poll answers 408
	deathRet  string // synccheck retcode while the session is dead
	syncDown  bool   // synccheck fails at the HTTP level
	groups    []*fakeGroup
	pending   []map[string]any
	sent      []Sent
	sendRet   []int // answers for the next sends (0 = ok)
	msgSeq    int64
	syncKey   int
	requests  map[string]int
	selfNick  string
	batchSeen [][]string        // UserNames asked in each batchgetcontact
	images    map[string][]byte // photo bytes by MsgId
	friends   []Friend
	uploads   map[string]*upload // photos being uploaded
	media     map[string][]byte  // uploaded photos by MediaId
	mediaSeq  int
}

type fakeLogin struct {
	polls int
	push  bool
}

type fakeGroup struct {
	title   string
	members []Member
	unsaved bool // not in the contact list, only in init's recent chats
}

// Member is a group member: nickname and group card.
type Member struct{ Nick, Display string }

// Sent is a message the bot sent.
type Sent struct {
	Group   string // title ("" for a private message)
	Friend  string // the friend's nickname, for a private message
	To      string // UserName as sent
	Content string
	Image   []byte // a photo's bytes (webwxsendmsgimg), nil for a text
	At      time.Time
	ID      string
}

const fakeUin = 2211

// New starts a fake server, closed at the end of the test.
func New(t testing.TB) *Server {
	f := &Server{t: t, changed: make(chan struct{}), uuids: map[string]*fakeLogin{}, requests: map[string]int{},
		images: map[string][]byte{}, uploads: map[string]*upload{}, media: map[string][]byte{}, selfNick: "邻里哨", msgSeq: 9000, syncKey: 100, pushOK: true}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// Transport sends every request to the fake, keeping the original host.
func (f *Server) Transport() http.RoundTripper {
	target, _ := url.Parse(f.srv.URL)
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		r2 := r.Clone(r.Context())
		r2.URL.Scheme, r2.URL.Host = "http", target.Host
		r2.Host = r.URL.Host
		return http.DefaultTransport.RoundTrip(r2)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// AddGroup adds a group the bot is in.
func (f *Server) AddGroup(title string, members ...Member) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.groups = append(f.groups, &fakeGroup{title: title, members: members})
}

// AddUnsavedGroup adds a group not saved to the contact list: only
// webwxinit's recent chats list it.
func (f *Server) AddUnsavedGroup(title string, members ...Member) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.groups = append(f.groups, &fakeGroup{title: title, members: members, unsaved: true})
}

// notifyLocked wakes held long polls (f.mu held).
func (f *Server) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *Server) selfUN() string { return fmt.Sprintf("@self%d", f.gen) }
func (f *Server) groupUN(i int) string {
	return fmt.Sprintf("@@g%d-%d", f.gen, i)
}

// memberUN is a group member's UserName: a friend's own, as in WeChat,
// where a contact has one UserName in every chat of a login.
func (f *Server) memberUN(g, m int) string {
	if fi := f.friendIndex(f.groups[g].members[m].Nick); fi >= 0 {
		return f.friendUN(fi)
	}
	return fmt.Sprintf("@m%d-%d-%d", f.gen, g, m)
}

func (f *Server) findGroup(title string) (int, *fakeGroup) {
	for i, g := range f.groups {
		if g.title == title {
			return i, g
		}
	}
	f.t.Fatalf("fake: no group %q", title)
	return 0, nil
}

// Kill ends the session the way the server does: synccheck answers ret and
// the saved session's keys stop working (a hot login fails).
func (f *Server) Kill(ret string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deathRet, f.sid = ret, ""
	f.notifyLocked()
}

// Sends returns what the bot sent so far.
func (f *Server) Sends() []Sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Sent(nil), f.sent...)
}

// Count returns how many requests reached path.
func (f *Server) Count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[path]
}

// LoginCodes returns the login poll answers, in order.
func (f *Server) LoginCodes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.codes...)
}

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	f.mu.Lock()
	f.requests[path]++
	f.mu.Unlock()
	switch {
	case r.Host == "login.wx.qq.com" && path == "/jslogin":
		f.mu.Lock()
		f.nextUUID++
		uuid := fmt.Sprintf("uuid-%d", f.nextUUID)
		f.uuids[uuid] = &fakeLogin{}
		f.mu.Unlock()
		fmt.Fprintf(w, `window.QRLogin.code = 200; window.QRLogin.uuid = "%s";`, uuid)
	case r.Host == "login.wx.qq.com" && path == "/cgi-bin/mmwebwx-bin/login":
		f.loginPoll(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxnewloginpage":
		f.loginPage(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxpushloginurl":
		f.mu.Lock()
		defer f.mu.Unlock()
		if !f.pushOK || r.URL.Query().Get("uin") != fmt.Sprint(fakeUin) {
			fmt.Fprint(w, `{"ret":"1","msg":"push login refused"}`)
			return
		}
		f.nextUUID++
		uuid := fmt.Sprintf("push-%d", f.nextUUID)
		f.uuids[uuid] = &fakeLogin{push: true}
		fmt.Fprintf(w, `{"ret":"0","msg":"all ok","uuid":"%s"}`, uuid)
	case path == "/cgi-bin/mmwebwx-bin/webwxinit":
		f.webInit(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxstatusnotify", path == "/cgi-bin/mmwebwx-bin/webwxlogout":
		fmt.Fprint(w, `{"BaseResponse":{"Ret":0,"ErrMsg":""},"MsgID":"1"}`)
	case path == "/cgi-bin/mmwebwx-bin/webwxgetcontact":
		f.mu.Lock()
		var list []map[string]any
		for i, g := range f.groups {
			if !g.unsaved {
				list = append(list, map[string]any{"UserName": f.groupUN(i), "NickName": g.title})
			}
		}
		list = append(list, f.friendContactsLocked()...)
		f.mu.Unlock()
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0}, "MemberCount": len(list),
			"MemberList": list, "Seq": 0})
	case path == "/cgi-bin/mmwebwx-bin/webwxbatchgetcontact":
		f.batch(w, r)
	case r.Host == "webpush.wx.qq.com" && path == "/cgi-bin/mmwebwx-bin/synccheck":
		f.syncCheck(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxsync":
		f.mu.Lock()
		msgs := f.pending
		f.pending = nil
		f.syncKey++
		key := f.syncKey
		f.mu.Unlock()
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0}, "AddMsgCount": len(msgs),
			"AddMsgList": msgs, "SyncKey": map[string]any{"Count": 1, "List": []map[string]any{{"Key": 1, "Val": key}}}})
	case path == "/cgi-bin/mmwebwx-bin/webwxsendmsg":
		f.send(w, r)
	case r.Host == "file.wx.qq.com" && path == "/cgi-bin/mmwebwx-bin/webwxuploadmedia":
		f.uploadMedia(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxsendmsgimg":
		f.sendImage(w, r)
	case path == "/cgi-bin/mmwebwx-bin/webwxgetmsgimg":
		f.mu.Lock()
		data, ok := f.images[r.URL.Query().Get("MsgID")]
		live := f.sid != "" && r.URL.Query().Get("skey") != ""
		f.mu.Unlock()
		if !ok || !live {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(data)
	default:
		f.t.Errorf("fake: unexpected %s %s%s", r.Method, r.Host, path)
		http.NotFound(w, r)
	}
}

// Gen returns the login generation (1 after the first login).
func (f *Server) Gen() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gen
}

// SetPushOK allows or refuses push logins.
func (f *Server) SetPushOK(ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pushOK = ok
}

// HoldScan makes nobody scan the login QR code (the login poll answers
// 408) until called with false.
func (f *Server) HoldScan(hold bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.holdScan = hold
	f.notifyLocked()
}

// SetSyncDown makes synccheck fail at the HTTP level (or work again).
func (f *Server) SetSyncDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.syncDown = down
	f.notifyLocked() // answers a held poll at once
}

// FailSends makes the next sends answer these rets (0 = ok).
func (f *Server) FailSends(rets ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sendRet = append(f.sendRet, rets...)
}

// WaitSends waits until the bot has sent n messages and returns them all,
// or fails the test after timeout.
func (f *Server) WaitSends(n int, timeout time.Duration) []Sent {
	f.t.Helper()
	deadline := time.After(timeout)
	for {
		f.mu.Lock()
		got, changed := len(f.sent), f.changed
		f.mu.Unlock()
		if got >= n {
			return f.Sends()
		}
		select {
		case <-changed:
		case <-deadline:
			f.t.Fatalf("waited for %d sends, got %d: %+v", n, got, f.Sends())
		}
	}
}
