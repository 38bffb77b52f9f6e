package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestEveryErrorIsJSON: unknown paths (404), wrong methods (405), refused
// cross-origin posts (403) and a poll of a group that does not exist (404,
// as the POST answers) all answer {"error": "..."}.
func TestEveryErrorIsJSON(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	for _, tc := range []struct {
		method, path string
		header       map[string]string
		status       int
		want, allow  string
	}{
		{"GET", "/api/nothing", nil, 404, "nothing at /api/nothing", ""},
		{"GET", "/favicon.ico", nil, 404, "nothing at /favicon.ico", ""},
		{"DELETE", "/api/sandbox/messages", nil, 405, "method DELETE not allowed here; use GET or HEAD or POST", "GET, HEAD, POST"},
		{"POST", "/healthz", nil, 405, "method POST not allowed here", "GET, HEAD"},
		{"POST", "/api/sandbox/messages", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			403, "cross-origin request refused", ""},
		{"GET", "/api/sandbox/messages?chat=" + "无此群", nil, 404, `group "无此群" not found`, ""},
		{"GET", "/api/sandbox/messages?chat=" + "无此群" + "&wait=1", nil, 404, `group "无此群" not found`, ""},
	} {
		req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range tc.header {
			req.Header.Set(k, v)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Error string }
		decodeErr := json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || decodeErr != nil || !strings.Contains(body.Error, tc.want) ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: %d %q (%v, %s), want %d %q", tc.method, tc.path, resp.StatusCode, body.Error, decodeErr,
				resp.Header.Get("Content-Type"), tc.status, tc.want)
		}
		if got := resp.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
	}
	var msgs []message
	if st := call(t, ts, "GET", "/api/sandbox/messages?chat=private:nobody", nil, &msgs); st != 200 {
		t.Errorf("a private chat not opened yet is empty, not missing: %d", st)
	}
}
