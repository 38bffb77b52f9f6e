package telegram

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
)

type receiverFunc func(context.Context, bot.Message) error

func (f receiverFunc) Receive(ctx context.Context, m bot.Message) error { return f(ctx, m) }

// TestPollConfirmsOnlyStoredUpdates checks that no getUpdates confirms an
// update (offset above its id) before Receive returned for it.
func TestPollConfirmsOnlyStoredUpdates(t *testing.T) {
	f := newFixture(t)
	entered, release := make(chan string, 1), make(chan struct{})
	f.run(t, receiverFunc(func(_ context.Context, m bot.Message) error {
		entered <- m.Text
		<-release
		return nil
	}))
	f.api.Say(supergroup, resident, "3号楼电梯坏了")
	id := int64(1001) // the fake numbers updates from 1001
	if got := <-entered; got != "3号楼电梯坏了" {
		t.Fatalf("received %q", got)
	}
	if offs := f.api.Offsets(); slices.Max(offs) > id || f.api.Pending() != 1 {
		t.Fatalf("confirmed before stored: offsets %v, pending %d", offs, f.api.Pending())
	}
	close(release)
	f.api.WaitOffset(t, id+1, 10*time.Second)
	if f.api.Pending() != 0 {
		t.Fatalf("pending after confirmation: %d", f.api.Pending())
	}
}

// TestFailedReceiveIsFetchedAgain checks that an update the store could
// not take is not confirmed and comes again.
func TestFailedReceiveIsFetchedAgain(t *testing.T) {
	f := newFixture(t)
	rec := newRecorder()
	rec.fail = 1
	f.run(t, rec)
	f.api.Say(supergroup, resident, "路灯坏了")
	if m := rec.next(t); m.Text != "路灯坏了" {
		t.Fatalf("got %+v", m)
	}
	f.api.WaitOffset(t, 1002, 10*time.Second)
	if offs := f.api.Offsets(); offs[0] != 0 || offs[1] != 0 {
		t.Fatalf("offsets %v: the failed update was confirmed", offs)
	}
}

// TestMessagesFromGroupsAndPrivateChats checks how Telegram messages map to
// bot.Message: commands with the bot's name, forum topics, replies, text
// mentions, photos, private chats and edits.
func TestMessagesFromGroupsAndPrivateChats(t *testing.T) {
	f := newFixture(t)
	rec := newRecorder()
	handle := func(u models.Update) bot.Message {
		t.Helper()
		if err := f.a.HandleUpdate(context.Background(), rec, &u); err != nil {
			t.Fatal(err)
		}
		return rec.next(t)
	}

	topic := f.api.NewMessage(supergroup, resident, "/status@neighbor_test_bot 1")
	topic.IsTopicMessage, topic.MessageThreadID = true, 7
	topic.ReplyToMessage = &models.Message{ID: 7, Date: 1, Chat: supergroup, ForumTopicCreated: &models.ForumTopicCreated{Name: "报事"}}
	m := handle(models.Update{Message: topic})
	if m.Text != "/status 1" || m.ReplyTo != "" || m.ChatKind != nb.ChatGroup || m.ChatID != "-1001234567890" ||
		m.SenderID != "2001" || m.SenderName != "刘 大爷" || m.ChatTitle != "幸福社区一网格" {
		t.Fatalf("topic command = %+v", m)
	}

	photo := f.api.NewMessage(supergroup, resident, "")
	photo.Caption = "路灯坏了 @陈女士"
	photo.CaptionEntities = []models.MessageEntity{{Type: models.MessageEntityTypeTextMention, Offset: 5, Length: 4, User: &neighbour}}
	photo.Photo = []models.PhotoSize{{FileID: "small", Width: 90, Height: 90, FileSize: 900}, {FileID: "big", Width: 800, Height: 600, FileSize: 80000}}
	photo.ReplyToMessage = &models.Message{ID: 50, Date: 1, Chat: supergroup}
	m = handle(models.Update{Message: photo})
	want := nb.Attachment{Kind: "photo", FileRef: "big", Size: 80000, MIMEType: "image/jpeg"}
	if m.Text != "路灯坏了 @陈女士" || m.ReplyTo != "50" || !slices.Equal(m.Mentions, []string{"2002"}) ||
		len(m.Attachments) != 1 || m.Attachments[0] != want {
		t.Fatalf("photo = %+v", m)
	}

	other := f.api.NewMessage(supergroup, resident, "/help@otherbot")
	if m = handle(models.Update{Message: other}); m.Text != "/help@otherbot" {
		t.Fatalf("a command to another bot was rewritten: %q", m.Text)
	}

	private := f.api.NewMessage(privateChat(officer), officer, "/bind ABC123")
	if m = handle(models.Update{Message: private}); m.ChatKind != nb.ChatPrivate || m.ChatID != "1001" || m.Text != "/bind ABC123" {
		t.Fatalf("private = %+v", m)
	}

	edited := *other
	edited.Text, edited.EditDate = "改过的", 1700000000
	if m = handle(models.Update{EditedMessage: &edited}); m.EditOf != strconv.Itoa(other.ID) || m.ID != strconv.Itoa(other.ID)+".edit1700000000" {
		t.Fatalf("edit = %+v", m)
	}
}

// TestMembershipAndMigration checks that the bot's removal marks the chat
// inactive and that a group's move to a supergroup keeps its chat row.
func TestMembershipAndMigration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	kicked := models.Update{MyChatMember: &models.ChatMemberUpdated{Chat: supergroup, From: officer, Date: 1,
		OldChatMember: models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &f.api.Bot}},
		NewChatMember: models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{User: &f.api.Bot}}}}
	if err := f.a.HandleUpdate(ctx, newRecorder(), &kicked); err != nil {
		t.Fatal(err)
	}
	if c := f.chat(t, "-1001234567890"); !c.Inactive {
		t.Fatalf("chat still active after the bot was kicked: %+v", c)
	}

	group := models.Chat{ID: -42, Type: models.ChatTypeGroup, Title: "老群"}
	err := f.db.Update(ctx, func(tx nb.Tx) error {
		return tx.EnsureChat(&nb.Chat{Platform: nb.PlatformTelegram, ExternalID: "-42", Kind: nb.ChatGroup})
	})
	if err != nil {
		t.Fatal(err)
	}
	old := f.chat(t, "-42")
	service := models.Update{Message: &models.Message{ID: 9, Date: 1, Chat: group, From: &officer, MigrateToChatID: -10042}}
	rec := newRecorder()
	if err := f.a.HandleUpdate(ctx, rec, &service); err != nil {
		t.Fatal(err)
	}
	if c := f.chat(t, "-10042"); c.ID != old.ID {
		t.Fatalf("migrated chat = %+v, want id %d", c, old.ID)
	}
	if len(rec.msgs) != 0 {
		t.Fatalf("the service message was handed on: %+v", rec.msgs)
	}
}

// TestErrorsNeverShowTheToken checks that a failed connection does not
// put the token (part of every Bot API URL) in the error.
func TestErrorsNeverShowTheToken(t *testing.T) {
	f := newFixture(t)
	f.api.Close()
	_, err := f.a.Send(context.Background(), bot.OutMessage{ChatID: "1001", Text: "hi"})
	if err == nil || strings.Contains(err.Error(), f.a.opt.Token) || strings.Contains(err.Error(), "AAFake") {
		t.Fatalf("send error = %v", err)
	}
	_, _, err = f.a.getUpdates(context.Background(), 0)
	if err == nil || strings.Contains(err.Error(), "AAFake") {
		t.Fatalf("getUpdates error = %v", err)
	}
	_, err = New(context.Background(), f.db, Options{Token: f.a.opt.Token, ServerURL: f.api.URL})
	if err == nil || strings.Contains(err.Error(), "AAFake") {
		t.Fatalf("New error = %v", err)
	}
}

// TestPollObeysRetryAfter checks that a 429 on getUpdates waits the time
// Telegram asks for, and that a 5xx backs off and then recovers.
func TestPollObeysRetryAfter(t *testing.T) {
	f := newFixture(t)
	waits := make(chan time.Duration, 10)
	f.a.pause = func(_ context.Context, d time.Duration) { waits <- d }
	f.api.Script("getUpdates", telegramtest.Reply{Code: 429, Description: "Too Many Requests: retry after 7", RetryAfter: 7},
		telegramtest.Reply{Code: 502, Description: "Bad Gateway"})
	rec := newRecorder()
	f.run(t, rec)
	f.api.Say(supergroup, resident, "路灯坏了")
	if m := rec.next(t); m.Text != "路灯坏了" {
		t.Fatalf("got %+v", m)
	}
	if w1, w2 := <-waits, <-waits; w1 != 7*time.Second || w2 != minBackoff {
		t.Fatalf("waits %s, %s; want 7s then %s", w1, w2, minBackoff)
	}
}

// TestUndecodableUpdateIsSkipped checks that an update the library cannot
// decode is confirmed and skipped, not retried for ever.
func TestUndecodableUpdateIsSkipped(t *testing.T) {
	f := newFixture(t)
	u := f.a.decodeUpdate([]byte(`{"update_id":77,"my_chat_member":{"new_chat_member":{"status":"from_the_future"}}}`))
	if u.ID != 77 || u.MyChatMember != nil {
		t.Fatalf("decoded %+v", u)
	}
	if err := f.a.HandleUpdate(context.Background(), newRecorder(), &u); err != nil {
		t.Fatal(err)
	}
}
