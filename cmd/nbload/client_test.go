package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestClientHonoursRetryAfter: a 429 is counted, its Retry-After waited out
// (by every request), and the post is sent again.
func TestClientHonoursRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
		}
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0.3")
			http.Error(w, `{"error":"busy"}`, http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":42}`))
	}))
	defer srv.Close()
	cl := newClient(srv.URL, 4)
	defer cl.close()
	start := time.Now()
	id, err := cl.postMessage(context.Background(), "g", "小周", "+1", 7)
	if err != nil || id != 42 {
		t.Fatalf("postMessage = %d, %v", id, err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Errorf("sent again after %v, before Retry-After", waited)
	}
	if got := cl.errorCounts(); got["http_429"] != 1 || len(got) != 1 {
		t.Errorf("errors %v, want one http_429", got)
	}
}

// TestClientCountsErrors: other statuses fail at once and are counted by
// status; a server that is gone counts as refused.
func TestClientCountsErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"group not found"}`, http.StatusNotFound)
	}))
	cl := newClient(srv.URL, 4)
	defer cl.close()
	_, err := cl.postMessage(context.Background(), "g", "小周", "hi", 0)
	if se, ok := err.(*statusError); !ok || se.code != http.StatusNotFound {
		t.Fatalf("err = %v, want a 404 statusError", err)
	}
	srv.Close()
	if _, err := cl.messages(context.Background(), "g", 0, false); err == nil {
		t.Fatal("a closed server answered")
	}
	if got := cl.errorCounts(); got["http_404"] != 1 || got["connection_refused"] != 1 {
		t.Errorf("errors %v, want http_404 and connection_refused once each", got)
	}
}

func TestRetryAfter(t *testing.T) {
	for in, want := range map[string]time.Duration{"2": 2 * time.Second, "0.5": 500 * time.Millisecond, "": time.Second,
		"Wed, 21 Oct 2026 07:28:00 GMT": time.Second, "-1": time.Second, "99999": time.Second} {
		if got := retryAfter(in); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
