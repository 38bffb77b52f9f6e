// Package sandbox is the built-in chat platform: simulated group chats and
// people, kept in the store and shown by the web sandbox page, so that anyone
// can try the bot without a WeChat or Telegram account.
//
// In the sandbox a person's platform id is their name, a group's chat id is
// its title, and a private chat with the bot has the id "private:<name>".
package sandbox

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// DefaultBotName is the name the bot's messages carry.
const DefaultBotName = "邻里哨"

// DefaultWaitTimeout is how long Wait waits for a new message.
const DefaultWaitTimeout = 25 * time.Second

// Platform is the sandbox chat platform. It stores every line of every
// sandbox chat, hands people's messages to a bot.Receiver, delivers the
// bot's messages as a bot.Sender, and wakes long-polling readers.
type Platform struct {
	store       nb.Store
	recv        bot.Receiver
	botName     string
	logger      *slog.Logger
	waitTimeout time.Duration
	hub         *hub
	posts       *bot.GroupCommit
	// grantsRefused, when set, is why the people API may create only
	// residents (a real platform is enabled: a sandbox officer would act
	// on its chats' cases).
	grantsRefused string
	groups        sync.Map     // keys of groups known to exist (CheckChat)
	notifier      bot.Notifier // new lines shared with other processes (nil: none)
}

var _ bot.TxSender = (*Platform)(nil)

// Option configures a Platform.
type Option func(*Platform)

// WithBotName sets the name shown on the bot's messages (default "邻里哨").
func WithBotName(name string) Option {
	return func(p *Platform) { p.botName = name }
}

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(p *Platform) { p.logger = l }
}

// WithWaitTimeout sets how long Wait waits before it returns an empty list
// (default 25 s).
func WithWaitTimeout(d time.Duration) Option {
	return func(p *Platform) { p.waitTimeout = d }
}

// WithoutGrants makes the people API refuse every role but resident, with
// reason as the error: use it when a real chat platform is enabled, where
// roles come only from invite codes.
func WithoutGrants(reason string) Option {
	return func(p *Platform) { p.grantsRefused = reason }
}

// New returns a sandbox platform over store that hands incoming messages to
// recv. recv may be nil, in which case messages are only stored.
func New(store nb.Store, recv bot.Receiver, opts ...Option) *Platform {
	p := &Platform{
		store:       store,
		recv:        recv,
		botName:     DefaultBotName,
		logger:      slog.Default(),
		waitTimeout: DefaultWaitTimeout,
		hub:         newHub(),
		posts:       bot.NewGroupCommit(store),
	}
	for _, o := range opts {
		o(p)
	}
	return p
}

// BotName returns the name the bot's messages carry.
func (p *Platform) BotName() string { return p.botName }

// Send delivers a bot message to a sandbox chat in a transaction of its own
// (the engine uses SendTx instead) and wakes the chat's readers.
func (p *Platform) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	var id string
	err := p.store.Update(ctx, func(tx nb.Tx) (err error) {
		id, err = p.SendTx(tx, m)
		return err
	})
	if err != nil {
		return "", err
	}
	p.Delivered(m, id)
	return id, nil
}

// SendTx stores a bot message in a sandbox chat within tx, with the
// mentioned people prefixed as "@name ", and returns its id in decimal, so
// that the engine records it as sent in the same transaction. A ReplyTo
// that is not a message of the same chat is dropped.
func (p *Platform) SendTx(tx nb.Tx, m bot.OutMessage) (string, error) {
	if m.Platform != "" && m.Platform != nb.PlatformSandbox {
		return "", &bot.PermanentError{Err: fmt.Errorf("sandbox: cannot send to platform %q", m.Platform)}
	} else if m.ChatID == "" {
		return "", &bot.PermanentError{Err: fmt.Errorf("sandbox: no chat id")}
	}
	var prefix strings.Builder
	for _, name := range m.Mentions {
		if name != "" {
			prefix.WriteString("@" + name + " ")
		}
	}
	msg := &nb.SandboxMessage{ChatKey: m.ChatID, From: p.botName, FromBot: true, Text: prefix.String() + m.Text}
	id, err := replyTarget(tx, m.ChatID, m.ReplyTo)
	if err != nil {
		return "", fmt.Errorf("sandbox: send: %w", err)
	}
	msg.ReplyTo = id
	if err := tx.AppendSandboxMessage(msg); err != nil {
		return "", fmt.Errorf("sandbox: send: %w", err)
	}
	return strconv.FormatInt(msg.ID, 10), nil
}

// Delivered wakes the readers of the chat a committed message went to.
func (p *Platform) Delivered(m bot.OutMessage, messageID string) {
	id, _ := strconv.ParseInt(messageID, 10, 64)
	p.lineAdded(m.ChatID, id)
}

// replyTarget returns the id of the message replyTo names if it belongs to
// chatKey, and 0 otherwise.
func replyTarget(tx nb.Tx, chatKey, replyTo string) (int64, error) {
	id, err := strconv.ParseInt(replyTo, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil
	}
	orig, err := tx.FindSandboxMessage(id)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return 0, nil
	} else if err != nil {
		return 0, err
	} else if orig.ChatKey != chatKey {
		return 0, nil
	}
	return id, nil
}
