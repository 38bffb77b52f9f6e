package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
