package telegram

import (
	"context"
	"strconv"
	"testing"

	"github.com/neighborbot/neighborbot/bot"
)

// TestReplyGoesToTheReportsTopic: in a forum, a report made in a topic is
// answered in that topic (message_thread_id), and so is a reply to the
// bot's answer; a report in General gets no thread id.
func TestReplyGoesToTheReportsTopic(t *testing.T) {
	f := newFixture(t)
	rec := newRecorder()
	f.run(t, rec)
	ctx := context.Background()

	inTopic := f.api.TopicSay(supergroup, resident, 77, "3号楼电梯坏了")
	if m := rec.next(t); m.ReplyTo != "" || m.ID != strconv.Itoa(inTopic) {
		t.Fatalf("a topic message is not a reply to the topic's creation: %+v", m)
	}
	ack, err := f.a.Send(ctx, bot.OutMessage{ChatID: "-1001234567890", Text: "收到 #1", ReplyTo: strconv.Itoa(inTopic)})
	if err != nil {
		t.Fatal(err)
	}
	general := f.api.Say(supergroup, neighbour, "路灯不亮")
	rec.next(t)
	if _, err := f.a.Send(ctx, bot.OutMessage{ChatID: "-1001234567890", Text: "收到 #2", ReplyTo: strconv.Itoa(general)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.Send(ctx, bot.OutMessage{ChatID: "-1001234567890", Text: "#1 已立项", ReplyTo: ack}); err != nil {
		t.Fatal(err)
	}
	calls := f.api.Calls("sendMessage")
	if len(calls) != 3 {
		t.Fatalf("%d sends", len(calls))
	}
	for i, want := range []string{"77", "", "77"} {
		if got := calls[i].Fields["message_thread_id"]; got != want {
			t.Errorf("send %d (%q): message_thread_id %q, want %q", i, calls[i].Fields["text"], got, want)
		}
	}
	if calls[2].Result.MessageThreadID != 77 {
		t.Errorf("the reply to the bot's answer landed in topic %d", calls[2].Result.MessageThreadID)
	}
}
