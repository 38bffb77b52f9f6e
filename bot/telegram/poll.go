package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// allowedUpdates are the update types the bot asks for.
const allowedUpdates = `["message","edited_message","callback_query","my_chat_member"]`

// Back-off of a failing poll or a failing store.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 30 * time.Second
)

// Run long-polls getUpdates until ctx ends and hands every update to recv.
// The offset that confirms an update is sent only after recv stored it, so
// a crash never loses an update; updates Telegram sends again are dropped
// by the inbox. It also registers the command menu once.
func (a *Adapter) Run(ctx context.Context, recv bot.Receiver) error {
	a.SetCommands(ctx)
	a.deleteWebhook(ctx)
	var offset int64
	backoff := minBackoff
	for ctx.Err() == nil {
		if o, ok := recv.(overloaded); ok && o.Overloaded() {
			// The bot is behind: leave the updates with Telegram for now
			// (it keeps them for a day) and fetch again shortly.
			a.pause(ctx, overloadPause)
			continue
		}
		updates, wait, err := a.getUpdates(ctx, offset)
		if err == nil {
			offset, err = a.handleUpdates(ctx, recv, updates, offset)
		}
		if err == nil {
			backoff = minBackoff
			continue
		}
		if ctx.Err() != nil {
			break
		}
		if wait == 0 {
			wait, backoff = backoff, min(2*backoff, maxBackoff)
		}
		a.logger.Warn("telegram: polling failed", "err", err, "retry_in", wait)
		a.pause(ctx, wait)
	}
	return nil
}

// handleUpdates records updates in order and returns the offset that
// confirms the ones recorded (offset itself if none was). With a receiver
// that takes batches, the messages of consecutive message updates are
// stored together, with one commit; any other update (a button press, a
// membership change, a group's migration) is recorded alone, after the
// messages before it, as without batches.
func (a *Adapter) handleUpdates(ctx context.Context, recv bot.Receiver, updates []models.Update, offset int64) (int64, error) {
	batcher, ok := recv.(bot.BatchReceiver)
	if !ok {
		for i := range updates {
			if err := a.HandleUpdate(ctx, recv, &updates[i]); err != nil {
				return offset, err
			}
			offset = updates[i].ID + 1
		}
		return offset, nil
	}
	var held heldMessages
	for i := range updates {
		u := &updates[i]
		if batchable(u) {
			held.ids = append(held.ids, u.ID)
			_ = a.HandleUpdate(ctx, &held, u) // held never fails: its Receive keeps the message
			continue
		}
		var err error
		if offset, err = a.receiveHeld(ctx, batcher, &held, offset); err != nil {
			return offset, err
		}
		if err := a.HandleUpdate(ctx, recv, u); err != nil {
			return offset, err
		}
		offset = u.ID + 1
	}
	return a.receiveHeld(ctx, batcher, &held, offset)
}

// batchable reports whether u is a message (or its edit) that HandleUpdate
// only converts and hands to its receiver, with nothing else to do.
func batchable(u *models.Update) bool {
	if u.EditedMessage != nil {
		return true
	}
	m := u.Message
	return m != nil && m.MigrateToChatID == 0 && m.MigrateFromChatID == 0
}

// heldMessages collects the messages of consecutive message updates, to
// be received together.
type heldMessages struct {
	ids  []int64                 // the updates, in order
	msgs []bot.Message           // their messages (an update may have none)
	of   map[int64][]bot.Message // update id → its messages, for a retry one by one
}

func (h *heldMessages) Receive(_ context.Context, m bot.Message) error {
	if h.of == nil {
		h.of = map[int64][]bot.Message{}
	}
	id := h.ids[len(h.ids)-1]
	h.msgs = append(h.msgs, m)
	h.of[id] = append(h.of[id], m)
	return nil
}

// receiveHeld stores the held messages in one batch, empties held and
// returns the offset that confirms their updates. If the batch fails,
// they are received one by one, as without batches: a message the bot
// refuses is dropped (logged), a store that cannot take one stops there
// (the error), and what was stored before it is confirmed.
func (a *Adapter) receiveHeld(ctx context.Context, recv bot.BatchReceiver, held *heldMessages, offset int64) (int64, error) {
	if len(held.ids) == 0 {
		return offset, nil
	}
	defer func() { *held = heldMessages{} }()
	err := recv.ReceiveBatch(ctx, held.msgs)
	if err == nil {
		return held.ids[len(held.ids)-1] + 1, nil
	}
	a.logger.Info("telegram: a batch of messages failed, receiving them one by one", "err", err)
	for _, id := range held.ids {
		for _, m := range held.of[id] {
			if err := recv.Receive(ctx, m); err != nil && nb.ErrorCode(err) == nb.EINTERNAL {
				return offset, err
			} else if err != nil {
				a.logger.Warn("telegram: update dropped", "update_id", id, "err", err)
			}
		}
		offset = id + 1
	}
	return offset, nil
}

// overloaded is what Run asks of its receiver, when it can tell.
type overloaded interface{ Overloaded() bool }

// overloadPause is how long polling rests while the bot is behind.
const overloadPause = time.Second

// apiEnvelope is the Bot API's answer.
type apiEnvelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates makes one long-poll call. wait is how long Telegram asked us
// to wait (429), if it did.
func (a *Adapter) getUpdates(ctx context.Context, offset int64) (updates []models.Update, wait time.Duration, err error) {
	form := url.Values{"timeout": {strconv.Itoa(int(a.opt.PollTimeout / time.Second))}, "allowed_updates": {allowedUpdates}}
	if offset > 0 {
		form.Set("offset", strconv.FormatInt(offset, 10))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.opt.ServerURL+"/bot"+a.opt.Token+"/getUpdates",
		strings.NewReader(form.Encode()))
	if err != nil {
		return nil, 0, a.redact(fmt.Errorf("getUpdates: %w", err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, 0, a.redact(fmt.Errorf("getUpdates: %w", err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, a.redact(fmt.Errorf("getUpdates: read: %w", err))
	}
	var env apiEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, 0, fmt.Errorf("getUpdates: HTTP %d, not a Bot API answer", resp.StatusCode)
	}
	if !env.OK {
		if env.ErrorCode == http.StatusTooManyRequests {
			wait = time.Duration(max(env.Parameters.RetryAfter, 1)) * time.Second
		}
		return nil, wait, fmt.Errorf("getUpdates: %d %s", env.ErrorCode, env.Description)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(env.Result, &raw); err != nil {
		return nil, 0, fmt.Errorf("getUpdates: decode: %w", err)
	}
	for _, r := range raw {
		updates = append(updates, a.decodeUpdate(r))
	}
	return updates, 0, nil
}

// decodeUpdate decodes one update. One the library cannot decode (a type
// newer than it) keeps only its id, so that it is confirmed and skipped
// instead of blocking every later update.
func (a *Adapter) decodeUpdate(raw json.RawMessage) models.Update {
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		var id struct {
			ID int64 `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &id)
		a.logger.Warn("telegram: update not understood, skipped", "update_id", id.ID, "err", err)
		return models.Update{ID: id.ID}
	}
	return u
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
