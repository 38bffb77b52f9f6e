package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-telegram/bot/models"
)

// TestWebhook checks the secret header, that an update is answered 200
// only once stored (503 otherwise, so Telegram sends it again), and the
// setWebhook call.
func TestWebhook(t *testing.T) {
	f := newFixture(t)
	rec := newRecorder()
	const secret = "s3cret-token_for-tests"
	srv := httptest.NewServer(f.a.WebhookHandler(rec, secret))
	defer srv.Close()
	post := func(header string, body []byte) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set(secretHeader, header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update, _ := json.Marshal(models.Update{ID: 5, Message: f.api.NewMessage(supergroup, resident, "路灯坏了")})

	if code := post("", update); code != http.StatusUnauthorized {
		t.Fatalf("no secret: %d", code)
	}
	if code := post("wrong-secret-token-xx", update); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d", code)
	}
	if code := post(secret, []byte("{not json")); code != http.StatusBadRequest {
		t.Fatalf("bad JSON: %d", code)
	}
	rec.fail = 1
	if code := post(secret, update); code != http.StatusServiceUnavailable {
		t.Fatalf("store failed: %d", code)
	}
	if code := post(secret, update); code != http.StatusOK {
		t.Fatalf("stored: %d", code)
	}
	if len(rec.msgs) != 1 || rec.msgs[0].Text != "路灯坏了" {
		t.Fatalf("received %+v", rec.msgs)
	}

	if err := f.a.SetWebhook(context.Background(), "https://bot.example.org/tg", secret); err != nil {
		t.Fatal(err)
	}
	call := f.api.Calls("setWebhook")[0]
	if call.Fields["url"] != "https://bot.example.org/tg" || call.Fields["secret_token"] != secret || call.Fields["max_connections"] != "1" {
		t.Fatalf("setWebhook = %v", call.Fields)
	}
}
