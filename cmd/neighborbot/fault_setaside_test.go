package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/internal/faultsql"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestFaultSetAsideMessageRetried: a message that fails on its own (here
// a statement of its handling failing with a plain SQLITE_ERROR, as a bug
// would) is set aside after its attempts, never silently dropped: the
// operator lists it with `neighborbot inbox list-failed` and hands it back
// with `neighborbot inbox retry --all`, and the running bot answers it once.
func TestFaultSetAsideMessageRetried(t *testing.T) {
	const chat = "幸福社区一网格群(演示)"
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	conf := filepath.Join(dir, "neighborbot.yaml")
	if err := os.WriteFile(conf, []byte("outbox:\n  retry_base: 50ms\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, _ := startFaultyProgram(t, path, "NEIGHBORBOT_CONFIG", conf)
	t.Cleanup(e2eFaults.Clear)
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Query | faultsql.Exec, Match: "INSERT INTO cases", Codes: []int{sqlite3.SQLITE_ERROR}})
	id := p.post(chat, "刘大爷", "3号楼电梯又坏了 老人上不去", 0)
	env := map[string]string{"NEIGHBORBOT_DB": path}
	var listed string
	eventually(t, 10*time.Second, "the failing message listed by inbox list-failed", func() bool {
		_, listed, _ = cli(t, env, "inbox", "list-failed")
		return strings.Contains(listed, "SQL logic error") || strings.Contains(listed, "SQLITE_ERROR")
	})
	if strings.Contains(listed, "电梯") {
		t.Fatalf("list-failed shows the message's text: %s", listed)
	}
	if code, _ := p.health(); code != http.StatusOK {
		t.Fatalf("a message's own failure is not the database's: /healthz %d", code)
	}
	e2eFaults.Clear()
	if code, out, errOut := cli(t, env, "inbox", "retry", "--all"); code != 0 || !strings.Contains(out, "1 message") {
		t.Fatalf("inbox retry --all: %d %q %q", code, out, errOut)
	}
	answer := p.botReply(chat, id, id)
	mustContain(t, "the answer after the retry", answer.Text, "#1")
	p.quiet(chat, answer.ID)
	replies := 0
	for _, m := range p.messages(chat, id, false) {
		if m.FromBot && m.ReplyTo == id {
			replies++
		}
	}
	if replies != 1 {
		t.Fatalf("the retried message was answered %d times", replies)
	}
	if _, out, _ := cli(t, env, "inbox", "list-failed"); !strings.Contains(out, "no messages were set aside") {
		t.Fatalf("list-failed after the retry: %s", out)
	}
}
