package wechat

import (
	"context"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// chanSender is another platform's sender: it hands each message to a
// channel.
type chanSender chan bot.OutMessage

func (c chanSender) Send(_ context.Context, m bot.OutMessage) (string, error) {
	c <- m
	return "1", nil
}

// TestDeathAlertsAdmins: when the session dies, the admin who writes to
// the bot privately on Telegram is told there (with the reason), /healthz's
// state says offline with the error, and the admin is told again once the
// account is back online.
func TestDeathAlertsAdmins(t *testing.T) {
	tg := make(chanSender, 8)
	w := newWorldWith(t, func(*bot.Context) error { return nil }, func(c *Config) {
		c.AlertPlatforms = []nb.Platform{nb.PlatformTelegram}
	}, func(w *world) { w.e.RegisterSender(nb.PlatformTelegram, tg); w.seedAdmin(nb.PlatformTelegram, "42") })
	w.waitState(StateOnline)
	w.f.Kill("1101")
	var offline Health
	for offline.State != StateOffline {
		select {
		case offline = <-w.states:
		case <-time.After(10 * time.Second):
			t.Fatalf("never offline: %+v", w.a.Health())
		}
	}
	if !strings.Contains(offline.LastError, "failed login check") {
		t.Errorf("offline health = %+v, want the reason in last_error", offline)
	}
	for i, want := range []string{"已掉线", "已重新上线"} {
		select {
		case m := <-tg:
			if m.ChatID != "42" || !strings.Contains(m.Text, want) || !strings.Contains(m.Text, "邻里哨") {
				t.Errorf("message %d to the admin = %+v, want %q about 邻里哨", i, m, want)
			}
			if i == 0 && !strings.Contains(m.Text, "failed login check") {
				t.Errorf("the alert does not say why: %q", m.Text)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the admin was not told %q", want)
		}
	}
}

// seedAdmin makes an admin who writes to the bot privately on p as id.
func (w *world) seedAdmin(p nb.Platform, id string) {
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		person, err := tx.EnsurePerson(p, id, "管理员")
		if err != nil {
			return err
		}
		if err := tx.GrantRole(nb.RoleGrant{PersonID: person.ID, Role: nb.RoleAdmin}); err != nil {
			return err
		}
		return tx.SetPrivateChat(p, id, id)
	})
	if err != nil {
		w.t.Fatal(err)
	}
}
