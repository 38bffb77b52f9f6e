package sandbox_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

func TestSend(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t, sandbox.WithBotName("测试哨"))
	ctx := t.Context()
	orig, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: "刘大爷", Text: "楼道灯坏了"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := sb.Post(ctx, sandbox.PostRequest{Chat: group2, From: "小周", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name      string
		out       bot.OutMessage
		wantText  string
		wantReply int64
	}{
		{"reply with mentions", bot.OutMessage{Platform: nb.PlatformSandbox, ChatID: group1, Text: "收到，已登记 #1",
			ReplyTo: strconv.FormatInt(orig, 10), Mentions: []string{"刘大爷", "陈女士"}}, "@刘大爷 @陈女士 收到，已登记 #1", orig},
		{"plain", bot.OutMessage{ChatID: group1, Text: "通知"}, "通知", 0},
		{"reply to garbage", bot.OutMessage{ChatID: group1, Text: "a", ReplyTo: "abc"}, "a", 0},
		{"reply to missing", bot.OutMessage{ChatID: group1, Text: "b", ReplyTo: "99999"}, "b", 0},
		{"reply to other chat", bot.OutMessage{ChatID: group1, Text: "c", ReplyTo: strconv.FormatInt(other, 10)}, "c", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			last, _ := sb.Messages(ctx, group1, 0)
			sid, err := sb.Send(ctx, tt.out)
			if err != nil {
				t.Fatal(err)
			}
			msgs, err := sb.Messages(ctx, group1, last[len(last)-1].ID)
			if err != nil || len(msgs) != 1 {
				t.Fatalf("messages %v, %v", msgs, err)
			}
			m := msgs[0]
			if strconv.FormatInt(m.ID, 10) != sid || !m.FromBot || m.From != "测试哨" || m.Text != tt.wantText || m.ReplyTo != tt.wantReply {
				t.Errorf("stored %+v (id %s)", m, sid)
			}
		})
	}
}

func TestSendRejects(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t)
	var perm *bot.PermanentError
	if _, err := sb.Send(t.Context(), bot.OutMessage{Platform: nb.PlatformTelegram, ChatID: group1, Text: "x"}); !errors.As(err, &perm) {
		t.Errorf("other platform: %v, want PermanentError", err)
	}
	if _, err := sb.Send(t.Context(), bot.OutMessage{Text: "x"}); !errors.As(err, &perm) {
		t.Errorf("no chat: %v, want PermanentError", err)
	}
}

// failing is a receiver that cannot store messages.
type failing struct{}

func (failing) Receive(context.Context, bot.Message) error { return errors.New("disk full") }

func TestPostReceiverFails(t *testing.T) {
	t.Parallel()
	db := openStore(t)
	if _, err := sandbox.SeedDemo(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New(db, failing{})
	id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: "小周", Text: "x"})
	if err == nil || nb.ErrorCode(err) != nb.EINTERNAL || id == 0 {
		t.Fatalf("Post = %d, %v; want the id and an internal error", id, err)
	}
}

// replier answers every message through the platform, from inside Receive,
// the way a synchronous engine might.
type replier struct{ sb *sandbox.Platform }

func (r *replier) Receive(ctx context.Context, m bot.Message) error {
	_, err := r.sb.Send(ctx, bot.OutMessage{ChatID: m.ChatID, Text: "收到", ReplyTo: m.ID, Mentions: []string{m.SenderID}})
	return err
}

func TestReceiveMaySend(t *testing.T) {
	t.Parallel()
	db := openStore(t)
	if _, err := sandbox.SeedDemo(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	r := &replier{}
	r.sb = sandbox.New(db, r)
	id, err := r.sb.Post(t.Context(), sandbox.PostRequest{Chat: "private", From: "小周", Text: "你好"})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := r.sb.Messages(t.Context(), "private:小周", id)
	if err != nil || len(msgs) != 1 || msgs[0].Text != "@小周 收到" || msgs[0].ReplyTo != id {
		t.Fatalf("bot reply %v, %v", msgs, err)
	}
}
