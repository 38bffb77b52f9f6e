package telegram

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// HandleUpdate records one update: a message (or its edit, or a button
// press) goes to recv; the bot's removal or return and a group's migration
// to a supergroup are written to the store. It returns an error only when
// the update could not be recorded and must be fetched again; an update
// that makes no sense is logged and dropped.
func (a *Adapter) HandleUpdate(ctx context.Context, recv bot.Receiver, u *models.Update) error {
	var err error
	switch {
	case u.Message != nil:
		err = a.onMessage(ctx, recv, u.Message, false)
	case u.EditedMessage != nil:
		err = a.onMessage(ctx, recv, u.EditedMessage, true)
	case u.CallbackQuery != nil:
		err = a.onCallback(ctx, recv, u.CallbackQuery)
	case u.MyChatMember != nil:
		err = a.onMembership(ctx, u.MyChatMember)
	}
	if err != nil && nb.ErrorCode(err) != nb.EINTERNAL {
		a.logger.Warn("telegram: update dropped", "update_id", u.ID, "err", err)
		return nil
	}
	return err
}

// onMessage records a message, or handles the service message of a group
// that became a supergroup.
func (a *Adapter) onMessage(ctx context.Context, recv bot.Receiver, m *models.Message, edited bool) error {
	chat := strconv.FormatInt(m.Chat.ID, 10)
	switch {
	case m.MigrateToChatID != 0:
		return a.migrate(ctx, chat, strconv.FormatInt(m.MigrateToChatID, 10))
	case m.MigrateFromChatID != 0:
		return a.migrate(ctx, strconv.FormatInt(m.MigrateFromChatID, 10), chat)
	case m.From != nil && m.From.ID == a.me.ID:
		return nil
	}
	msg, ok := a.toMessage(m)
	if !ok {
		return nil
	}
	if edited {
		msg.EditOf = msg.ID
		msg.ID += ".edit" + strconv.Itoa(m.EditDate)
	}
	return recv.Receive(ctx, msg)
}

// toMessage converts a Telegram message; ok is false when it has no sender.
func (a *Adapter) toMessage(m *models.Message) (bot.Message, bool) {
	msg := bot.Message{Platform: nb.PlatformTelegram, ChatID: strconv.FormatInt(m.Chat.ID, 10),
		ChatKind: nb.ChatGroup, ChatTitle: m.Chat.Title, ID: strconv.Itoa(m.ID), At: time.Unix(int64(m.Date), 0)}
	switch {
	case m.From != nil && !m.From.IsBot:
		msg.SenderID, msg.SenderName = strconv.FormatInt(m.From.ID, 10), displayName(m.From)
	case m.SenderChat != nil: // an anonymous group admin
		msg.SenderID, msg.SenderName = "chat"+strconv.FormatInt(m.SenderChat.ID, 10), m.SenderChat.Title
	default:
		return msg, false
	}
	if m.Chat.Type == models.ChatTypePrivate {
		msg.ChatKind = nb.ChatPrivate
	}
	a.topics.rememberMessage(m)
	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	msg.Text = a.stripBotName(text)
	for _, e := range entities {
		if e.Type == models.MessageEntityTypeTextMention && e.User != nil {
			msg.Mentions = append(msg.Mentions, strconv.FormatInt(e.User.ID, 10))
		}
	}
	// In a forum every topic message "replies" to the topic's creation.
	if r := m.ReplyToMessage; r != nil && r.ForumTopicCreated == nil {
		msg.ReplyTo = strconv.Itoa(r.ID)
		if r.From != nil && !r.From.IsBot {
			msg.ReplyToSender = strconv.FormatInt(r.From.ID, 10)
		}
	}
	if p := largestPhoto(m.Photo); p != nil {
		msg.Attachments = []nb.Attachment{{Kind: "photo", FileRef: p.FileID, Size: int64(p.FileSize), MIMEType: "image/jpeg"}}
		if msg.Text == "" && msg.ReplyTo != "" { // a photo added to the case replied to
			msg.Text = photoPlaceholder
		}
	}
	return msg, true
}

// photoPlaceholder is the text of a photo sent without a caption as a
// reply (the engine takes no message without text).
const photoPlaceholder = "[照片]"

// stripBotName turns "/status@ourbot 12" into "/status 12", so that the
// command menu's group form works whatever name the config gives the bot.
func (a *Adapter) stripBotName(text string) string {
	if !strings.HasPrefix(text, "/") || a.me.Username == "" {
		return text
	}
	end := strings.IndexAny(text, " \n\t")
	if end < 0 {
		end = len(text)
	}
	verb, at, ok := strings.Cut(text[:end], "@")
	if !ok || !strings.EqualFold(at, a.me.Username) {
		return text
	}
	return verb + text[end:]
}

// displayName is a user's full name, or their username.
func displayName(u *models.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	return name
}

func largestPhoto(sizes []models.PhotoSize) *models.PhotoSize {
	var best *models.PhotoSize
	for i := range sizes {
		if best == nil || sizes[i].Width*sizes[i].Height > best.Width*best.Height {
			best = &sizes[i]
		}
	}
	return best
}

// onMembership marks a group the bot was removed from inactive, and active
// again when it is added back.
func (a *Adapter) onMembership(ctx context.Context, u *models.ChatMemberUpdated) error {
	kind := nb.ChatGroup
	if u.Chat.Type == models.ChatTypePrivate {
		kind = nb.ChatPrivate
	}
	status := u.NewChatMember.Type
	active := status != models.ChatMemberTypeLeft && status != models.ChatMemberTypeBanned
	a.logger.Info("telegram: bot membership changed", "chat", u.Chat.ID, "status", status)
	return a.store.Update(ctx, func(tx nb.Tx) error {
		return tx.SetChatActive(nb.PlatformTelegram, strconv.FormatInt(u.Chat.ID, 10), kind, active)
	})
}

// migrate records that a group moved to a supergroup id.
func (a *Adapter) migrate(ctx context.Context, from, to string) error {
	a.logger.Info("telegram: group migrated to a supergroup", "from", from, "to", to)
	return a.store.Update(ctx, func(tx nb.Tx) error { return tx.MigrateChat(nb.PlatformTelegram, from, to) })
}

// utf16Len is the length of s in UTF-16 code units, as Telegram measures
// entity offsets.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
