package wxfake

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// Friend is a contact of the bot account: it can write to the bot
// privately, and in groups it has the same UserName as in private.
type Friend struct{ Nick, Remark string }

// AddFriend makes nick a friend of the bot account (with an optional remark
// name the bot's owner gave them).
func (f *Server) AddFriend(nick, remark string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.friends = append(f.friends, Friend{Nick: nick, Remark: remark})
}

// AddMember puts a member into a group without a notice (they were there
// before the bot logged in).
func (f *Server) AddMember(title string, m Member) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, g := f.findGroup(title)
	g.members = append(g.members, m)
}

// SayPrivate queues a private text from a friend (by nickname) to the bot
// and returns its MsgId.
func (f *Server) SayPrivate(nick, text string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.privateLocked(nick, 1, strings.ReplaceAll(html.EscapeString(text), "\n", "<br/>"))
}

// privateLocked queues a private message of type msgType from a friend
// and returns its MsgId (f.mu held).
func (f *Server) privateLocked(nick string, msgType int, content string) string {
	fi := f.friendIndex(nick)
	if fi < 0 {
		f.t.Fatalf("fake: no friend %q", nick)
	}
	f.msgSeq++
	id := fmt.Sprint(f.msgSeq)
	f.pending = append(f.pending, map[string]any{"MsgId": id, "NewMsgId": f.msgSeq, "MsgType": msgType,
		"FromUserName": f.friendUN(fi), "ToUserName": f.selfUN(), "Content": content, "CreateTime": time.Now().Unix()})
	f.notifyLocked()
	return id
}

func (f *Server) friendUN(i int) string { return fmt.Sprintf("@f%d-%d", f.gen, i) }

func (f *Server) friendIndex(nick string) int {
	for i, fr := range f.friends {
		if fr.Nick == nick {
			return i
		}
	}
	return -1
}

func (f *Server) friendByUN(userName string) int {
	for i := range f.friends {
		if f.friendUN(i) == userName {
			return i
		}
	}
	return -1
}

func (f *Server) friendContact(i int) map[string]any {
	return map[string]any{"UserName": f.friendUN(i), "NickName": f.friends[i].Nick, "RemarkName": f.friends[i].Remark,
		"VerifyFlag": 0}
}

// friendContactsLocked lists the friends as webwxgetcontact does (f.mu held).
func (f *Server) friendContactsLocked() []map[string]any {
	var list []map[string]any
	for i := range f.friends {
		list = append(list, f.friendContact(i))
	}
	return list
}

// SayPrivateImage queues a photo from a friend (by nickname) to the bot
// and returns its MsgId; webwxgetmsgimg serves data for it.
func (f *Server) SayPrivateImage(nick string, data []byte) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.privateLocked(nick, 3, html.EscapeString(imageXML(data)))
	f.images[id] = data
	return id
}
