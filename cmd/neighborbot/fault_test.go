package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

// TestFaultDatabaseRemovedStopsTheBot: the real program notices that its
// database file was removed, refuses posts and stops with an error instead
// of answering into an unlinked file.
func TestFaultDatabaseRemovedStopsTheBot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	p := startProgram(t, path)
	p.post("幸福社区一网格群(演示)", "刘大爷", "3号楼电梯又坏了 老人上不去", 0)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if code := p.do("POST", "/api/sandbox/messages",
		map[string]any{"chat": "幸福社区一网格群(演示)", "from": "刘大爷", "text": "5号楼也停电了"}, nil); code != http.StatusServiceUnavailable {
		t.Fatalf("post after the database was removed = %d, want 503", code)
	}
	select {
	case code := <-p.done:
		p.cancel = nil // already stopped
		if code != 1 || !strings.Contains(p.stderr.String(), "was removed") {
			t.Fatalf("exit code %d, want 1 with the reason:\n%s", code, p.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the bot kept running without its database:\n%s", p.stderr)
	}
}

// TestBusyPortLeavesNoDemoData: a start that cannot listen seeds nothing,
// so the next start (on a free port) seeds the demo as a first start does.
func TestBusyPortLeavesNoDemoData(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	path := filepath.Join(t.TempDir(), "nb.db")
	code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": path, "NEIGHBORBOT_HTTP_ADDR": ln.Addr().String()}, "run")
	if code != 1 || !strings.Contains(errOut, "already in use") || !strings.Contains(errOut, "NEIGHBORBOT_HTTP_ADDR=") ||
		strings.Count(errOut, "in use") != 1 {
		t.Fatalf("start on a busy port: code %d, %q", code, errOut)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(context.Background(), func(tx nb.Tx) error {
		if units, err := tx.ListUnits(); err != nil || len(units) != 0 {
			t.Errorf("units after a failed start: %d, %v; want none", len(units), err)
		}
		if _, err := tx.Setting("first_start"); nb.ErrorCode(err) != nb.ENOTFOUND {
			t.Errorf("a failed start must not count as the first start: %v", err)
		}
		return nil
	})
}
