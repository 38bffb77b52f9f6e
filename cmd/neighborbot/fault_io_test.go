package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/internal/faultsql"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

// e2eFaults fails the database calls of the programs startFaultyProgram
// runs, on command.
var e2eFaults = faultsql.Register("sqlite-faults-e2e")

// startFaultyProgram runs the bot as `neighborbot run` does (engine,
// handlers, sandbox, web server, /healthz, the database watch) on a store
// opened through e2eFaults, and returns it with its store. extra are
// more environment variables.
func startFaultyProgram(t *testing.T, path string, extra ...string) (*program, *store.DB) {
	t.Helper()
	env := map[string]string{"NEIGHBORBOT_DB": path, "NEIGHBORBOT_HTTP_ADDR": "127.0.0.1:0", "NEIGHBORBOT_LOG_LEVEL": "debug"}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	cfg, err := loadConfig("", IO{Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	p := &program{t: t, done: make(chan int, 1), stderr: &lockedWriter{}}
	logger := newLogger(cfg, p.stderr)
	ctx, cancel := context.WithCancel(context.Background())
	db, err := openStore(ctx, cfg, store.WithDriverName(e2eFaults.Name()))
	if err != nil {
		t.Fatal(err)
	}
	ops := newOps(cfg, db)
	model, err := loadModel(cfg)
	if err != nil {
		t.Fatal(err)
	}
	engine, parts, err := buildEngine(cfg, model, db, logger, ops.engineOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New(db, engine, sandbox.WithBotName(cfg.BotName), sandbox.WithLogger(logger))
	engine.RegisterSender(nb.PlatformSandbox, sb)
	server := web.New(cfg.HTTPAddr, sb, logger)
	ops.mount(server, engine, parts, platformsOf(false, true, false), nil, logger)
	server.SetAllowedHosts(allowedHosts(cfg))
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	if err := seedDemo(ctx, cfg, false, db, logger); err != nil {
		t.Fatal(err)
	}
	p.base, p.cancel = "http://"+server.Addr(), cancel
	go func() {
		code := 0
		if err := serve(ctx, engine, server, db, logger); err != nil {
			code = 1
		}
		db.Close()
		p.done <- code
	}()
	t.Cleanup(p.stop)
	return p, db
}

// health returns /healthz's status code and its database component.
func (p *program) health() (int, string) {
	p.t.Helper()
	var out struct {
		Detail struct {
			Database struct{ Status, Error string } `json:"database"`
		} `json:"detail"`
	}
	code := p.do("GET", "/healthz?detail=1", nil, &out)
	return code, out.Detail.Database.Status + ": " + out.Detail.Database.Error
}

// eventually calls cond every 20 ms until it holds, for at most d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(d)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("not within %s: %s", d, what)
		}
	}
}

// TestFaultIOErrorsLoseNothing: a stream of reports runs through the real
// engine while the disk fails, first at every write that would finish a
// message, then at random calls of every kind (SQLITE_IOERR_*, SQLITE_FULL,
// SQLITE_BUSY). Every post the API accepted is answered exactly once after
// the disk heals, nothing is set aside, and /healthz says the database is
// down while it fails and ok after.
func TestFaultIOErrorsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of failing disk; run without -short")
	}
	const chat = "幸福社区一网格群(演示)"
	p, db := startFaultyProgram(t, filepath.Join(t.TempDir(), "nb.db"))
	t.Cleanup(e2eFaults.Clear)
	if code, _ := p.health(); code != http.StatusOK {
		t.Fatalf("/healthz before the faults = %d", code)
	}
	problems := []string{"电梯坏了 老人上不去", "楼道灯不亮", "垃圾没人清运 臭味很大", "下水道堵了 污水外溢"}
	report := func(i int) string { return fmt.Sprintf("%d号楼%s", i+1, problems[i%len(problems)]) }
	var accepted []int64
	first := int64(0)

	// 1. Every write that would finish a message fails: posts are still
	// accepted and kept; none is answered; /healthz says so.
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Exec | faultsql.Commit, Match: "UPDATE inbox SET done_at"})
	for i := range 15 {
		id := p.post(chat, "刘大爷", report(i), 0)
		if first == 0 {
			first = id - 1
		}
		accepted = append(accepted, id)
	}
	eventually(t, 10*time.Second, "/healthz and the log report the failing database", func() bool {
		code, db := p.health()
		return code == http.StatusServiceUnavailable && strings.Contains(db, "down") && strings.Contains(db, "I/O") &&
			strings.Contains(p.stderr.String(), "the database fails writes")
	})
	for _, m := range p.messages(chat, first, false) {
		if m.FromBot {
			t.Fatalf("answered while no message could be finished: %q", m.Text)
		}
	}

	// 2. One call in three of every kind on the sandbox's chat lines fails
	// (posts, the bot's replies, the page's reads): some posts are refused
	// (503, not kept), the accepted ones go on. (Aimed at the chat lines:
	// a fault on one call in n of all calls lands wherever the engine's own
	// polling puts the count, and may spare every post.)
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Begin | faultsql.Exec | faultsql.Query | faultsql.Commit, Every: 3,
		Match: "sandbox_messages"})
	refused := 0
	for i := 15; i < 45; i++ {
		var out struct {
			ID int64 `json:"id"`
		}
		switch code := p.do("POST", "/api/sandbox/messages", map[string]any{"chat": chat, "from": "王阿姨", "text": report(i)}, &out); code {
		case http.StatusCreated:
			accepted = append(accepted, out.ID)
		case http.StatusServiceUnavailable:
			refused++
		default:
			t.Fatalf("post during I/O errors = %d; want 201 or 503", code)
		}
	}
	if e2eFaults.Injected() < 20 || refused == 0 || len(accepted) == 15 {
		t.Fatalf("%d errors injected, %d posts refused, %d accepted: the faults did not hit as meant",
			e2eFaults.Injected(), refused, len(accepted)-15)
	}

	// 3. The disk heals: everything accepted is answered, once.
	e2eFaults.Clear()
	t.Logf("%d accepted, %d refused, %d I/O errors injected", len(accepted), refused, e2eFaults.Injected())
	replies := map[int64]int{}
	after := first
	eventually(t, 30*time.Second, "every accepted report answered", func() bool {
		for _, m := range p.messages(chat, after, true) {
			after = m.ID
			if m.FromBot {
				replies[m.ReplyTo]++
			}
		}
		for _, id := range accepted {
			if replies[id] == 0 {
				return false
			}
		}
		return true
	})
	p.quiet(chat, after) // anything late or doubled would come before this answer
	for _, m := range p.messages(chat, after, false) {
		if m.FromBot {
			replies[m.ReplyTo]++
		}
	}
	for id, n := range replies {
		if n > 1 {
			t.Errorf("message #%d answered %d times", id, n)
		}
	}
	var failed []*nb.InboxItem
	_ = db.View(context.Background(), func(tx nb.Tx) (err error) { failed, err = tx.ListFailedInbox(100); return err })
	for _, it := range failed {
		t.Errorf("set aside through a transient fault: inbox #%d: %s", it.ID, it.Error)
	}
	eventually(t, 10*time.Second, "/healthz ok again", func() bool { code, _ := p.health(); return code == http.StatusOK })
}
