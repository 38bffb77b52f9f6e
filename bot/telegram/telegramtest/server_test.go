package telegramtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRequestEncodings checks that the fake reads JSON and urlencoded
// bodies as well as the library's multipart ones.
func TestRequestEncodings(t *testing.T) {
	s := New(t)
	post := func(contentType, body string) {
		t.Helper()
		resp, err := http.Post(s.URL+"/bot"+Token+"/sendMessage", contentType, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", contentType, resp.StatusCode)
		}
	}
	post("application/json", `{"chat_id":-100,"text":"json","reply_parameters":{"message_id":7}}`)
	post("application/x-www-form-urlencoded", url.Values{"chat_id": {"-100"}, "text": {"form"}}.Encode())
	calls := s.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Fields["text"] != "json" || calls[0].Fields["chat_id"] != "-100" ||
		calls[0].Fields["reply_parameters"] != `{"message_id":7}` || calls[1].Fields["text"] != "form" {
		t.Fatalf("calls = %+v", calls)
	}
	resp, err := http.Post(s.URL+"/botWRONG/getMe", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
}
