package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/neighborbot/neighborbot/bot"
)

// secretHeader carries the webhook's secret token.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookHandler takes Telegram's webhook calls: a call without the secret
// gets 401, and an update is answered 200 only once recv stored it, so
// that Telegram sends it again after a failure (the library's own handler
// always answers 200 and checks the secret after).
func (a *Adapter) WebhookHandler(recv bot.Receiver, secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if secret == "" || subtle.ConstantTimeCompare([]byte(r.Header.Get(secretHeader)), []byte(secret)) != 1 {
			a.logger.Warn("telegram: webhook call without the secret", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var u models.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, 8<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := a.HandleUpdate(r.Context(), recv, &u); err != nil {
			a.logger.Error("telegram: webhook update not stored", "update_id", u.ID, "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// SetWebhook points Telegram at url with secret. One connection at a time
// keeps each chat's updates in order.
func (a *Adapter) SetWebhook(ctx context.Context, url, secret string) error {
	_, err := a.api.SetWebhook(ctx, &tg.SetWebhookParams{URL: url, SecretToken: secret, MaxConnections: 1,
		AllowedUpdates: []string{"message", "edited_message", "callback_query", "my_chat_member"}})
	return a.redact(err)
}

// deleteWebhook switches Telegram back to getUpdates (which fails while a
// webhook is set), keeping pending updates.
func (a *Adapter) deleteWebhook(ctx context.Context) {
	if _, err := a.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
		a.logger.Warn("telegram: deleteWebhook failed", "err", a.redact(err))
	}
}

// RunWebhook registers the menu and the webhook, then serves Telegram's
// calls on addr until ctx ends.
func (a *Adapter) RunWebhook(ctx context.Context, recv bot.Receiver, addr, url, secret string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("telegram: webhook: %w", err)
	}
	srv := &http.Server{Handler: a.WebhookHandler(recv, secret), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	a.SetCommands(ctx)
	if err := a.SetWebhook(ctx, url, secret); err != nil {
		a.logger.Error("telegram: setWebhook failed", "err", err)
	}
	select {
	case <-ctx.Done():
	case err := <-done:
		return fmt.Errorf("telegram: webhook: %w", err)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	<-done
	return err
}
