package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
)

// TestSendReplyWithMentions checks reply_parameters to the report and a
// text mention (UTF-16 offsets) for a follower with no @username.
func TestSendReplyWithMentions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	err := f.db.Update(ctx, func(tx nb.Tx) error {
		_, err := tx.EnsurePerson(nb.PlatformTelegram, "2002", "陈女士")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.a.Send(ctx, bot.OutMessage{ChatID: "-1001234567890", Text: "#1 已立项", ReplyTo: "105", Mentions: []string{"2001", "2002"}})
	if err != nil || id == "" {
		t.Fatalf("Send = %q, %v", id, err)
	}
	call := f.api.Calls("sendMessage")[0]
	if call.Fields["text"] != "@邻居 @陈女士 #1 已立项" || call.Fields["chat_id"] != "-1001234567890" {
		t.Fatalf("fields = %v", call.Fields)
	}
	var reply models.ReplyParameters
	if err := json.Unmarshal([]byte(call.Fields["reply_parameters"]), &reply); err != nil || reply.MessageID != 105 {
		t.Fatalf("reply_parameters = %s", call.Fields["reply_parameters"])
	}
	var ents []models.MessageEntity
	if err := json.Unmarshal([]byte(call.Fields["entities"]), &ents); err != nil || len(ents) != 2 {
		t.Fatalf("entities = %s", call.Fields["entities"])
	}
	if e := ents[1]; e.Type != models.MessageEntityTypeTextMention || e.Offset != 4 || e.Length != 4 || e.User.ID != 2002 {
		t.Fatalf("mention = %+v", e)
	}
	if call.Fields["reply_markup"] != "" {
		t.Fatalf("a group post got buttons: %s", call.Fields["reply_markup"])
	}

	_, err = f.a.Send(ctx, bot.OutMessage{ChatID: "-1001234567890", Text: "已办结", Attachments: []nb.Attachment{{Kind: "photo", FileRef: "AgADfile"}}})
	if err != nil {
		t.Fatal(err)
	}
	if p := f.api.Calls("sendPhoto"); len(p) != 1 || p[0].Fields["photo"] != "AgADfile" || p[0].Fields["caption"] != "已办结" {
		t.Fatalf("sendPhoto calls = %+v", p)
	}
}

// TestSendErrors checks how Bot API errors reach the engine.
func TestSendErrors(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	out := bot.OutMessage{ChatID: "-1001234567890", Text: "hi"}

	f.api.Script("sendMessage", telegramtest.Reply{Code: 429, Description: "Too Many Requests: retry after 3", RetryAfter: 3})
	_, err := f.a.Send(ctx, out)
	var retry *bot.RetryAfterError
	if !errors.As(err, &retry) || retry.After != 3*time.Second {
		t.Fatalf("429: %v", err)
	}

	f.api.Script("sendMessage", telegramtest.Reply{Code: 502, Description: "Bad Gateway"})
	_, err = f.a.Send(ctx, out)
	var permanent *bot.PermanentError
	if err == nil || errors.As(err, &permanent) || errors.As(err, &retry) {
		t.Fatalf("5xx should be retried as a plain error: %v", err)
	}

	f.api.Script("sendMessage", telegramtest.Reply{Code: 400, Description: "Bad Request: chat not found"})
	if _, err = f.a.Send(ctx, out); !errors.As(err, &permanent) {
		t.Fatalf("chat not found: %v", err)
	}

	f.api.Kick(-1001234567890)
	if _, err = f.a.Send(ctx, out); !errors.As(err, &permanent) || !strings.Contains(err.Error(), "kicked") {
		t.Fatalf("kicked: %v", err)
	}
	if _, err = f.a.Send(ctx, bot.OutMessage{ChatID: "abc", Text: "hi"}); !errors.As(err, &permanent) {
		t.Fatalf("bad chat id: %v", err)
	}

	err = f.db.Update(ctx, func(tx nb.Tx) error { return tx.SetChatActive(nb.PlatformTelegram, "-100777", nb.ChatGroup, false) })
	if err != nil {
		t.Fatal(err)
	}
	sent := len(f.api.Calls(""))
	if _, err = f.a.Send(ctx, bot.OutMessage{ChatID: "-100777", Text: "hi"}); !errors.As(err, &permanent) || len(f.api.Calls("")) != sent {
		t.Fatalf("a chat the bot left: %v, %d calls", err, len(f.api.Calls(""))-sent)
	}
}

// TestSendToMigratedGroup checks that a send to a group that became a
// supergroup records the move and is delivered there.
func TestSendToMigratedGroup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	err := f.db.Update(ctx, func(tx nb.Tx) error {
		return tx.EnsureChat(&nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-42", Kind: nb.ChatGroup})
	})
	if err != nil {
		t.Fatal(err)
	}
	old := f.chat(t, "-42")
	f.api.Migrate(-42, -10042)
	if _, err := f.a.Send(ctx, bot.OutMessage{ChatID: "-42", Text: "#1 已立项"}); err != nil {
		t.Fatal(err)
	}
	calls := f.api.Calls("sendMessage")
	if len(calls) != 2 || calls[1].Fields["chat_id"] != "-10042" || calls[1].Result == nil {
		t.Fatalf("calls = %+v", calls)
	}
	if c := f.chat(t, "-10042"); c.ID != old.ID {
		t.Fatalf("chat after migration = %+v", c)
	}
}

// TestButtons checks the whole button path: a private notice gets the
// buttons it suggests, a press becomes the command from the presser, is
// answered, and the reply goes under the notice whose buttons show the
// outcome. A press on a message Telegram no longer shows does nothing.
func TestButtons(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	noticeID, err := f.a.Send(ctx, bot.OutMessage{ChatID: "1001", Text: "【吹哨】#3 电梯\n请于 10:00 前报到：发送 #报到 3"})
	if err != nil {
		t.Fatal(err)
	}
	markup := f.api.Calls("sendMessage")[0].Fields["reply_markup"]
	if !strings.Contains(markup, `"callback_data":"ack:3"`) || !strings.Contains(markup, `"callback_data":"status:3"`) ||
		strings.Contains(markup, "resolve:") {
		t.Fatalf("reply_markup = %s", markup)
	}
	notice := f.api.Calls("sendMessage")[0].Result
	notice.Chat = privateChat(officer)
	rec := newRecorder()
	press := models.Update{CallbackQuery: &models.CallbackQuery{ID: "cq1", From: officer, Data: "ack:3",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: notice}}}
	if err := f.a.HandleUpdate(ctx, rec, &press); err != nil {
		t.Fatal(err)
	}
	m := rec.next(t)
	if m.Text != "#报到 3" || m.SenderID != "1001" || m.ChatID != "1001" || m.ChatKind != nb.ChatPrivate ||
		m.ID != "press:"+noticeID+":ack:cq1" {
		t.Fatalf("press = %+v", m)
	}
	if a := f.api.Calls("answerCallbackQuery"); len(a) != 1 || a[0].Fields["callback_query_id"] != "cq1" {
		t.Fatalf("answerCallbackQuery = %+v", a)
	}

	if _, err := f.a.Send(ctx, bot.OutMessage{ChatID: "1001", Text: "#3 电梯 已报到", ReplyTo: m.ID}); err != nil {
		t.Fatal(err)
	}
	reply := f.api.Calls("sendMessage")[1]
	if !strings.Contains(reply.Fields["reply_parameters"], `"message_id":`+noticeID) {
		t.Fatalf("outcome not under the notice: %v", reply.Fields)
	}
	edit := f.api.Calls("editMessageReplyMarkup")
	if len(edit) != 1 || edit[0].Fields["message_id"] != noticeID || !strings.Contains(edit[0].Fields["reply_markup"], "✓ #3 电梯 已报到") {
		t.Fatalf("editMessageReplyMarkup = %+v", edit)
	}

	gone := models.Update{CallbackQuery: &models.CallbackQuery{ID: "cq2", From: officer, Data: "ack:3",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{Chat: privateChat(officer), MessageID: 1}}}}
	if err := f.a.HandleUpdate(ctx, rec, &gone); err != nil {
		t.Fatal(err)
	}
	if len(rec.msgs) != 1 || len(f.api.Calls("answerCallbackQuery")) != 2 {
		t.Fatalf("a press on a gone message: msgs %d, answers %d", len(rec.msgs), len(f.api.Calls("answerCallbackQuery")))
	}
}

// TestSetCommands checks the menus: two scopes, three languages each.
func TestSetCommands(t *testing.T) {
	f := newFixture(t)
	f.a.SetCommands(context.Background())
	calls := f.api.Calls("setMyCommands")
	if len(calls) != 6 {
		t.Fatalf("%d setMyCommands calls", len(calls))
	}
	last := calls[5]
	if last.Fields["language_code"] != "en" || !strings.Contains(last.Fields["scope"], "all_private_chats") ||
		!strings.Contains(last.Fields["commands"], `"command":"accept"`) || !strings.Contains(last.Fields["commands"], "Accept") {
		t.Fatalf("officers' English menu = %v", last.Fields)
	}
	if first := calls[0]; strings.Contains(first.Fields["commands"], `"accept"`) || !strings.Contains(first.Fields["commands"], "报事") {
		t.Fatalf("residents' default menu = %v", first.Fields)
	}
}

func TestLimitUTF16(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"短", 5, "短"},
		{"路灯坏了很久", 4, "路灯坏…"},
		{"a😀b", 3, "a…"},
	} {
		if got := limitUTF16(tc.in, tc.n); got != tc.want || utf16Len(got) > tc.n {
			t.Errorf("limitUTF16(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
