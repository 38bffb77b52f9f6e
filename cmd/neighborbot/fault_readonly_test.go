package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/faultsql"
)

// TestFaultReadOnlyWhileRunning: the database file and its folder are made
// read-only under the running bot. It goes on through the files it has
// open, and tells the operator (an error in the log, /healthz degraded)
// that it would not start again. When it must reconnect while the file is
// read-only, posts are refused with 503 and the messages it holds are kept
// (/healthz 503); after a chmod back everything accepted is answered once.
// Run as a user other than root (.ci/run runs it as nobody).
func TestFaultReadOnlyWhileRunning(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write a read-only file; run as another user (see .ci/run)")
	}
	const chat = "幸福社区一网格群(演示)"
	path := filepath.Join(t.TempDir(), "nb.db")
	p, db := startFaultyProgram(t, path)
	t.Cleanup(e2eFaults.Clear)
	first := p.post(chat, "刘大爷", "3号楼电梯坏了 老人上不去", 0)
	p.botReply(chat, first-1, first)

	chmodDatabase(t, path, 0o400, 0o500)
	t.Cleanup(func() { chmodDatabase(t, path, 0o600, 0o700) })
	eventually(t, 10*time.Second, "the operator is told the database became read-only", func() bool {
		code, state := p.health()
		return code == http.StatusOK && strings.HasPrefix(state, "degraded") && strings.Contains(state, path) &&
			strings.Contains(p.stderr.String(), "the database became read-only")
	})
	id := p.post(chat, "刘大爷", "5号楼楼道灯不亮", 0)
	p.botReply(chat, id, id) // the open connection still writes

	// Accepted messages not handled yet when the bot must reconnect.
	e2eFaults.Set(faultsql.Fault{Ops: faultsql.Exec | faultsql.Commit, Match: "UPDATE inbox SET done_at"})
	var held []int64
	for _, text := range []string{"7号楼下水道堵了", "8号楼垃圾没人清运", "9号楼电梯异响"} {
		held = append(held, p.post(chat, "王阿姨", text, 0))
	}
	e2eFaults.DropConnections()
	e2eFaults.Clear()
	if code := p.do("POST", "/api/sandbox/messages", map[string]any{"chat": chat, "from": "王阿姨", "text": "10号楼停水"}, nil); code != http.StatusServiceUnavailable {
		t.Fatalf("post to a read-only database = %d; want 503", code)
	}
	eventually(t, 10*time.Second, "/healthz down and the operator told", func() bool {
		code, _ := p.health()
		return code == http.StatusServiceUnavailable && strings.Contains(p.stderr.String(), "the database fails writes")
	})

	chmodDatabase(t, path, 0o600, 0o700)
	e2eFaults.DropConnections() // a connection opened read-only stays so: the next one writes
	replies := map[int64]int{}
	after := held[0] - 1
	eventually(t, 30*time.Second, "the held messages answered", func() bool {
		for _, m := range p.messages(chat, after, true) {
			after = m.ID
			if m.FromBot {
				replies[m.ReplyTo]++
			}
		}
		return replies[held[0]] > 0 && replies[held[1]] > 0 && replies[held[2]] > 0
	})
	p.quiet(chat, after)
	for id, n := range replies {
		if n != 1 {
			t.Errorf("message #%d answered %d times", id, n)
		}
	}
	var failed []*nb.InboxItem
	_ = db.View(context.Background(), func(tx nb.Tx) (err error) { failed, err = tx.ListFailedInbox(100); return err })
	if len(failed) > 0 {
		t.Errorf("%d messages set aside through a read-only database: %s", len(failed), failed[0].Error)
	}
	eventually(t, 10*time.Second, "/healthz ok again", func() bool { code, _ := p.health(); return code == http.StatusOK })
}

// chmodDatabase sets the mode of the database files and of their folder.
func chmodDatabase(t *testing.T, path string, file, folder os.FileMode) {
	t.Helper()
	if err := faultsql.ChmodDatabase(path, file, folder); err != nil {
		t.Fatal(err)
	}
}
