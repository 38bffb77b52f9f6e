package wechat

import (
	"bytes"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
)

// TestOfficerBindsPrivately: an officer who is a friend of the bot account
// binds with "#绑定 CODE" in a private chat, gets the private notice of a
// new report in their grid's group, accepts it in the group (where they
// speak as the same person), keeps the role after a re-login that changes
// every UserName, and resolves the case privately with a photo of the
// repair sent just before the command.
func TestOfficerBindsPrivately(t *testing.T) {
	w := newWorldWith(t, withEvidence(t), func(c *Config) { c.MediaDir = t.TempDir() }, func(w *world) {
		w.f.AddFriend("li", "李主任") // the owner's remark name is the key
		w.f.AddMember(group1, wxfake.Member{Nick: "li", Display: "李"})
		err := w.db.Update(w.ctx, func(tx nb.Tx) error {
			return tx.CreateInvite(&nb.Invite{Code: "WXAB-1234", Role: nb.RoleOfficer, UnitID: w.units["社区"],
				ExpiresAt: time.Now().Add(time.Hour)})
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	w.waitState(StateOnline)
	w.f.SayPrivate("li", "#绑定 WXAB-1234")
	got := w.waitSends(1)[0]
	if got.Friend != "li" || got.Group != "" || !strings.Contains(got.Content, "绑定成功") {
		t.Fatalf("answer to the code = %+v, want 绑定成功 in the private chat", got)
	}

	w.f.Say(group1, "刘大爷", "3号楼楼顶漏水，家里天花板都湿了")
	sends := w.waitSends(3)[1:]
	var ack, notice *wxfake.Sent
	for i := range sends {
		switch {
		case sends[i].Group == group1:
			ack = &sends[i]
		case sends[i].Friend == "li":
			notice = &sends[i]
		}
	}
	if ack == nil || !strings.Contains(ack.Content, "#1") {
		t.Errorf("acknowledgement in the group = %+v (sends %+v)", ack, sends)
	}
	if notice == nil || !strings.Contains(notice.Content, "#立项 1") {
		t.Errorf("private notice to the officer = %+v (sends %+v)", notice, sends)
	}

	w.waitRecorded(FriendID("李主任"))
	w.waitRecorded(chatPrefix + group1)
	w.f.Kill("1101")
	w.waitLogins(2)
	accepted := w.exchange(group1, "li", "#立项 1 城管办", "立项", "城管办")
	if strings.Contains(accepted.Content, "仅限") {
		t.Errorf("the bound officer was not recognised in the group after a re-login: %q", accepted.Content)
	}
	repair := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{9}, 100)...)
	w.f.SayPrivateImage("li", repair)
	w.f.SayPrivate("li", "#办结 1 已修好")
	before := len(w.f.Sends())
	w.waitSends(before + 1)
	var atts []*nb.CaseAttachment
	var events []*nb.Event
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) {
		if atts, err = tx.ListAttachments(1); err != nil {
			return err
		}
		events, err = tx.ListEvents(1)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if last.ToStage != nb.StageResolved || len(atts) != 1 || atts[0].EventKind != last.Kind || atts[0].Size != int64(len(repair)) {
		t.Errorf("after the private #办结 with a photo: last event %+v, attachments %+v", *last, atts)
	}
	var ids []*nb.Identity
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { ids, err = tx.ListIdentities(nb.PlatformWeChat); return err }); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if strings.Contains(id.DisplayName, "李") && id.ExternalID != FriendID("李主任") {
			t.Errorf("the officer has a second identity %+v", id)
		}
	}
}
