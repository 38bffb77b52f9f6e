package handlers_test

import (
	"strconv"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/handlers"
)

// withEdgeMiddleware gives the world's engine the Edits and Evidence
// middleware, as cmd/neighborbot wires them.
func withEdgeMiddleware(w *world) *world {
	h := handlers.New(model, handlers.Config{BotUsername: "neighborbot"})
	w.e = bot.NewEngine(w.db, bot.Chain(h.Router().Handle, bot.Recover, h.Edits, h.Evidence),
		bot.WithClock(func() time.Time { return w.now }))
	w.e.RegisterSender(nb.PlatformSandbox, w.out, bot.WithLanes(1)) // one lane: replies arrive in the order queued
	return w
}

// photoMsg is a message in chat from a sender with one photo.
func (w *world) photoMsg(chat, from, text, replyTo, file string) bot.Message {
	w.seq++
	return bot.Message{Platform: nb.PlatformSandbox, ChatID: chat, ChatKind: nb.ChatGroup, SenderID: from, SenderName: from,
		ID: "m" + strconv.Itoa(w.seq), Text: text, ReplyTo: replyTo,
		Attachments: []nb.Attachment{{Kind: "photo", FileRef: file, Size: 100, MIMEType: "image/jpeg"}}}
}

func (w *world) attachments(n int64) []*nb.CaseAttachment {
	w.t.Helper()
	var list []*nb.CaseAttachment
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { list, err = tx.ListAttachments(n); return err }); err != nil {
		w.t.Fatal(err)
	}
	return list
}

// TestPhotoEvidence checks that a photo report, a photo reply to the
// acknowledgement and a resolve with a photo keep their photos on the case,
// and that a refused command keeps nothing.
func TestPhotoEvidence(t *testing.T) {
	w := withEdgeMiddleware(newWorld(t))
	got := w.deliver(w.photoMsg("g1", "居民", "#报事 3号楼路灯坏了 晚上很黑", "", "report-photo"))
	if len(got) != 1 {
		t.Fatalf("report: %+v", got)
	}
	ack := w.lastSentID()
	w.deliver(w.photoMsg("g1", "邻居", "[照片]", ack, "reply-photo"))
	w.deliver(w.photoMsg("g1", "居民", "#办结 1 修好了", "", "refused-photo"))
	w.one("g1", "书记", "#立项 1 城管办", "#1")
	w.deliver(w.photoMsg("g1", "师傅", "#办结 1 已更换灯泡", "", "result-photo"))
	list := w.attachments(1)
	var files []string
	for _, a := range list {
		files = append(files, string(a.EventKind)+":"+a.FileRef)
	}
	want := []string{"reported:report-photo", "evidence:reply-photo", "resolve:result-photo"}
	if len(files) != len(want) {
		t.Fatalf("attachments = %v, want %v", files, want)
	}
	for i := range want {
		if files[i] != want[i] {
			t.Fatalf("attachments = %v, want %v", files, want)
		}
	}
}

// TestEditedReport checks that the reporter's edit updates the case text
// and the log keeps the old text, and that an edited command is not run.
func TestEditedReport(t *testing.T) {
	w := withEdgeMiddleware(newWorld(t))
	n, reportID := w.report("g1", "居民", "3号楼路灯坏了")
	edit := func(from, of, text string) []bot.OutMessage {
		w.seq++
		return w.deliver(bot.Message{Platform: nb.PlatformSandbox, ChatID: "g1", ChatKind: nb.ChatGroup, SenderID: from,
			SenderName: from, ID: of + ".edit" + strconv.Itoa(w.seq), EditOf: of, Text: text})
	}
	if got := edit("居民", reportID, "#报事 3号楼和4号楼路灯都坏了"); len(got) != 0 {
		t.Fatalf("the edit was answered: %+v", got)
	}
	if cs := w.caseByID(n); cs.Text != "3号楼和4号楼路灯都坏了" {
		t.Fatalf("case text = %q", cs.Text)
	}
	edit("邻居", reportID, "别人改不了")
	if cs := w.caseByID(n); cs.Text != "3号楼和4号楼路灯都坏了" {
		t.Fatalf("someone else's edit changed the case: %q", cs.Text)
	}
	var events []*nb.Event
	_ = w.db.View(w.ctx, func(tx nb.Tx) (err error) { events, err = tx.ListEvents(n); return err })
	last := events[len(events)-1]
	if last.Kind != nb.EventEdited || last.Note != "3号楼路灯坏了" {
		t.Fatalf("last event = %+v", last)
	}
	cmdID, _ := w.say("g1", "居民", "#进度 1")
	if got := edit("居民", cmdID, "#进度 1 "); len(got) != 0 {
		t.Fatalf("an edited command ran again: %+v", got)
	}
}

// TestResolvePhotoShownInGroup: the photo sent with "#办结" goes with the
// group's notice (same platform), so residents see the repair.
func TestResolvePhotoShownInGroup(t *testing.T) {
	w := withEdgeMiddleware(newWorld(t))
	w.report("g1", "居民", "3号楼路灯坏了 晚上很黑")
	w.one("g1", "书记", "#立项 1 城管办", "#1")
	got := w.deliver(w.photoMsg("private:师傅", "师傅", "#办结 1 已更换灯泡", "", "result-photo"))
	var inGroup *bot.OutMessage
	for i := range got {
		if got[i].ChatID == "g1" {
			inGroup = &got[i]
		}
	}
	if inGroup == nil || len(inGroup.Attachments) != 1 || inGroup.Attachments[0].FileRef != "result-photo" {
		t.Fatalf("the group's notice of the resolve = %+v; want it with the photo (all sent: %+v)", inGroup, got)
	}
	// A command without a photo posts text only.
	w.one("g1", "书记", "#立项 1 城管办", "")
	for _, m := range w.out.sent {
		if m.ChatID == "g1" && len(m.Attachments) > 0 && m.Attachments[0].FileRef != "result-photo" {
			t.Fatalf("unexpected attachment %+v", m)
		}
	}
}
