package wechat

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// handle takes one message from the library's sync goroutine: group text
// goes to the engine, durably, before the next message is looked at. The
// bot's own messages (its sends come back, as do the phone's) are ignored.
//
// A recalled message (撤回) becomes "撤回" from the same member in reply to
// the recalled one: the handlers withdraw the report if it was one and the
// member reported it.
func (a *Adapter) handle(msg *openwechat.Message) {
	if msg.IsSendBySelf() {
		return
	}
	var m bot.Message
	ok := false
	switch {
	case msg.IsSendByFriend():
		m, ok = a.fromFriend(msg)
	case !msg.IsSendByGroup():
	case msg.IsText():
		if m, ok = a.toMessage(msg); ok {
			a.linkQuote(&m)
			a.quotes.put(m.ID, quote{name: m.SenderName, text: m.Text})
			a.photos.spoke(&m, a.cfg.PhotoWindow)
		}
	case msg.IsPicture():
		m, ok = a.picture(msg, a.toMessage)
	case msg.IsRecalled():
		m, ok = a.recalled(msg)
	case msg.IsRenameGroup():
		a.renamed(msg)
	case msg.IsJoinGroup():
		a.joined(a.ctx, msg)
	}
	if !ok {
		return
	}
	ctx := a.ctx
	for attempt := 0; ; attempt++ {
		err := a.recv.Receive(ctx, m)
		if err == nil {
			return
		}
		if attempt == 2 || ctx.Err() != nil {
			a.log.Error("wechat: message lost: the engine did not take it", "chat_id", m.ChatID,
				"message_id", m.ID, "err", err)
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
		}
	}
}

// linkQuote turns a quoted reply (引用) into its reply text, linked to the
// quoted message when the bot remembers it (ReplyTo).
func (a *Adapter) linkQuote(m *bot.Message) {
	name, quoted, reply, ok := splitQuote(m.Text)
	if !ok {
		return
	}
	m.Text = reply
	if id, found := a.quotes.find(name, quoted); found {
		m.ReplyTo = id
	}
}

// recalled turns a recall notice into the engine's message.
func (a *Adapter) recalled(msg *openwechat.Message) (bot.Message, bool) {
	r, err := msg.RevokeMsg()
	if err != nil || r.RevokeMsg.OldMsgId == 0 {
		a.log.Warn("wechat: unreadable recall notice", "message_id", msg.MsgId, "err", err)
		return bot.Message{}, false
	}
	m, ok := a.toMessage(msg)
	if !ok {
		return m, false
	}
	m.ID, m.ReplyTo, m.Text, m.Mentions = "recall:"+m.ID, itoa(r.RevokeMsg.OldMsgId), RecallText, nil
	return m, true
}

// RecallText is the text a recalled message is handed over as.
const RecallText = "撤回"

// toMessage builds the engine's message: ids from names, not UserNames.
func (a *Adapter) toMessage(msg *openwechat.Message) (bot.Message, bool) {
	a.lib.Lock()
	group, gerr := msg.Sender()
	member, merr := msg.SenderInGroup()
	var members openwechat.Members
	if gerr == nil {
		members = group.MemberList
	}
	isAt := msg.IsAt()
	a.lib.Unlock()
	if gerr != nil || merr != nil {
		a.log.Warn("wechat: cannot tell who sent a group message", "message_id", msg.MsgId,
			"err", safeErr(firstErr(gerr, merr)))
		return bot.Message{}, false
	}
	title := a.canonical(strings.TrimSpace(group.NickName))
	if title == "" {
		a.log.Warn("wechat: a group without a title is ignored; give it a name", "message_id", msg.MsgId)
		return bot.Message{}, false
	}
	chatID := ChatID(title)
	a.mu.Lock()
	a.noteGroupLocked(&openwechat.Group{User: group})
	shared := len(a.groups[title]) > 1
	a.mu.Unlock()
	selfName := ""
	if owner := msg.Owner(); owner != nil && owner.User != nil { // the sync goroutine's own Bot
		selfName = nameOf("", owner.NickName)
	}
	if shared {
		a.log.Warn("wechat: two groups share a title; their messages are kept apart until one is renamed",
			"title", title)
		chatID = "g?:" + title + "#" + tag(group.UserName)
	}
	name := nameOf(member.DisplayName, member.NickName)
	senderID := MemberID(title, name)
	a.mu.Lock()
	friendID, isFriend := a.friendIDLocked(member.UserName)
	a.mu.Unlock()
	if isFriend { // the same person as in private: their bound roles apply
		senderID = friendID
	} else if n := sameName(members, name); n > 1 {
		a.log.Warn("wechat: members share a name in a group; not merged, roles need a unique group card",
			"title", title, "count", n) // not the name: people's names stay out of logs
		senderID = ambiguousPrefix + tag(member.UserName) + "/" + name
	}
	id := msg.MsgId
	if id == "" {
		id = itoa(msg.NewMsgId)
	}
	text := msg.Content
	var mentions []string
	if isAt && selfName != "" {
		mentions = []string{selfPrefix + selfName}
		text = stripMention(text, selfName)
	}
	return bot.Message{Platform: nb.PlatformWeChat, ChatID: chatID, ChatKind: nb.ChatGroup, ChatTitle: title,
		SenderID: senderID, SenderName: name, ID: id, Text: text, Mentions: mentions,
		At: time.Unix(msg.CreateTime, 0)}, true
}

// stripMention removes "@name" (followed by U+2005 or a space) of the bot.
func stripMention(text, name string) string {
	for _, sep := range []string{"\u2005", " ", ""} {
		text = strings.ReplaceAll(text, "@"+name+sep, "")
	}
	return strings.TrimSpace(text)
}

// sameName counts the members called name in a group.
func sameName(members openwechat.Members, name string) int {
	n := 0
	for _, m := range members {
		if nameOf(m.DisplayName, m.NickName) == name {
			n++
		}
	}
	return n
}

// noteGroupLocked remembers a group of this login by title (a.mu held).
func (a *Adapter) noteGroupLocked(g *openwechat.Group) {
	if a.groups == nil || g == nil || g.User == nil {
		return
	}
	title := a.canonicalLocked(strings.TrimSpace(g.NickName))
	if title == "" {
		return
	}
	if a.groups[title] == nil {
		a.groups[title] = map[string]*openwechat.Group{}
	}
	a.groups[title][g.UserName] = g
}

// tag is a short, stable-for-this-login mark of a UserName, for ids that
// must not be merged with anything else.
func tag(userName string) string {
	h := sha256.Sum256([]byte(userName))
	return hex.EncodeToString(h[:4])
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
