package wechat

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// keepPhoto writes data into dir as the adapter keeps a received photo and
// returns its reference.
func keepPhoto(t *testing.T, dir string, data []byte) string {
	t.Helper()
	sum := sha256.Sum256(data)
	ref := hex.EncodeToString(sum[:]) + ".jpg"
	if err := os.WriteFile(filepath.Join(dir, ref), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return ref
}

// TestResolvePhotoSent: a department worker sends a photo of the repair,
// then "#办结 1 已疏通" in the group; the group gets the resolve notice and
// then the photo itself (uploaded and posted through the library), no
// closer to the text than the send interval.
func TestResolvePhotoSent(t *testing.T) {
	const interval = 40 * time.Millisecond
	media := t.TempDir()
	w := newWorld(t, withEvidence(t), func(c *Config) { c.MediaDir, c.MaxImageBytes, c.SendInterval = media, 1<<20, interval })
	var mu sync.Mutex
	var starts []time.Time
	w.a.sendHook = func(at time.Time) { mu.Lock(); starts = append(starts, at); mu.Unlock() }
	w.waitState(StateOnline)
	photo := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte("repair"), 200)...)

	w.exchange(group1, "刘大爷", "3号楼门口下水道堵了", "#1")
	w.exchange(group1, "wang", "@邻里哨\u2005#立项 1 城管办", "立项")
	before := len(w.f.Sends())
	w.f.SayImage(group1, "zhao", photo)
	w.f.Say(group1, "zhao", "#办结 1 已疏通")
	var img *int
	deadline := time.After(10 * time.Second)
	for img == nil {
		sends := w.waitSends(len(w.f.Sends()) + 1)
		for i := before; i < len(sends); i++ {
			if sends[i].Image != nil {
				img = &i
			}
		}
		select {
		case <-deadline:
			t.Fatalf("no photo sent: %+v", sends[before:])
		default:
		}
	}
	sends := w.f.Sends()
	got := sends[*img]
	if !bytes.Equal(got.Image, photo) || got.Group != group1 {
		t.Errorf("photo sent = %d bytes to %q, want the repair photo's %d bytes to %q", len(got.Image), got.Group, len(photo), group1)
	}
	if *img == before || sends[*img-1].Image != nil || sends[*img-1].Group != group1 || !bytes.Contains([]byte(sends[*img-1].Content), []byte("已疏通")) {
		t.Errorf("the photo does not follow the resolve notice: %+v", sends[before:])
	}
	if n := w.f.Count("/cgi-bin/mmwebwx-bin/webwxuploadmedia"); n != 1 {
		t.Errorf("uploads = %d, want 1", n)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < interval {
			t.Errorf("send %d started %s after the previous one, closer than %s", i, gap, interval)
		}
	}
}

// TestPhotoCountsAsSend: with an hourly cap of 3, two messages with a photo
// each make three sends (text, photo, text): the second photo is given up
// rather than exceed the cap, and its text is not sent twice. A file
// reference of another platform is not sent.
func TestPhotoCountsAsSend(t *testing.T) {
	const interval = 20 * time.Millisecond
	media := t.TempDir()
	photo := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{7}, 100)...)
	ref := keepPhoto(t, media, photo)
	handler := func(c *bot.Context) error {
		if c.Msg.Text != "burst" {
			return nil
		}
		for _, text := range []string{"one", "two"} {
			m := &nb.OutboxMessage{ChatExternalID: c.Msg.ChatID, Text: text,
				Attachments: []nb.Attachment{{Kind: "photo", FileRef: "AgADtelegramfile"}, {Kind: "photo", FileRef: ref}}}
			if err := c.Post(m); err != nil {
				return err
			}
		}
		return nil
	}
	w := newWorld(t, handler, func(c *Config) { c.MediaDir, c.SendInterval, c.HourlyCap = media, interval, 3 })
	w.waitState(StateOnline)
	w.f.Say(group1, "刘大爷", "burst")
	sends := w.waitSends(3)
	<-time.After(10 * interval) // the cap: nothing more comes
	sends = w.f.Sends()
	if len(sends) != 3 || sends[0].Content != "one" || !bytes.Equal(sends[1].Image, photo) || sends[2].Content != "two" {
		t.Fatalf("sends = %+v, want one, the photo, two", sends)
	}
	if n := w.f.Count("/cgi-bin/mmwebwx-bin/webwxuploadmedia"); n != 1 {
		t.Errorf("uploads = %d, want 1 (a Telegram file reference is not sent on WeChat)", n)
	}
}

// TestLargePhotoInChunks: a photo over 0.5 MB is uploaded in chunks, as
// the web client does, and arrives whole.
func TestLargePhotoInChunks(t *testing.T) {
	media := t.TempDir()
	photo := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte("0123456789abcdef"), 80_000)...) // 1.28 MB
	ref := keepPhoto(t, media, photo)
	handler := func(c *bot.Context) error {
		if c.Msg.Text != "big" {
			return nil
		}
		return c.Post(&nb.OutboxMessage{ChatExternalID: c.Msg.ChatID, Text: "海报",
			Attachments: []nb.Attachment{{Kind: "photo", FileRef: ref}}})
	}
	w := newWorld(t, handler, func(c *Config) { c.MediaDir = media })
	w.waitState(StateOnline)
	w.f.Say(group1, "刘大爷", "big")
	sends := w.waitSends(2)
	if sends[0].Content != "海报" || !bytes.Equal(sends[1].Image, photo) {
		t.Fatalf("sends = %q then %d bytes, want the text then the %d-byte photo", sends[0].Content, len(sends[1].Image), len(photo))
	}
	if n := w.f.Count("/cgi-bin/mmwebwx-bin/webwxuploadmedia"); n != 3 {
		t.Errorf("upload requests = %d, want 3 chunks of at most 0.5 MB", n)
	}
}
