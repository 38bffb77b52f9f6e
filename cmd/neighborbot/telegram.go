package main

import (
	"context"
	"log/slog"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram"
	"github.com/neighborbot/neighborbot/config"
)

// newTelegram connects to the Bot API when Telegram is enabled (nil if
// not) and makes the bot's @username the one commands may carry.
func newTelegram(ctx context.Context, cfg *config.Config, db nb.Store, logger *slog.Logger) (*telegram.Adapter, error) {
	if !cfg.Telegram.Enabled {
		return nil, nil
	}
	tg, err := telegram.New(ctx, db, telegram.Options{Token: cfg.Telegram.Token, ServerURL: cfg.Telegram.ServerURL,
		Language: cfg.Language, Logger: logger})
	if err != nil {
		return nil, err
	}
	cfg.BotUsername = tg.Username()
	return tg, nil
}

// telegramRunner long-polls, or serves the webhook when one is configured.
func telegramRunner(cfg config.Config, tg *telegram.Adapter, recv bot.Receiver, logger *slog.Logger) func(context.Context) {
	t := cfg.Telegram
	return func(ctx context.Context) {
		var err error
		if t.WebhookURL != "" {
			err = tg.RunWebhook(ctx, recv, t.WebhookAddr, t.WebhookURL, t.WebhookSecret)
		} else {
			err = tg.Run(ctx, recv)
		}
		if err != nil {
			logger.Error("telegram stopped", "err", err)
		}
	}
}
