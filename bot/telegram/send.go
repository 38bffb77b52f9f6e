package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Send delivers one message: a reply to the report it is about (so that in
// a forum it lands in the report's topic), with the followers to notify
// named first as text mentions (which reach people with no @username too),
// a photo when it carries one, and, in a private chat, buttons for the
// commands it suggests. A group that became a supergroup is recorded and
// the message sent there. Errors: *bot.RetryAfterError for 429, and
// *bot.PermanentError when the bot was removed, blocked or the chat is gone.
func (a *Adapter) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	chatID, err := strconv.ParseInt(m.ChatID, 10, 64)
	if err != nil {
		return "", &bot.PermanentError{Err: fmt.Errorf("telegram: bad chat id %q", m.ChatID)}
	}
	if err := a.checkActive(ctx, m.ChatID); err != nil {
		return "", err
	}
	if press, ok := parsePressID(m.ReplyTo); ok {
		return a.answerPress(ctx, chatID, press, m.Text)
	}
	id, err := a.send(ctx, chatID, m)
	var mig *tg.MigrateError
	if errors.As(err, &mig) {
		to := strconv.FormatInt(int64(mig.MigrateToChatID), 10)
		if err := a.migrate(ctx, m.ChatID, to); err != nil {
			return "", &bot.ChatMigratedError{OldChatID: m.ChatID, NewChatID: to}
		}
		id, err = a.send(ctx, int64(mig.MigrateToChatID), m)
	}
	if err != nil {
		return "", a.mapError(err)
	}
	return strconv.Itoa(id), nil
}

// send makes one sendMessage (or sendPhoto) call.
func (a *Adapter) send(ctx context.Context, chatID int64, m bot.OutMessage) (int, error) {
	text, entities := a.withMentions(ctx, m.Text, m.Mentions)
	text = limitUTF16(text, maxText)
	var reply *models.ReplyParameters
	thread := 0
	if n, err := strconv.Atoi(m.ReplyTo); err == nil && n > 0 {
		reply = &models.ReplyParameters{MessageID: n, AllowSendingWithoutReply: true}
		thread = a.topics.of(chatID, n)
	}
	var markup models.ReplyMarkup
	if chatID > 0 { // a private chat
		if kb := a.keyboard(m.Text); kb != nil {
			markup = kb
		}
	}
	if photo := firstPhoto(m.Attachments); photo != nil && len([]rune(text)) <= 1024 {
		sent, err := a.api.SendPhoto(ctx, &tg.SendPhotoParams{ChatID: chatID, MessageThreadID: thread,
			Photo: &models.InputFileString{Data: photo.FileRef}, Caption: text, CaptionEntities: entities,
			ReplyParameters: reply, ReplyMarkup: markup})
		if err != nil {
			return 0, err
		}
		a.topics.remember(chatID, sent.ID, thread)
		return sent.ID, nil
	}
	sent, err := a.api.SendMessage(ctx, &tg.SendMessageParams{ChatID: chatID, MessageThreadID: thread, Text: text,
		Entities: entities, ReplyParameters: reply, ReplyMarkup: markup,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()}})
	if err != nil {
		return 0, err
	}
	a.topics.remember(chatID, sent.ID, thread)
	return sent.ID, nil
}

func firstPhoto(list []nb.Attachment) *nb.Attachment {
	for i := range list {
		if list[i].Kind == "photo" && list[i].FileRef != "" {
			return &list[i]
		}
	}
	return nil
}

// withMentions puts "@Name " before text for every mentioned user, each a
// text_mention entity (offsets in UTF-16 units, as Telegram counts).
func (a *Adapter) withMentions(ctx context.Context, text string, ids []string) (string, []models.MessageEntity) {
	if len(ids) == 0 {
		return text, nil
	}
	names := a.names(ctx, ids)
	var b strings.Builder
	var entities []models.MessageEntity
	for _, id := range ids {
		uid, err := strconv.ParseInt(id, 10, 64)
		if err != nil || uid <= 0 { // an anonymous admin cannot be mentioned
			continue
		}
		name := "@" + names[id]
		entities = append(entities, models.MessageEntity{Type: models.MessageEntityTypeTextMention,
			Offset: utf16Len(b.String()), Length: utf16Len(name), User: &models.User{ID: uid}})
		b.WriteString(name + " ")
	}
	return b.String() + text, entities
}

// names looks up the display names of Telegram users; one not known is
// called "邻居" (neighbour).
func (a *Adapter) names(ctx context.Context, ids []string) map[string]string {
	names := make(map[string]string, len(ids))
	err := a.store.View(ctx, func(tx nb.Tx) error {
		for _, id := range ids {
			if p, err := tx.FindPersonByIdentity(nb.PlatformTelegram, id); err == nil && p.Name != "" {
				names[id] = p.Name
			}
		}
		return nil
	})
	if err != nil {
		a.logger.Warn("telegram: look up names", "err", err)
	}
	for _, id := range ids {
		if names[id] == "" {
			names[id] = a.t("邻居", "neighbour")
		}
	}
	return names
}

// mapError turns a Bot API error into what the engine acts on.
func (a *Adapter) mapError(err error) error {
	var tmr *tg.TooManyRequestsError
	switch {
	case errors.As(err, &tmr):
		return &bot.RetryAfterError{After: time.Duration(max(tmr.RetryAfter, 1)) * time.Second}
	case errors.Is(err, tg.ErrorForbidden), errors.Is(err, tg.ErrorBadRequest):
		// kicked, blocked, chat not found, message too long: trying again
		// cannot help. The first three mean the chat is out of reach.
		gone := errors.Is(err, tg.ErrorForbidden) || strings.Contains(strings.ToLower(err.Error()), "chat not found")
		return &bot.PermanentError{Err: a.redact(fmt.Errorf("telegram: %w", err)), ChatGone: gone}
	}
	return a.redact(fmt.Errorf("telegram: %w", err))
}

// checkActive refuses to post to a chat the bot was removed from.
func (a *Adapter) checkActive(ctx context.Context, chatID string) error {
	var c *nb.Chat
	err := a.store.View(ctx, func(tx nb.Tx) (err error) {
		c, err = tx.FindChat(nb.PlatformTelegram, chatID)
		return err
	})
	switch {
	case nb.ErrorCode(err) == nb.ENOTFOUND:
		return nil
	case err != nil:
		return fmt.Errorf("telegram: %w", err)
	case c.Inactive:
		return &bot.PermanentError{Err: fmt.Errorf("telegram: the bot was removed from chat %s", chatID)}
	}
	return nil
}

// maxText is Telegram's limit on a message's text, in UTF-16 units.
const maxText = 4096

// limitUTF16 cuts s to at most n UTF-16 units, ending it with "…" if cut.
func limitUTF16(s string, n int) string {
	if utf16Len(s) <= n {
		return s
	}
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n-1 {
			return s[:i] + "…"
		}
		units += w
	}
	return s
}
