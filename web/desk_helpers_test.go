package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/internal/password"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

// deskEnv is a desk over a real store with the demo data, the real case
// service, and an engine that delivers the group's posts to the sandbox.
type deskEnv struct {
	t      *testing.T
	db     *store.DB
	sb     *sandbox.Platform
	engine *bot.Engine
	srv    *web.Server
	ts     *httptest.Server
}

// newDeskEnv starts the desk; with listen it serves on a real port (for
// the browser), otherwise through httptest.
func newDeskEnv(t *testing.T, listen bool, opts ...func(*web.DeskConfig)) *deskEnv {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "neighborbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if ok, err := sandbox.SeedDemo(t.Context(), db); err != nil || !ok {
		t.Fatalf("SeedDemo = %v, %v", ok, err)
	}
	e := &deskEnv{t: t, db: db}
	e.engine = bot.NewEngine(db, func(*bot.Context) error { return nil })
	e.sb = sandbox.New(db, e.engine, sandbox.WithLogger(testLogger(t)))
	e.engine.RegisterSender(nb.PlatformSandbox, e.sb)
	phrases := handlers.NewPhrases(handlers.Config{})
	e.srv = web.New("127.0.0.1:0", e.sb, testLogger(t))
	cfg := web.DeskConfig{Store: db, Cases: cases.New(db, phrases, nb.Policy{}),
		Categories: []string{"环境卫生", "电梯", "市政"}, Report: phrases.Report}
	for _, o := range opts {
		o(&cfg)
	}
	e.srv.SetDesk(cfg)
	if listen {
		if err := e.srv.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { shutdown(t, e.srv) })
	} else {
		e.ts = httptest.NewServer(e.srv.Handler())
		t.Cleanup(func() { shutdown(t, e.srv); e.ts.Close() })
	}
	for _, name := range []string{"王书记", "李网格员", "赵师傅"} {
		e.setPassword(name, "secret-"+name)
	}
	return e
}

// base is the desk's address.
func (e *deskEnv) base() string {
	if e.ts != nil {
		return e.ts.URL
	}
	return "http://" + e.srv.Addr()
}

// person returns the demo person called name.
func (e *deskEnv) person(name string) *nb.Person {
	e.t.Helper()
	var p *nb.Person
	err := e.db.View(e.t.Context(), func(tx nb.Tx) (err error) {
		p, err = tx.FindPersonByIdentity(nb.PlatformSandbox, name)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// hashes keeps the bcrypt hash of each test password: hashing is slow on
// purpose (most of all under -race), and every test makes the same three.
var hashes sync.Map

func hashOnce(pw string) (string, error) {
	if h, ok := hashes.Load(pw); ok {
		return h.(string), nil
	}
	h, err := password.Hash(pw)
	if err == nil {
		hashes.Store(pw, h)
	}
	return h, err
}

// setPassword gives name a desk account, as `neighborbot user passwd` does.
func (e *deskEnv) setPassword(name, pw string) {
	e.t.Helper()
	p := e.person(name)
	hash, err := hashOnce(pw)
	if err != nil {
		e.t.Fatal(err)
	}
	err = e.db.Update(e.t.Context(), func(tx nb.Tx) error {
		return tx.PutAccount(&nb.Account{PersonID: p.ID, Login: name, PasswordHash: hash})
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// report registers a case reported by a resident in a demo group, as the
// chat intake would, and returns its number.
func (e *deskEnv) report(group, resident, text, category string, prio nb.Priority) int64 {
	e.t.Helper()
	p := e.person(resident)
	var id int64
	err := e.db.Update(e.t.Context(), func(tx nb.Tx) error {
		chat, err := tx.FindChat(nb.PlatformSandbox, group)
		if err != nil {
			return err
		}
		c := &nb.Case{Text: text, Category: category, Priority: prio, UnitID: chat.UnitID, ChatID: chat.ID,
			ReporterID: p.ID, Confidence: 0.9}
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		id = c.ID
		if _, err := tx.AddFollower(c.ID, p.ID, nb.FollowReporter); err != nil {
			return err
		}
		return tx.AppendEvent(&nb.Event{CaseID: c.ID, Kind: nb.EventReported, ActorID: p.ID, ToStage: nb.StageTopic, CreatedAt: tx.Now()})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// deliver sends the queued posts to the sandbox.
func (e *deskEnv) deliver() {
	e.t.Helper()
	if _, err := e.engine.DeliverPending(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// groupSays reports whether the bot posted text in a sandbox group.
func (e *deskEnv) groupSays(group, text string) bool {
	e.t.Helper()
	msgs, err := e.sb.Messages(e.t.Context(), group, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, m := range msgs {
		if m.FromBot && strings.Contains(m.Text, text) {
			return true
		}
	}
	return false
}

// client is a browser-like HTTP client with a cookie jar that does not
// follow redirects.
func (e *deskEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var (
	reToken = regexp.MustCompile(`name="token" value="([^"]+)"`)
	reCSRF  = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
)

// get fetches path and returns the status and body.
func (e *deskEnv) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	status, _, b := e.fetch(c, path)
	return status, string(b)
}

// post sends a form as a browser on this site would, and returns the
// status, the Location and the body.
func (e *deskEnv) post(c *http.Client, path string, form url.Values) (int, string, string) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.base()+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.base())
	res, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// login logs name in with the password and returns the session's CSRF token.
func (e *deskEnv) login(c *http.Client, name, pw string) (status int, csrf string) {
	e.t.Helper()
	_, page := e.get(c, "/desk/login")
	m := reToken.FindStringSubmatch(page)
	if m == nil {
		e.t.Fatalf("no form token in the login page:\n%s", page)
	}
	status, loc, _ := e.post(c, "/desk/login", url.Values{"token": {m[1]}, "name": {name}, "password": {pw}})
	if status != http.StatusSeeOther {
		return status, ""
	}
	if loc != "/desk/" {
		e.t.Fatalf("login redirects to %q", loc)
	}
	_, board := e.get(c, "/desk/")
	if m := reCSRF.FindStringSubmatch(board); m != nil {
		csrf = m[1]
	}
	return status, csrf
}
