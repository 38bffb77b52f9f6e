package sandbox_test

import (
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

func TestPostGroup(t *testing.T) {
	t.Parallel()
	sb, _, rec := seeded(t)
	ctx := t.Context()

	id, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: " 刘大爷 ", Text: "44号楼前垃圾堆了三天没人管"})
	if err != nil {
		t.Fatal(err)
	}
	m := rec.next(t)
	if m.Platform != nb.PlatformSandbox || m.ChatID != group1 || m.ChatKind != nb.ChatGroup || m.ChatTitle != group1 ||
		m.SenderID != "刘大爷" || m.SenderName != "刘大爷" || m.ID != strconv.FormatInt(id, 10) ||
		m.Text != "44号楼前垃圾堆了三天没人管" || m.ReplyTo != "" || m.At.IsZero() {
		t.Errorf("received %+v", m)
	}

	reply, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: "陈女士", Text: "+1", ReplyTo: id})
	if err != nil {
		t.Fatal(err)
	}
	if m := rec.next(t); m.ReplyTo != strconv.FormatInt(id, 10) || m.ID != strconv.FormatInt(reply, 10) {
		t.Errorf("reply received as %+v", m)
	}

	msgs, err := sb.Messages(ctx, group1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].ID != id || msgs[0].From != "刘大爷" || msgs[0].FromBot ||
		msgs[1].ID != reply || msgs[1].ReplyTo != id {
		t.Errorf("messages %+v %+v", msgs[0], msgs[1])
	}
	if msgs, _ := sb.Messages(ctx, group1, id); len(msgs) != 1 || msgs[0].ID != reply {
		t.Errorf("messages after %d: %v", id, msgs)
	}
	if msgs, _ := sb.Messages(ctx, group2, 0); len(msgs) != 0 || msgs == nil {
		t.Errorf("other group: %v (want empty, non-nil)", msgs)
	}
}

func TestPostPrivate(t *testing.T) {
	t.Parallel()
	sb, _, rec := seeded(t)
	id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: "private", From: "新来的", Text: "#帮助"})
	if err != nil {
		t.Fatal(err)
	}
	m := rec.next(t)
	if m.ChatID != "private:新来的" || m.ChatKind != nb.ChatPrivate || m.SenderID != "新来的" {
		t.Errorf("received %+v", m)
	}
	msgs, err := sb.Messages(t.Context(), sandbox.PrivateKey("新来的"), 0)
	if err != nil || len(msgs) != 1 || msgs[0].ID != id {
		t.Fatalf("messages %v, %v", msgs, err)
	}
	// A private chat is not a group, and does not show up as one.
	_, err = sb.Post(t.Context(), sandbox.PostRequest{Chat: "private:新来的", From: "小周", Text: "hi"})
	wantCode(t, err, nb.ENOTFOUND)
	if chats, _ := sb.Chats(t.Context()); len(chats) != 2 {
		t.Errorf("chats %v", chats)
	}
}

func TestPostErrors(t *testing.T) {
	t.Parallel()
	sb, _, rec := seeded(t)
	ctx := t.Context()
	first, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: "小周", Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	rec.next(t)

	for _, tt := range []struct {
		name string
		req  sandbox.PostRequest
		code string
		msg  string
	}{
		{"no from", sandbox.PostRequest{Chat: group1, From: "  ", Text: "x"}, nb.EINVALID, "name required"},
		{"long from", sandbox.PostRequest{Chat: group1, From: strings.Repeat("名", 33), Text: "x"}, nb.EINVALID, "name too long (at most 32 characters)"},
		{"control in from", sandbox.PostRequest{Chat: group1, From: "a\x07b", Text: "x"}, nb.EINVALID, "name must not contain control characters"},
		{"bidi in from", sandbox.PostRequest{Chat: group1, From: "a\u202eb", Text: "x"}, nb.EINVALID, "name must not contain control characters"},
		{"bad utf8 from", sandbox.PostRequest{Chat: group1, From: "a\xffb", Text: "x"}, nb.EINVALID, "name is not valid text"},
		{"no chat", sandbox.PostRequest{From: "小周", Text: "x"}, nb.EINVALID, "chat required"},
		{"unknown group", sandbox.PostRequest{Chat: "没有这个群", From: "小周", Text: "x"}, nb.ENOTFOUND, `group "没有这个群" not found`},
		{"no text", sandbox.PostRequest{Chat: group1, From: "小周"}, nb.EINVALID, "text required"},
		{"blank text", sandbox.PostRequest{Chat: group1, From: "小周", Text: " \n\t　"}, nb.EINVALID, "text required"},
		{"huge text", sandbox.PostRequest{Chat: group1, From: "小周", Text: strings.Repeat("字", sandbox.MaxTextLen+1)}, nb.EINVALID, "text too long (100001 characters, at most 100000)"},
		{"missing reply", sandbox.PostRequest{Chat: group1, From: "小周", Text: "x", ReplyTo: 9999}, nb.EINVALID, "reply_to: message 9999 is not in this chat"},
		{"reply in other chat", sandbox.PostRequest{Chat: group2, From: "小周", Text: "x", ReplyTo: first}, nb.EINVALID, "reply_to: message 1 is not in this chat"},
		{"negative reply", sandbox.PostRequest{Chat: group1, From: "小周", Text: "x", ReplyTo: -1}, nb.EINVALID, "reply_to must be a message id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sb.Post(ctx, tt.req)
			wantCode(t, err, tt.code)
			if got := nb.ErrorMessage(err); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
		})
	}
	if msgs, _ := sb.Messages(ctx, group1, first); len(msgs) != 0 {
		t.Errorf("rejected posts were stored: %v", msgs)
	}
	select {
	case m := <-rec.got:
		t.Errorf("rejected post was received: %+v", m)
	default:
	}
}

func TestPostText(t *testing.T) {
	t.Parallel()
	sb, _, rec := seeded(t)
	long := strings.Repeat("长", 20_000) + "!"
	for _, tt := range []struct{ in, want string }{
		{"bad \xff\xfe utf8", "bad \uFFFD utf8"},
		{long, long},
		{"  spaced\nlines  ", "  spaced\nlines  "},
	} {
		if _, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: "小周", Text: tt.in}); err != nil {
			t.Fatal(err)
		}
		if m := rec.next(t); m.Text != tt.want {
			t.Errorf("received %.40q, want %.40q", m.Text, tt.want)
		}
	}
}

func TestPostWithoutReceiver(t *testing.T) {
	t.Parallel()
	db := openStore(t)
	if _, err := sandbox.SeedDemo(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New(db, nil)
	if id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: "小周", Text: "x"}); err != nil || id == 0 {
		t.Fatalf("Post = %d, %v", id, err)
	}
}

// TestFaultHoleImpersonationRefused: nobody posts as the bot, as a look-alike of
// another person made with invisible characters, or says nothing visible.
func TestFaultHoleImpersonationRefused(t *testing.T) {
	sb, _, _ := seeded(t)
	for _, tc := range []struct{ from, text string }{
		{sandbox.DefaultBotName, "我是机器人"},
		{"王书记\u200b", "我是书记"},
		{"王\u2066书记", "我是书记"},
		{"刘大爷", "\u200b\u200d\u2060"},
		{"刘大爷", " \u3164 "},
	} {
		_, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: tc.from, Text: tc.text})
		if nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("post as %q saying %q = %v; want EINVALID", tc.from, tc.text, err)
		}
	}
	if _, err := sb.CreatePerson(t.Context(), "邻里哨", nb.RoleOfficer, ""); nb.ErrorCode(err) != nb.EINVALID {
		t.Errorf("a person named as the bot = %v; want EINVALID", err)
	}
}
