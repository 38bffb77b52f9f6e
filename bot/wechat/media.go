package wechat

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// A resident's photo is downloaded through the library (webwxgetmsgimg),
// kept in Config.MediaDir under the hex SHA-256 of its bytes (the same
// photo sent twice is kept once), and attached to a message for the
// engine: WeChat sends a photo as a message of its own, without a caption,
// so it is linked to the text its sender said in the same group shortly
// before (as a reply to it, which attaches it to that text's case), or, if
// they said nothing yet, held and attached to their next text there. In a
// private chat with a friend a photo is held for the next text (an
// officer's photo of the repair, then "#办结 12 已修好").
// Photos larger than Config.MaxImageBytes, or not images, are not kept.

// PhotoText is the text a photo is handed over with (the engine takes no
// message without text).
const PhotoText = "[照片]"

// photos remembers, per member of a chat, their last text and the photos
// waiting for one, for PhotoWindow.
type photos struct {
	mu      sync.Mutex
	said    map[string]saidAt
	pending map[string][]heldPhoto
}

type saidAt struct {
	id string
	at time.Time
}

type heldPhoto struct {
	att nb.Attachment
	at  time.Time
}

func memberKey(chatID, senderID string) string { return chatID + "\x00" + senderID }

// spoke records a member's text message and attaches to it the photos
// they sent within window before it.
func (p *photos) spoke(m *bot.Message, window time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key, now := memberKey(m.ChatID, m.SenderID), time.Now()
	if p.said == nil {
		p.said, p.pending = map[string]saidAt{}, map[string][]heldPhoto{}
	}
	for k, s := range p.said { // keep the map small
		if now.Sub(s.at) > window {
			delete(p.said, k)
		}
	}
	p.said[key] = saidAt{id: m.ID, at: now}
	for _, h := range p.pending[key] {
		if now.Sub(h.at) <= window {
			m.Attachments = append(m.Attachments, h.att)
		}
	}
	delete(p.pending, key)
}

// link makes m (a photo in a group) a reply to its sender's recent text,
// or holds its attachment for their next text (ok false: nothing to hand
// over now). In a private chat it is always held: there the last text is a
// command more often than a report, and the next one is what the photo
// shows ("#办结 12 已修好").
func (p *photos) link(m *bot.Message, window time.Duration) (ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key, now := memberKey(m.ChatID, m.SenderID), time.Now()
	if s, found := p.said[key]; found && now.Sub(s.at) <= window && m.ChatKind == nb.ChatGroup {
		m.ReplyTo = s.id
		return true
	}
	if p.pending == nil {
		p.said, p.pending = map[string]saidAt{}, map[string][]heldPhoto{}
	}
	for k, list := range p.pending { // drop what nobody followed up
		if len(list) > 0 && now.Sub(list[len(list)-1].at) > window {
			delete(p.pending, k)
		}
	}
	held := p.pending[key][:0]
	for _, h := range p.pending[key] {
		if now.Sub(h.at) <= window {
			held = append(held, h)
		}
	}
	for _, att := range m.Attachments {
		held = append(held, heldPhoto{att: att, at: now})
	}
	p.pending[key] = held
	return false
}

// picture turns a photo into the engine's message, built by build (group
// or private), or nothing when it is not kept or is held for its sender's
// next text.
func (a *Adapter) picture(msg *openwechat.Message, build func(*openwechat.Message) (bot.Message, bool)) (bot.Message, bool) {
	m, ok := build(msg)
	if !ok || a.cfg.MediaDir == "" {
		return bot.Message{}, false
	}
	att, err := a.savePicture(msg)
	if err != nil {
		a.log.Warn("wechat: photo not kept", "message_id", msg.MsgId, "err", err)
		return bot.Message{}, false
	}
	m.Text, m.Mentions, m.Attachments = PhotoText, nil, []nb.Attachment{att}
	if !a.photos.link(&m, a.cfg.PhotoWindow) {
		a.log.Info("wechat: photo held for its sender's next message", "message_id", msg.MsgId)
		return bot.Message{}, false
	}
	return m, true
}

// errTooBig is returned for a photo over Config.MaxImageBytes.
var errTooBig = errors.New("larger than wechat.max_image_bytes")

// savePicture downloads msg's photo and keeps it under its content hash.
func (a *Adapter) savePicture(msg *openwechat.Message) (nb.Attachment, error) {
	resp, err := msg.GetPicture()
	if err != nil {
		return nb.Attachment{}, fmt.Errorf("download: %s", safeErr(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nb.Attachment{}, fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, a.cfg.MaxImageBytes+1))
	if err != nil {
		return nb.Attachment{}, fmt.Errorf("download: %s", safeErr(err))
	}
	if int64(len(data)) > a.cfg.MaxImageBytes {
		return nb.Attachment{}, errTooBig
	}
	mime := http.DetectContentType(data)
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}[mime]
	if ext == "" {
		return nb.Attachment{}, fmt.Errorf("not a photo (%s)", mime)
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:]) + ext
	if err := writeOnce(filepath.Join(a.cfg.MediaDir, name), data); err != nil {
		return nb.Attachment{}, err
	}
	return nb.Attachment{Kind: "photo", FileRef: name, Size: int64(len(data)), MIMEType: mime}, nil
}

// writeOnce writes data to path unless a file is there already (same name,
// same content): through a temporary file, so that no half photo is seen.
func writeOnce(path string, data []byte) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("media dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".photo-*")
	if err != nil {
		return fmt.Errorf("media dir: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path) // replaces a copy written meanwhile: same bytes
	}
	if err != nil {
		return fmt.Errorf("keep photo: %w", err)
	}
	return nil
}
