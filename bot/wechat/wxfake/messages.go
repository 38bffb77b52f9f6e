package wxfake

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
)

// Messages the fake server queues for webwxsync: members' texts and
// photos, and the system notices (recall, rename, join).

// Say queues a group text from a member (by nickname) and returns its MsgId.
func (f *Server) Say(title, nick, text string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, g := f.findGroup(title)
	mi := -1
	for i, m := range g.members {
		if m.Nick == nick {
			mi = i
		}
	}
	if mi < 0 {
		f.t.Fatalf("fake: no member %q in %q", nick, title)
	}
	f.msgSeq++
	id := fmt.Sprint(f.msgSeq)
	content := f.memberUN(gi, mi) + ":<br/>" + strings.ReplaceAll(html.EscapeString(text), "\n", "<br/>")
	f.pending = append(f.pending, map[string]any{"MsgId": id, "NewMsgId": f.msgSeq, "MsgType": 1,
		"FromUserName": f.groupUN(gi), "ToUserName": f.selfUN(), "Content": content, "CreateTime": time.Now().Unix()})
	f.notifyLocked()
	return id
}

// SayImage queues a photo from a member (by nickname) and returns its
// MsgId; webwxgetmsgimg serves data for it.
func (f *Server) SayImage(title, nick string, data []byte) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, g := f.findGroup(title)
	mi := f.memberIndex(g, nick)
	f.msgSeq++
	id := fmt.Sprint(f.msgSeq)
	f.images[id] = data
	xml := imageXML(data)
	f.pending = append(f.pending, map[string]any{"MsgId": id, "NewMsgId": f.msgSeq, "MsgType": 3,
		"FromUserName": f.groupUN(gi), "ToUserName": f.selfUN(),
		"Content": f.memberUN(gi, mi) + ":<br/>" + html.EscapeString(xml), "CreateTime": time.Now().Unix()})
	f.notifyLocked()
	return id
}

func (f *Server) memberIndex(g *fakeGroup, nick string) int {
	for i, m := range g.members {
		if m.Nick == nick {
			return i
		}
	}
	f.t.Fatalf("fake: no member %q in %q", nick, g.title)
	return -1
}

// Recall queues the notice that a member recalled message id.
func (f *Server) Recall(title, nick, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, g := f.findGroup(title)
	mi := -1
	for i, m := range g.members {
		if m.Nick == nick {
			mi = i
		}
	}
	f.msgSeq++
	xml := fmt.Sprintf(`<sysmsg type="revokemsg"><revokemsg><session>%s</session><oldmsgid>%s</oldmsgid><msgid>%s</msgid><replacemsg><![CDATA["%s" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`,
		f.groupUN(gi), id, id, nick)
	f.pending = append(f.pending, map[string]any{"MsgId": fmt.Sprint(f.msgSeq), "NewMsgId": f.msgSeq, "MsgType": 10002,
		"FromUserName": f.groupUN(gi), "ToUserName": f.selfUN(),
		"Content": f.memberUN(gi, mi) + ":<br/>" + html.EscapeString(xml), "CreateTime": time.Now().Unix()})
	f.notifyLocked()
}

// Rename renames a group as a member does: the system notice, and the new
// title from then on.
func (f *Server) Rename(title, nick, newTitle string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, g := f.findGroup(title)
	g.title = newTitle
	f.msgSeq++
	f.pending = append(f.pending, map[string]any{"MsgId": fmt.Sprint(f.msgSeq), "NewMsgId": f.msgSeq, "MsgType": 10000,
		"FromUserName": f.groupUN(gi), "ToUserName": f.selfUN(),
		"Content": html.EscapeString(fmt.Sprintf(`"%s"修改群名为“%s”`, nick, newTitle)), "CreateTime": time.Now().Unix()})
	f.notifyLocked()
}

// Join adds a member to a group as one invited by inviter (a nickname)
// does: the member is in the group from now on, and the system notice
// "邀请…加入了群聊" is queued. It returns the notice's MsgId.
func (f *Server) Join(title, inviter string, m Member) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, g := f.findGroup(title)
	g.members = append(g.members, m)
	f.msgSeq++
	id := fmt.Sprint(f.msgSeq)
	f.joinNoticeLocked(gi, inviter, m.Nick, id)
	return id
}

// RepeatJoin queues the join notice id again, as the server may after a
// re-login.
func (f *Server) RepeatJoin(title, inviter, nick, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, _ := f.findGroup(title)
	f.joinNoticeLocked(gi, inviter, nick, id)
}

func (f *Server) joinNoticeLocked(gi int, inviter, nick, id string) {
	n, _ := strconv.ParseInt(id, 10, 64)
	f.pending = append(f.pending, map[string]any{"MsgId": id, "NewMsgId": n, "MsgType": 10000,
		"FromUserName": f.groupUN(gi), "ToUserName": f.selfUN(),
		"Content": html.EscapeString(fmt.Sprintf(`"%s"邀请"%s"加入了群聊`, inviter, nick)), "CreateTime": time.Now().Unix()})
	f.notifyLocked()
}

// Redeliver queues a message again as the server sometimes does after a
// re-login: same MsgId, the current generation's UserNames.
func (f *Server) Redeliver(title, nick, text, id string) {
	f.mu.Lock()
	f.msgSeq--
	f.mu.Unlock()
	f.Say(title, nick, text)
	f.mu.Lock()
	defer f.mu.Unlock()
	last := f.pending[len(f.pending)-1]
	last["MsgId"] = id
	f.msgSeq++
}

// imageXML is a photo message's content, as the server writes it.
func imageXML(data []byte) string {
	return fmt.Sprintf(`<?xml version="1.0"?><msg><img aeskey="k" length="%d" md5="x" cdnmidimgurl="u" /></msg>`, len(data))
}
