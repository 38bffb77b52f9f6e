package media

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestOpen: a kept photo opens with its content type; anything that is not
// a kept photo's name — a path, another platform's file id, upper case —
// is not found, and nothing outside the directory is ever opened.
func TestOpen(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "media")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	ref := strings.Repeat("ab", 32) + ".png"
	if err := os.WriteFile(filepath.Join(dir, ref), []byte("png bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "secret.jpg"), []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, ctype, err := Dir(dir).Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "png bytes" || ctype != "image/png" {
		t.Errorf("Open = %q, %q", b, ctype)
	}
	for _, bad := range []string{"../secret.jpg", "/etc/passwd", "AgADtelegramfile", strings.Repeat("AB", 32) + ".png",
		strings.Repeat("ab", 32) + ".svg", strings.Repeat("ab", 32) + ".png/..", "", strings.Repeat("cd", 32) + ".jpg"} {
		if _, _, err := Dir(dir).Open(bad); nb.ErrorCode(err) != nb.ENOTFOUND {
			t.Errorf("Open(%q) = %v, want not found", bad, err)
		}
	}
	if _, _, err := Dir("").Open(ref); nb.ErrorCode(err) != nb.ENOTFOUND {
		t.Errorf("no directory: %v", err)
	}
	p := Photos{nb.PlatformWeChat: Dir(dir)}
	if !p.Serves(nb.PlatformWeChat) || p.Serves(nb.PlatformTelegram) {
		t.Error("Serves")
	}
	if _, _, err := p.OpenPhoto(nb.PlatformTelegram, ref); nb.ErrorCode(err) != nb.ENOTFOUND {
		t.Errorf("a Telegram photo: %v", err)
	}
}
