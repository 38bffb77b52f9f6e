package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

func TestWriteError(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err    error
		status int
		msg    string
		logged bool
	}{
		{nb.Errorf(nb.ENOTFOUND, "group %q not found", "x"), 404, `group "x" not found`, false},
		{fmt.Errorf("sandbox: post: %w", nb.Errorf(nb.EINVALID, "text required")), 400, "text required", false},
		{nb.Errorf(nb.ECONFLICT, "exists"), 409, "exists", false},
		{nb.Errorf(nb.EFORBIDDEN, "officers only"), 403, "officers only", false},
		{errors.New("database is locked at /secret/path"), 500, "internal error", true},
		{nb.Errorf(nb.EINTERNAL, "boom"), 500, "internal error", true},
	} {
		var logs bytes.Buffer
		s := &Server{logger: slog.New(slog.NewTextHandler(&logs, nil))}
		w := httptest.NewRecorder()
		s.writeError(w, httptest.NewRequest("GET", "/api/x", nil), tt.err)
		var body errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if w.Code != tt.status || body.Error != tt.msg {
			t.Errorf("%v: %d %q, want %d %q", tt.err, w.Code, body.Error, tt.status, tt.msg)
		}
		if logged := strings.Contains(logs.String(), "level=ERROR"); logged != tt.logged {
			t.Errorf("%v: logged %v, want %v: %s", tt.err, logged, tt.logged, logs.String())
		}
	}
}

func TestWriteErrorCancelled(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	s := &Server{logger: slog.New(slog.NewTextHandler(&logs, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	s.writeError(w, httptest.NewRequest("GET", "/api/x", nil).WithContext(ctx), fmt.Errorf("list: %w", context.Canceled))
	if w.Code != 503 || logs.Len() != 0 {
		t.Errorf("cancelled request: %d, logs %q", w.Code, logs.String())
	}
}
