package wechat

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
)

// TestPhotosAttached: a photo sent before its sender's report is attached
// to the report; one sent shortly after it is added to the case as
// evidence; each is downloaded through the library and kept once under its
// content hash; a photo over the size cap is not kept.
func TestPhotosAttached(t *testing.T) {
	media := t.TempDir()
	w := newWorld(t, withEvidence(t), func(c *Config) {
		c.MediaDir, c.MaxImageBytes = media, 1000
	})
	w.waitState(StateOnline)
	before := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{1}, 200)...)
	after := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{2}, 300)...)
	tooBig := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{3}, 2000)...)

	w.f.SayImage(group1, "刘大爷", before)
	w.exchange(group1, "刘大爷", "3号楼门口的垃圾堆了三天没人清理", "#1")
	w.f.SayImage(group1, "刘大爷", after)
	w.f.SayImage(group1, "刘大爷", tooBig)
	w.f.SayImage(group1, "刘大爷", before) // the same photo again: kept once on disk
	w.exchange(group1, "刘大爷", "#进度 1", "#1")

	if sends := w.f.Sends(); len(sends) != 2 {
		t.Errorf("sends = %+v, want the acknowledgement and the progress only (photos answered by nothing)", sends)
	}
	var atts []*nb.CaseAttachment
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { atts, err = tx.ListAttachments(1); return err }); err != nil {
		t.Fatal(err)
	}
	name := func(data []byte, ext string) string {
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:]) + ext
	}
	want := []struct {
		ref  string
		kind nb.EventKind
		mime string
	}{{name(before, ".jpg"), nb.EventReported, "image/jpeg"}, {name(after, ".png"), nb.EventEvidence, "image/png"},
		{name(before, ".jpg"), nb.EventEvidence, "image/jpeg"}}
	if len(atts) != len(want) {
		t.Fatalf("attachments of #1 = %d, want %d: %+v", len(atts), len(want), atts)
	}
	for i, a := range atts {
		if a.FileRef != want[i].ref || a.EventKind != want[i].kind || a.MIMEType != want[i].mime ||
			a.Platform != nb.PlatformWeChat || a.Kind != "photo" {
			t.Errorf("attachment %d = %+v, want %+v", i, *a, want[i])
		}
	}
	files, err := os.ReadDir(media)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Errorf("files kept = %v, want the two photos under the cap", files)
	}
	kept, err := os.ReadFile(filepath.Join(media, name(after, ".png")))
	if err != nil || !bytes.Equal(kept, after) {
		t.Errorf("kept photo = %d bytes, %v; want the photo's bytes", len(kept), err)
	}
	if n := w.f.Count("/cgi-bin/mmwebwx-bin/webwxgetmsgimg"); n != 4 {
		t.Errorf("photo downloads = %d, want 4", n)
	}
}

// withEvidence is the handlers with the middleware that keeps photos.
func withEvidence(t *testing.T) bot.HandlerFunc {
	t.Helper()
	modelOnce.Do(func() { model, modelErr = intake.Default() })
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	h := handlers.New(model, handlers.Config{BotUsername: "neighborbot"})
	return bot.Chain(h.Router().Handle, bot.Recover, h.Evidence)
}
