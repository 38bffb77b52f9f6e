package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/neighborbot/neighborbot/web"
)

// /metrics answers loopback clients only, unless a token is set, which
// every client must then send; Open311 and metrics are 404 when not mounted.
func TestMetricsAccess(t *testing.T) {
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("m 1\n")) })
	get := func(s *web.Server, path, remote, auth string) int {
		req := httptest.NewRequest("GET", path, nil)
		req.Host, req.RemoteAddr = "127.0.0.1:8080", remote
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	bare := web.New("127.0.0.1:0", nil, nil)
	if c := get(bare, "/metrics", "127.0.0.1:5000", ""); c != 404 {
		t.Errorf("metrics not mounted: %d", c)
	}
	if c := get(bare, "/open311/v2/services.json", "127.0.0.1:5000", ""); c != 404 {
		t.Errorf("Open311 not mounted: %d", c)
	}

	local := web.New("127.0.0.1:0", nil, nil)
	local.SetMetrics(metrics, "")
	for remote, want := range map[string]int{"127.0.0.1:5000": 200, "[::1]:5000": 200, "192.0.2.7:5000": 403} {
		if c := get(local, "/metrics", remote, ""); c != want {
			t.Errorf("no token, from %s: %d, want %d", remote, c, want)
		}
	}

	tok := web.New("127.0.0.1:0", nil, nil)
	tok.SetMetrics(metrics, "s3cret")
	for _, tc := range []struct {
		remote, auth string
		want         int
	}{{"192.0.2.7:5000", "Bearer s3cret", 200}, {"127.0.0.1:5000", "", 401}, {"192.0.2.7:5000", "Bearer wrong", 401},
		{"192.0.2.7:5000", "s3cret", 401}} {
		if c := get(tok, "/metrics", tc.remote, tc.auth); c != tc.want {
			t.Errorf("token, from %s with %q: %d, want %d", tc.remote, tc.auth, c, tc.want)
		}
	}
}
