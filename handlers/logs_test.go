package handlers_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
	"log/slog"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := strings.Split(strings.TrimSpace(s.b.String()), "\n")
	s.b.Reset()
	if len(out) == 1 && out[0] == "" {
		return nil
	}
	return out
}

// One info line per handled report (case, category, latency), nothing at
// info per chit-chat message, and never a message text or a unit name
// someone typed; no JSON record repeats a key.
func TestLogLines(t *testing.T) {
	w := newWorld(t)
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := handlers.New(model, handlers.Config{})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover, bot.Log),
		bot.WithClock(func() time.Time { return w.now }), bot.WithLogger(logger))
	w.e.RegisterSender(nb.PlatformSandbox, w.out)

	send := func(from, text string) []string {
		t.Helper()
		w.seq++
		m := bot.Message{Platform: nb.PlatformSandbox, ChatID: "g1", ChatKind: nb.ChatGroup, SenderID: from,
			SenderName: from, ID: "log" + itoa(int64(w.seq)), Text: text, At: w.now.Add(-1500 * time.Millisecond)}
		if err := w.e.Receive(w.ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := w.e.ProcessPending(w.ctx); err != nil {
			t.Fatal(err)
		}
		return logs.take()
	}
	check := func(lines []string, secrets ...string) (info []map[string]any) {
		t.Helper()
		for _, l := range lines {
			for _, s := range secrets {
				if strings.Contains(l, s) {
					t.Errorf("the log holds %q: %s", s, l)
				}
			}
			if key := repeatedKey(l); key != "" {
				t.Errorf("the key %s repeats: %s", key, l)
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatal(err)
			}
			if rec["level"] != "DEBUG" {
				info = append(info, rec)
			}
		}
		return info
	}

	info := check(send("居民甲", "今天天气真好，大家吃了吗"), "天气")
	if len(info) != 0 {
		t.Fatalf("chit-chat must log nothing at info: %v", info)
	}
	info = check(send("居民甲", "#报事 5号楼门口垃圾三天没人收 电话13812345678"), "垃圾", "13812345678")
	if len(info) != 1 || info[0]["msg"] != "report registered" || info[0]["case"] != float64(1) ||
		info[0]["category"] != "环境卫生" || info[0]["latency"] != float64(1500*time.Millisecond) {
		t.Fatalf("want one info line with case, category and latency: %v", info)
	}
	info = check(send("居民乙", "5号楼门口垃圾三天没人收了"), "垃圾")
	if len(info) != 1 || info[0]["msg"] != "report joined a case" || info[0]["case"] != float64(1) || info[0]["latency"] == nil {
		t.Fatalf("a second report of the same thing: one info line, the case it joined: %v", info)
	}
	info = check(send("居民乙", "哈哈"), "哈哈")
	if len(info) != 0 {
		t.Fatalf("chit-chat must log nothing at info: %v", info)
	}
	info = check(send("书记", "#立项 1 秘密单位名"), "秘密单位名")
	if len(info) != 1 || info[0]["reason"] != "unit_not_found" {
		t.Fatalf("a refusal is logged by its reason only: %v", info)
	}
}

// repeatedKey returns a key that appears twice in the JSON object record
// (at its top level), or "".
func repeatedKey(record string) string {
	dec := json.NewDecoder(strings.NewReader(record))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		key, _ := tok.(string)
		if seen[key] {
			return key
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return ""
		}
	}
	return ""
}

func TestRepeatedKey(t *testing.T) {
	for rec, want := range map[string]string{
		`{"msg":"a","platform":"x","platform":"y"}`:   "platform",
		`{"msg":"a","n":{"platform":1},"platform":2}`: "",
		`{"msg":"a","err":"x"}`:                       "",
	} {
		if got := repeatedKey(rec); got != want {
			t.Errorf("repeatedKey(%s) = %q, want %q", rec, got, want)
		}
	}
}
