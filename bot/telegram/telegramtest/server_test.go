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

// TestQuietOnSend: a quiet fake records nothing, tells OnSend of every
// send with its reply-to, and gives ids from one sequence with
// NextMessageID.
func TestQuietOnSend(t *testing.T) {
	s := Start()
	defer s.Close()
	s.Quiet()
	var got []Sent
	s.OnSend(func(m Sent) { got = append(got, m) })
	first := s.NextMessageID()
	for i, body := range []string{
		`{"chat_id":-5,"text":"a","reply_parameters":{"message_id":7}}`,
		`{"chat_id":-5,"text":"b","reply_to_message_id":8}`,
	} {
		resp, err := http.Post(s.URL+"/bot"+Token+"/sendMessage", "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("send %d: %v %v", i, resp, err)
		}
		resp.Body.Close()
	}
	want := []Sent{{Chat: -5, ID: first + 1, Text: "a", ReplyTo: 7}, {Chat: -5, ID: first + 2, Text: "b", ReplyTo: 8}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("sent %+v, want %+v", got, want)
	}
	if n := len(s.Calls("")); n != 0 {
		t.Fatalf("a quiet fake recorded %d calls", n)
	}
}
