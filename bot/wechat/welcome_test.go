package wechat

import (
	"strings"
	"testing"

	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
)

// TestWelcome: with the welcome off (the default) a new member is not
// greeted; with it on, greeted once, "@名字" + U+2005 first, even when the
// server delivers the join notice again. The report said after the notice
// is answered after anything the notice queued, so counting the sends
// then is honest.
func TestWelcome(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		w := newWorld(t, nil, nil)
		w.waitState(StateOnline)
		w.f.Join(group1, "刘大爷", wxfake.Member{Nick: "小孙"})
		w.exchange(group1, "小孙", "3号楼电梯坏了，一直停在5楼", "#1")
		if sends := w.f.Sends(); len(sends) != 1 {
			t.Errorf("sends = %+v, want only the acknowledgement", sends)
		}
	})
	t.Run("on", func(t *testing.T) {
		w := newWorld(t, nil, func(c *Config) { c.Welcome = WelcomeZH })
		w.waitState(StateOnline)
		id := w.f.Join(group1, "刘大爷", wxfake.Member{Nick: "小孙"})
		got := w.waitSends(1)[0]
		if got.Group != group1 || !strings.HasPrefix(got.Content, "@小孙\u2005欢迎入群") ||
			!strings.Contains(got.Content, "#进度") {
			t.Errorf("welcome = %+v", got)
		}
		w.f.RepeatJoin(group1, "刘大爷", "小孙", id)
		w.exchange(group1, "小孙", "3号楼电梯坏了，一直停在5楼", "#1")
		if sends := w.f.Sends(); len(sends) != 2 {
			t.Errorf("sends = %+v, want one welcome and the acknowledgement", sends)
		}
	})
	if got := joinedNames(`"张三"邀请"李四、王五"加入了群聊`); strings.Join(got, ",") != "李四,王五" {
		t.Errorf("joinedNames(invite) = %q", got)
	}
	if got := joinedNames(`"李四"通过扫描"张三"分享的二维码加入群聊`); strings.Join(got, ",") != "李四" {
		t.Errorf("joinedNames(scan) = %q", got)
	}
}
