package handlers_test

import (
	"regexp"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

var linkCodeRE = regexp.MustCompile(`[A-Z2-9]{4}-[A-Z2-9]{4}`)

// privately sends text to the bot in a private chat on platform p.
func (w *world) privately(p nb.Platform, user, text string) []bot.OutMessage {
	w.t.Helper()
	w.seq++
	return w.deliver(bot.Message{Platform: p, ChatID: "dm-" + user, ChatKind: nb.ChatPrivate, SenderID: user,
		SenderName: user, ID: "p" + itoa(int64(w.seq)), Text: text})
}

// The officer's Telegram account asks for a code; her WeChat account sends
// it and becomes her: it may run officer commands at once.
func TestLinkAccountsAcrossPlatforms(t *testing.T) {
	w := newWorld(t)
	w.e.RegisterSender(nb.PlatformTelegram, w.out, bot.WithLanes(1))
	w.e.RegisterSender(nb.PlatformWeChat, w.out, bot.WithLanes(1))
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		p, err := tx.EnsurePerson(nb.PlatformTelegram, "tg-101", "王书记")
		if err != nil {
			return err
		}
		return tx.GrantRole(nb.RoleGrant{PersonID: p.ID, Role: nb.RoleOfficer, UnitID: w.units["社区"]})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := w.privately(nb.PlatformWeChat, "wx-9", "#待办"); len(got) != 1 || !strings.Contains(got[0].Text, "仅限社区工作人员") {
		t.Fatalf("before linking, the WeChat account is not an officer; got %+v", got)
	}
	before := w.privately(nb.PlatformWeChat, "wx-9", "#待办")[0].Text

	got := w.privately(nb.PlatformTelegram, "tg-101", "#关联")
	code := linkCodeRE.FindString(got[0].Text)
	if len(got) != 1 || code == "" {
		t.Fatalf("#关联 answered %+v; want one message with a code", got)
	}
	if got := w.privately(nb.PlatformWeChat, "wx-9", "#绑定 "+strings.ToLower(code)); len(got) != 1 || !strings.Contains(got[0].Text, "关联成功") {
		t.Fatalf("#绑定 link code answered %+v", got)
	}
	if after := w.privately(nb.PlatformWeChat, "wx-9", "#待办")[0].Text; after == before {
		t.Fatalf("after linking, #待办 on WeChat still answers %q", after)
	}
	if got := w.privately(nb.PlatformWeChat, "wx-9", "#绑定 "+code); !strings.Contains(got[0].Text, "绑定码无效") {
		t.Fatalf("a used link code answered %+v", got)
	}
	var tg, wx *nb.Person
	err = w.db.View(w.ctx, func(tx nb.Tx) (err error) {
		if tg, err = tx.FindPersonByIdentity(nb.PlatformTelegram, "tg-101"); err != nil {
			return err
		}
		wx, err = tx.FindPersonByIdentity(nb.PlatformWeChat, "wx-9")
		return err
	})
	if err != nil || tg.ID != wx.ID {
		t.Fatalf("Telegram person %+v, WeChat person %+v (%v): want one", tg, wx, err)
	}
}

// A link code posted in a group is burned like an invite; the sandbox's
// people cannot link (anyone may speak as them).
func TestLinkCodeBurnedInGroupAndSandboxRefused(t *testing.T) {
	w := newWorld(t)
	w.e.RegisterSender(nb.PlatformTelegram, w.out, bot.WithLanes(1))
	if got := w.privately(nb.PlatformSandbox, "书记", "#关联"); len(got) != 1 || linkCodeRE.MatchString(got[0].Text) {
		t.Fatalf("sandbox #关联 answered %+v; want a refusal without a code", got)
	}
	code := linkCodeRE.FindString(w.privately(nb.PlatformTelegram, "tg-7", "#关联")[0].Text)
	if got := w.one("g1", "居民甲", "我的关联码 "+code, "作废"); got.Text == "" {
		t.Fatal("no answer")
	}
	w.e.RegisterSender(nb.PlatformWeChat, w.out, bot.WithLanes(1))
	if got := w.privately(nb.PlatformWeChat, "wx-1", "#绑定 "+code); !strings.Contains(got[0].Text, "绑定码无效") {
		t.Fatalf("a burned link code answered %+v", got)
	}
}
