package wechat

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Private chats are with the bot account's friends (contacts): an officer
// adds the bot account as a friend (accepted on its phone), binds with
// "#绑定 CODE" there, and receives the officers' private notices there.
//
// A friend's id is "f:" + the remark name the bot's owner gave them or,
// without one, their nickname: a remark survives logins and is under the
// owner's control, so it is the better key (set it on the phone). The same
// id is the private chat's and the sender's, and it is used in groups too:
// within one login a contact has one UserName everywhere, so a group member
// whose UserName is a friend's speaks as that friend and keeps the roles
// the friend bound. Two friends with the same name are never merged: each
// gets an id of its own for this login and a warning is logged.

const (
	friendPrefix          = "f:"
	ambiguousFriendPrefix = "f?:"
)

// FriendID is the engine's chat and sender id of the friend called name.
func FriendID(name string) string { return friendPrefix + url.PathEscape(name) }

// friendChat returns the name inside a friend's id.
func friendChat(id string) (string, bool) {
	esc, ok := strings.CutPrefix(id, friendPrefix)
	if !ok {
		return "", false
	}
	name, err := url.PathUnescape(esc)
	return name, err == nil && name != ""
}

// friendName is what a friend is called: the owner's remark, else their
// nickname.
func friendName(u *openwechat.User) string { return nameOf(u.RemarkName, u.NickName) }

// contacts are this login's friends, by UserName and by name (a.mu).
type contacts struct {
	byUN   map[string]string   // UserName → name
	byName map[string][]string // name → UserNames
}

// noteFriendLocked remembers a friend of this login (a.mu held).
func (a *Adapter) noteFriendLocked(u *openwechat.User) {
	if a.friends.byUN == nil || u == nil || !u.IsFriend() || u.IsMP() {
		return
	}
	name := friendName(u)
	if name == "" || a.friends.byUN[u.UserName] == name {
		return
	}
	a.friends.byUN[u.UserName] = name
	a.friends.byName[name] = append(a.friends.byName[name], u.UserName)
}

// friendIDLocked is the id of the friend whose UserName is userName (ok
// false when they are not a friend). a.mu held.
func (a *Adapter) friendIDLocked(userName string) (string, bool) {
	name, ok := a.friends.byUN[userName]
	if !ok {
		return "", false
	}
	if n := len(a.friends.byName[name]); n > 1 {
		a.log.Warn("wechat: friends share a name; not merged, give each a unique remark name", "count", n)
		return ambiguousFriendPrefix + tag(userName) + "/" + name, true
	}
	return FriendID(name), true
}

// fromFriend turns a friend's private text or photo into the engine's
// message.
func (a *Adapter) fromFriend(msg *openwechat.Message) (bot.Message, bool) {
	switch {
	case msg.IsText():
		m, ok := a.friendMessage(msg)
		if ok {
			a.photos.spoke(&m, a.cfg.PhotoWindow)
		}
		return m, ok
	case msg.IsPicture():
		return a.picture(msg, a.friendMessage)
	}
	return bot.Message{}, false
}

// friendMessage builds the engine's message of a friend's private message.
// Official accounts and strangers are ignored.
func (a *Adapter) friendMessage(msg *openwechat.Message) (bot.Message, bool) {
	a.lib.Lock()
	u, err := msg.Sender()
	a.lib.Unlock()
	if err != nil {
		a.log.Warn("wechat: cannot tell who sent a private message", "message_id", msg.MsgId, "err", safeErr(err))
		return bot.Message{}, false
	}
	if !u.IsFriend() || u.IsMP() {
		return bot.Message{}, false
	}
	a.mu.Lock()
	a.noteFriendLocked(u)
	id, ok := a.friendIDLocked(u.UserName)
	a.mu.Unlock()
	if !ok {
		return bot.Message{}, false
	}
	msgID := msg.MsgId
	if msgID == "" {
		msgID = itoa(msg.NewMsgId)
	}
	name := friendName(u)
	return bot.Message{Platform: nb.PlatformWeChat, ChatID: id, ChatKind: nb.ChatPrivate, ChatTitle: name,
		SenderID: id, SenderName: name, ID: msgID, Text: strings.TrimSpace(msg.Content),
		At: time.Unix(msg.CreateTime, 0)}, true
}

// findFriend returns the UserName of the one friend called name in this
// login, reloading the contact list once if there is none.
func (a *Adapter) findFriend(b *openwechat.Bot, name string) (string, error) {
	lookup := func() []string {
		a.mu.Lock()
		defer a.mu.Unlock()
		return append([]string(nil), a.friends.byName[name]...)
	}
	found := lookup()
	if len(found) == 0 {
		_, friends, err := fetchContacts(b)
		if err != nil {
			return "", fmt.Errorf("wechat: list contacts: %s", safeErr(err))
		}
		a.mu.Lock()
		for _, u := range friends {
			a.noteFriendLocked(u)
		}
		a.mu.Unlock()
		found = lookup()
	}
	switch len(found) {
	case 0:
		return "", &bot.PermanentError{Err: fmt.Errorf("wechat: %q is not a friend of the bot account", name), ChatGone: true}
	case 1:
		return found[0], nil
	}
	return "", &bot.PermanentError{Err: fmt.Errorf("wechat: %d friends are called %q; give each a unique remark name",
		len(found), name)}
}
