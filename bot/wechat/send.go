package wechat

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// Send implements bot.Sender: one text message to a group or a friend.
// The engine paces the calls (Register); Send only waits if a send would
// otherwise start closer than SendInterval to the last one. "Operate too
// often" (1205) pauses every send for TooOftenWait, a dead or missing
// session is an ordinary error (retried), and a group that is gone is a
// permanent one.
func (a *Adapter) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	if wait := a.paused(); wait > 0 {
		return "", &bot.RetryAfterError{After: wait}
	}
	to, err := a.recipient(m.ChatID)
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := a.spaceSend(ctx); err != nil {
		return "", err
	}
	shown := a.compose(m)
	sent, err := to.text(shown)
	if err != nil {
		return "", a.sendError(err)
	}
	a.quotes.put(sent.MsgId, quote{name: a.Health().Account, text: m.Text, shown: shown})
	a.sendPhotos(ctx, m, to)
	return sent.MsgId, nil
}

// target is how to send a chat a text and a photo.
type target struct {
	text  func(string) (*openwechat.SentMessage, error)
	image func(*os.File) (*openwechat.SentMessage, error)
}

// recipient finds chatID (a group, or a friend's private chat) in the live
// session and returns how to send it a text or a photo.
func (a *Adapter) recipient(chatID string) (target, error) {
	name, private := friendChat(chatID)
	title, group := groupTitle(chatID)
	if !private && !group {
		return target{}, &bot.PermanentError{Err: fmt.Errorf("wechat: %q is not a chat this adapter can send to", chatID)}
	}
	a.mu.Lock()
	b, self := a.live, a.self
	a.mu.Unlock()
	if b == nil || b.Context().Err() != nil {
		return target{}, errors.New("wechat: not logged in")
	}
	if private {
		userName, err := a.findFriend(b, name)
		if err != nil {
			return target{}, err
		}
		to := &openwechat.Friend{User: &openwechat.User{UserName: userName}}
		return target{
			text:  func(text string) (*openwechat.SentMessage, error) { return self.SendTextToFriend(to, text) },
			image: func(f *os.File) (*openwechat.SentMessage, error) { return self.SendImageToFriend(to, f) },
		}, nil
	}
	g, err := a.findGroup(b, title)
	if err != nil {
		return target{}, err
	}
	// A fresh Group holding only the UserName: the cached one is rewritten
	// in place by the library when the receiving side loads its members.
	a.lib.Lock()
	to := &openwechat.Group{User: &openwechat.User{UserName: g.UserName}}
	a.lib.Unlock()
	return target{
		text:  func(text string) (*openwechat.SentMessage, error) { return self.SendTextToGroup(to, text) },
		image: func(f *os.File) (*openwechat.SentMessage, error) { return self.SendImageToGroup(to, f) },
	}, nil
}

// spaceSend waits, if needed, so that no two sends start closer than
// SendInterval. The engine's limiter already spaces them; this guards
// against a late wake-up of one send bringing it near the next.
func (a *Adapter) spaceSend(ctx context.Context) error {
	a.sendMu.Lock()
	defer a.sendMu.Unlock()
	if wait := a.cfg.SendInterval - time.Since(a.lastSend); wait > 0 && !a.lastSend.IsZero() {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	a.lastSend = time.Now()
	if a.sendHook != nil {
		a.sendHook(a.lastSend)
	}
	return nil
}

// findGroup returns the group titled title in this login, reloading the
// contact list once if it is unknown.
func (a *Adapter) findGroup(b *openwechat.Bot, title string) (*openwechat.Group, error) {
	lookup := func() []*openwechat.Group {
		a.mu.Lock()
		defer a.mu.Unlock()
		var out []*openwechat.Group
		for _, g := range a.groups[title] {
			out = append(out, g)
		}
		return out // the map is keyed by UserName: one entry per group
	}
	found := lookup()
	if len(found) == 0 {
		groups, _, err := fetchContacts(b)
		if err != nil {
			return nil, fmt.Errorf("wechat: list groups: %s", safeErr(err))
		}
		a.mu.Lock()
		for _, g := range groups {
			a.noteGroupLocked(&openwechat.Group{User: g})
		}
		a.mu.Unlock()
		found = lookup()
	}
	switch len(found) {
	case 0:
		a.mu.Lock()
		young := time.Since(a.onlineAt) < a.cfg.GroupGrace
		a.mu.Unlock()
		err := fmt.Errorf("wechat: the bot is in no group titled %q", title)
		if young {
			return nil, fmt.Errorf("%w (yet: a group not saved to contacts shows up when it speaks)", err)
		}
		return nil, &bot.PermanentError{Err: err}
	case 1:
		return found[0], nil
	}
	return nil, fmt.Errorf("wechat: %d groups are titled %q; not sending until one is renamed", len(found), title)
}

// compose writes the text as WeChat shows it: a short quote of the message
// replied to (phone and room numbers masked), then "@名字" + U+2005 for each mention, then the text.
func (a *Adapter) compose(m bot.OutMessage) string {
	var sb strings.Builder
	if q, ok := a.quotes.get(m.ReplyTo); ok && m.ReplyTo != "" {
		sb.WriteString("「")
		if q.name != "" {
			sb.WriteString(q.name + "：")
		}
		sb.WriteString(short(intake.MaskPersonal(q.text), 24) + "」\n- - - - - - - - - - - - - - -\n")
	}
	for _, id := range m.Mentions {
		name, ok := memberName(id)
		if !ok {
			name, ok = friendChat(id)
		}
		if ok {
			sb.WriteString("@" + name + "\u2005")
		}
	}
	sb.WriteString(m.Text)
	return sb.String()
}

// sendError maps the library's errors to the engine's.
func (a *Adapter) sendError(err error) error {
	var r openwechat.Ret
	if errors.As(err, &r) {
		switch {
		case r == 1205:
			a.log.Warn("wechat: operate too often (1205); sending paused", "wait", a.cfg.TooOftenWait)
			a.pause(a.cfg.TooOftenWait)
			return &bot.RetryAfterError{After: a.cfg.TooOftenWait}
		case dead(err):
			return fmt.Errorf("wechat: session dead (%d)", int(r))
		}
		return fmt.Errorf("wechat: send refused (%d %s)", int(r), r.Error())
	}
	return fmt.Errorf("wechat: send: %w", safeError{err})
}

// pause stops every send for d: "operate too often" is about the account,
// not one chat, and the engine holds back only the chat that got it.
func (a *Adapter) pause(d time.Duration) {
	a.sendMu.Lock()
	defer a.sendMu.Unlock()
	a.pausedUntil = time.Now().Add(d)
}

// paused returns how long sends are still paused (0: not paused).
func (a *Adapter) paused() time.Duration {
	a.sendMu.Lock()
	defer a.sendMu.Unlock()
	return time.Until(a.pausedUntil)
}
