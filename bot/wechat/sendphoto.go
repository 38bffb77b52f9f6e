package wechat

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/internal/media"
)

// A message's photos (a notice's, a resolve's) go out after its text, as
// WeChat shows a photo as a message of its own — when the photo is one this
// adapter keeps (received on WeChat, in MediaDir under its content hash);
// another platform's file reference means nothing here and is skipped.
// Each photo counts as a send for the pacing: it takes a slot of the
// account's limiter (interval, jitter, hourly cap) like the engine's sends.
// A photo that cannot go (no slot soon enough, the upload refused, a hot
// login without the upload cookie) is logged and given up: the text is
// out, and retrying the message would post the text twice.

// photoWait bounds how long a photo waits for its pacing slot.
func (a *Adapter) photoWait() time.Duration {
	return max(time.Minute, 3*(a.cfg.SendInterval+max(a.cfg.SendJitter, 0)))
}

// sendPhotos sends m's kept photos to the chat, after its text.
func (a *Adapter) sendPhotos(ctx context.Context, m bot.OutMessage, to target) {
	for _, att := range m.Attachments {
		if att.Kind != "photo" || !media.Valid(att.FileRef) {
			continue
		}
		f, _, err := media.Dir(a.cfg.MediaDir).Open(att.FileRef)
		if err != nil {
			a.log.Warn("wechat: photo not sent", "photo", att.FileRef, "err", err)
			continue
		}
		err = a.sendPhoto(ctx, m.ChatID, f, to)
		_ = f.Close()
		if err != nil {
			a.log.Warn("wechat: photo not sent", "photo", att.FileRef, "err", safeErr(err))
			if ctx.Err() != nil {
				return
			}
			continue
		}
		a.log.Info("wechat: photo sent", "photo", att.FileRef)
	}
}

// sendPhoto uploads f and posts it, once the pacing allows a send.
func (a *Adapter) sendPhoto(ctx context.Context, chat string, f *os.File, to target) error {
	if err := a.reserve(ctx, chat); err != nil {
		return err
	}
	if err := a.spaceSend(ctx); err != nil {
		return err
	}
	if _, err := to.image(f); err != nil {
		return a.sendError(err) // 1205 pauses every send, as for a text
	}
	return nil
}

// reserve takes a send slot of the account's limiter for chat, waiting
// for it up to photoWait.
func (a *Adapter) reserve(ctx context.Context, chat string) error {
	deadline := time.Now().Add(a.photoWait())
	for {
		if wait := a.paused(); wait > 0 {
			return fmt.Errorf("sending is paused for %s (operate too often)", wait.Round(time.Second))
		}
		wait, ok := a.limiter.Reserve(time.Now(), chat)
		if ok {
			return nil
		}
		if time.Now().Add(wait).After(deadline) {
			return fmt.Errorf("the pacing allows the next send only in %s (hourly cap)", wait.Round(time.Second))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
