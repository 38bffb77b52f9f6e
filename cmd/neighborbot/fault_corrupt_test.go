package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/internal/faultsql"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestFaultCorruptionWhileRunning: when the database reports a damaged
// page under the running bot, it stops taking messages (503), /healthz
// says down, the operator is told; what it had accepted stays in the inbox
// and is answered once after a restart on a sound file.
func TestFaultCorruptionWhileRunning(t *testing.T) {
	const chat = "幸福社区一网格群(演示)"
	path := filepath.Join(t.TempDir(), "nb.db")
	p, _ := startFaultyProgram(t, path)
	t.Cleanup(e2eFaults.Clear)
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Exec | faultsql.Commit, Match: "UPDATE inbox SET done_at"})
	var held []int64
	for _, text := range []string{"3号楼电梯又坏了", "5号楼楼道灯不亮"} {
		held = append(held, p.post(chat, "刘大爷", text, 0))
	}
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Query | faultsql.Exec, Codes: []int{sqlite3.SQLITE_CORRUPT}})
	eventually(t, 10*time.Second, "the damage noticed: /healthz down, the operator told", func() bool {
		code, state := p.health()
		return code == http.StatusServiceUnavailable && strings.Contains(state, "damaged") &&
			strings.Contains(p.stderr.String(), "the database is damaged")
	})
	e2eFaults.Clear() // the store stays broken: only a restart on a sound file mends it
	if code := p.do("POST", "/api/sandbox/messages", map[string]any{"chat": chat, "from": "刘大爷", "text": "7号楼停水"}, nil); code != http.StatusServiceUnavailable {
		t.Fatalf("post to a damaged database = %d; want 503", code)
	}
	p.stop()

	again := startProgram(t, path)
	after := held[0] - 1
	replies := map[int64]int{}
	eventually(t, 20*time.Second, "the held messages answered after the restart", func() bool {
		for _, m := range again.messages(chat, after, true) {
			after = m.ID
			if m.FromBot {
				replies[m.ReplyTo]++
			}
		}
		return replies[held[0]] > 0 && replies[held[1]] > 0
	})
	again.quiet(chat, after)
	for id, n := range replies {
		if n != 1 {
			t.Errorf("message #%d answered %d times", id, n)
		}
	}
}

// TestFaultCorruptFileRefused: a file with its pages overwritten is refused at
// start with a sentence saying what to do, and `neighborbot check` finds
// the damage (exit 1) where a sound file passes.
func TestFaultCorruptFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	p := startProgram(t, path)
	for i := range 40 {
		p.post(group1, "刘大爷", strings.Repeat("楼道里堆满了杂物", 30)+strconv.Itoa(i), 0)
	}
	p.stop()
	env := map[string]string{"NEIGHBORBOT_DB": path}
	if code, out, errOut := cli(t, env, "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check of a sound file: %d %q %q", code, out, errOut)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if fi.Size() < 4*4096 {
		t.Fatalf("the database is only %d bytes", fi.Size())
	}
	// Every page but the first (the header) and the last overwritten.
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", int(fi.Size()-2*4096)/4)), 4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if code, _, errOut := cli(t, env, "check"); code != 1 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("check of a damaged file: %d %q", code, errOut)
	}
	code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": path, "NEIGHBORBOT_HTTP_ADDR": "127.0.0.1:0"}, "run")
	if code != 1 || !strings.Contains(errOut, "from a backup") || !strings.Contains(errOut, path) {
		t.Fatalf("start on a damaged file: %d %q", code, errOut)
	}
}

// TestFaultNewDatabaseWarned: a start that creates a new database says so
// at WARN with the file's full path (a mistyped or lost path shows).
func TestFaultNewDatabaseWarned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	p := startProgram(t, path)
	for _, line := range strings.Split(p.stderr.String(), "\n") {
		if strings.Contains(line, "level=WARN") && strings.Contains(line, "created a new, empty database") && strings.Contains(line, path) {
			return
		}
	}
	t.Fatalf("no WARN naming %s:\n%s", path, p.stderr)
}
