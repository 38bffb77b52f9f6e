// Package telegram is the Telegram adapter: it long-polls the Bot API (or
// takes webhook calls), stores every update in the engine's inbox before
// Telegram is told it was received, and delivers the bot's messages as a
// bot.Sender. It is the only package that imports github.com/go-telegram/bot.
//
// The library's own poller confirms updates before its handlers finish and
// runs handlers concurrently, so this package polls getUpdates itself and
// uses the library for every other call: an update is confirmed (the next
// offset) only once bot.Receiver.Receive has stored it, and the engine
// handles each chat's messages in order.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// DefaultServerURL is the public Bot API server.
const DefaultServerURL = "https://api.telegram.org"

// Options configures an Adapter.
type Options struct {
	Token     string // the bot token; a secret, never logged
	ServerURL string // Bot API server; "" = DefaultServerURL
	// PollTimeout is how long one getUpdates call waits for updates
	// (default 25 s; whole seconds, at least 1 s).
	PollTimeout time.Duration
	Language    string // "zh-CN" (default) or "en": button labels and answers
	Logger      *slog.Logger
	// HTTPClient is used for every call; its Timeout must exceed PollTimeout.
	HTTPClient *http.Client
}

// Adapter connects one Telegram bot account to the engine.
type Adapter struct {
	api    *tg.Bot
	store  nb.Store
	opt    Options
	client *http.Client
	me     models.User
	logger *slog.Logger
	en     bool
	pause  func(ctx context.Context, d time.Duration) // between failed polls; tests replace it
	topics topics                                     // forum topics of recent messages
}

var _ bot.Sender = (*Adapter)(nil)

// New checks the token with getMe and returns the adapter.
func New(ctx context.Context, store nb.Store, o Options) (*Adapter, error) {
	if o.Token == "" {
		return nil, errors.New("telegram: no token")
	}
	if o.ServerURL == "" {
		o.ServerURL = DefaultServerURL
	}
	o.ServerURL = strings.TrimRight(o.ServerURL, "/")
	if o.PollTimeout < time.Second {
		o.PollTimeout = 25 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	client := o.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: o.PollTimeout + 15*time.Second}
	}
	a := &Adapter{store: store, opt: o, client: client, logger: o.Logger.With("platform", nb.PlatformTelegram),
		en: o.Language == "en", pause: sleep}
	api, err := tg.New(o.Token, tg.WithServerURL(o.ServerURL), tg.WithHTTPClient(o.PollTimeout, client),
		tg.WithSkipGetMe(), tg.WithErrorsHandler(func(err error) {
			a.logger.Error("telegram library", "err", a.redact(err))
		}))
	if err != nil {
		return nil, a.redact(fmt.Errorf("telegram: %w", err))
	}
	a.api = api
	me, err := api.GetMe(ctx)
	if err != nil {
		return nil, a.redact(fmt.Errorf("telegram: getMe: %w", err))
	}
	a.me = *me
	a.logger.Info("telegram bot ready", "username", me.Username, "bot_id", me.ID)
	return a, nil
}

// Username returns the bot's @username (without the @), from getMe.
func (a *Adapter) Username() string { return a.me.Username }

// redact removes the token from an error's text, keeping the error chain
// for errors.Is and errors.As.
func (a *Adapter) redact(err error) error {
	if err == nil || a.opt.Token == "" || !strings.Contains(err.Error(), a.opt.Token) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), a.opt.Token, "***"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// t picks the Chinese or English text.
func (a *Adapter) t(zh, en string) string {
	if a.en {
		return en
	}
	return zh
}

// Limits are the Bot API's documented sending limits, kept with a margin of
// 2 % for the network's jitter: about 30 messages a second in all, 20 a
// minute in one group, one a second in a private chat (a private chat's id
// is positive, a group's negative).
func Limits() bot.Limits {
	const margin = 102 // per cent
	return bot.Limits{
		Account:   []bot.Rate{{N: 30, Per: time.Second * margin / 100}},
		Group:     bot.Rate{N: 20, Per: time.Minute * margin / 100},
		Private:   bot.Rate{N: 1, Per: time.Second * margin / 100},
		IsPrivate: func(chatID string) bool { return !strings.HasPrefix(chatID, "-") },
	}
}
