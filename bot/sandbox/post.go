package sandbox

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Limits on what people may post.
const (
	MaxNameLen  = 32      // characters in a person's name
	MaxTitleLen = 64      // characters in a group title
	MaxTextLen  = 100_000 // characters in a message; the engine answers over-long ones
)

// PrivateChat is what PostRequest.Chat says for a private chat with the bot.
const PrivateChat = "private"

// PostRequest is a message a person writes in a sandbox chat.
type PostRequest struct {
	Chat    string // a group title, or "private" for a private chat with the bot
	From    string // the person's name
	Text    string
	ReplyTo int64 // id of a message of the same chat (0 = none)
}

// PrivateKey returns the chat key of a person's private chat with the bot.
func PrivateKey(name string) string { return PrivateChat + ":" + name }

// Post stores a person's message and hands it to the receiver. It returns the
// new message id. Invalid requests give EINVALID or ENOTFOUND errors whose
// message can be shown to the person.
func (p *Platform) Post(ctx context.Context, req PostRequest) (int64, error) {
	from, err := p.personName(req.From)
	if err != nil {
		return 0, err
	}
	text := strings.ToValidUTF8(req.Text, "\uFFFD")
	if strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || isInvisible(r) }) == "" {
		return 0, nb.Errorf(nb.EINVALID, "text required")
	} else if n := len([]rune(text)); n > MaxTextLen {
		return 0, nb.Errorf(nb.EINVALID, "text too long (%d characters, at most %d)", n, MaxTextLen)
	} else if req.ReplyTo < 0 {
		return 0, nb.Errorf(nb.EINVALID, "reply_to must be a message id")
	}

	if err := p.checkBusy(); err != nil {
		return 0, err
	}
	msg := &nb.SandboxMessage{From: from, Text: text, ReplyTo: req.ReplyTo}
	txRecv, inOneTx := p.recv.(bot.TxReceiver)
	var in bot.Message
	write := func(tx nb.Tx) error {
		chat, err := p.record(tx, strings.TrimSpace(req.Chat), msg)
		if err != nil {
			return err
		}
		in = inbound(chat, msg)
		if in.ReplyToSender, err = replySender(tx, msg); err != nil {
			return err
		}
		if inOneTx { // the chat line and the inbox entry stand or fall together
			_, err = txRecv.ReceiveTx(tx, in)
		}
		return err
	}
	if inOneTx {
		// Several posts to a transaction under load, in the order of their
		// chats' keys (record locks the chat: see GroupCommit.Do).
		err = p.posts.Do(ctx, postChatKey(strings.TrimSpace(req.Chat), from), write)
	} else {
		err = p.store.Update(ctx, write)
	}
	if err != nil {
		return 0, fmt.Errorf("sandbox: post: %w", err)
	}
	p.lineAdded(msg.ChatKey, msg.ID)
	p.logger.Debug("sandbox message posted", "message_id", msg.ID) // not the chat key: a title people typed
	switch {
	case inOneTx:
		txRecv.Wake()
	case p.recv != nil:
		// A client hanging up must not drop a message already shown.
		if err := p.recv.Receive(context.WithoutCancel(ctx), in); err != nil {
			return msg.ID, fmt.Errorf("sandbox: receive message %d: %w", msg.ID, err)
		}
	}
	return msg.ID, nil
}

// record checks the chat and the reply and appends msg to the chat.
func (p *Platform) record(tx nb.Tx, chatName string, msg *nb.SandboxMessage) (*nb.Chat, error) {
	chat, err := findOrOpenChat(tx, chatName, msg.From)
	if err != nil {
		return nil, err
	}
	// Whoever writes is a person of the sandbox at once (the engine would
	// create them too, but only when it handles the message).
	if _, err := tx.EnsurePerson(nb.PlatformSandbox, msg.From, msg.From); err != nil {
		return nil, err
	}
	msg.ChatKey = chat.ExternalID
	if msg.ReplyTo != 0 {
		orig, err := tx.FindSandboxMessage(msg.ReplyTo)
		if nb.ErrorCode(err) == nb.ENOTFOUND || (err == nil && orig.ChatKey != msg.ChatKey) {
			return nil, nb.Errorf(nb.EINVALID, "reply_to: message %d is not in this chat", msg.ReplyTo)
		} else if err != nil {
			return nil, err
		}
	}
	return chat, tx.AppendSandboxMessage(msg)
}

// inbound is msg as the engine receives it.
func inbound(chat *nb.Chat, msg *nb.SandboxMessage) bot.Message {
	in := bot.Message{Platform: nb.PlatformSandbox, ChatID: msg.ChatKey, ChatKind: chat.Kind, ChatTitle: chat.Title,
		SenderID: msg.From, SenderName: msg.From, ID: strconv.FormatInt(msg.ID, 10), Text: msg.Text, At: msg.At}
	if msg.ReplyTo != 0 {
		in.ReplyTo = strconv.FormatInt(msg.ReplyTo, 10)
	}
	return in
}

// postChatKey is the key of the chat findOrOpenChat finds for name and from.
func postChatKey(name, from string) string {
	if name == PrivateChat {
		return PrivateKey(from)
	}
	return name
}

// findOrOpenChat returns the group titled name, or from's private chat
// with the bot (created on first use) when name is "private".
func findOrOpenChat(tx nb.Tx, name, from string) (*nb.Chat, error) {
	switch {
	case name == "":
		return nil, nb.Errorf(nb.EINVALID, "chat required")
	case name == PrivateChat:
		c := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: postChatKey(name, from), Kind: nb.ChatPrivate, Title: from}
		if err := tx.EnsureChat(c); err != nil {
			return nil, err
		}
		return c, nil
	}
	c, err := tx.FindChat(nb.PlatformSandbox, name)
	if nb.ErrorCode(err) == nb.ENOTFOUND || (err == nil && c.Kind != nb.ChatGroup) {
		return nil, nb.Errorf(nb.ENOTFOUND, "group %q not found", name)
	}
	return c, err
}

// cleanName checks a person's name or a group title: trimmed, required,
// at most max characters, valid UTF-8 and no control characters. what names
// the field in error messages.
func cleanName(s, what string, max int) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", nb.Errorf(nb.EINVALID, "%s required", what)
	case len([]rune(s)) > max:
		return "", nb.Errorf(nb.EINVALID, "%s too long (at most %d characters)", what, max)
	case !utf8.ValidString(s):
		return "", nb.Errorf(nb.EINVALID, "%s is not valid text", what)
	case strings.ContainsFunc(s, isControl):
		return "", nb.Errorf(nb.EINVALID, "%s must not contain control characters", what)
	case strings.ContainsFunc(s, isInvisible):
		return "", nb.Errorf(nb.EINVALID, "%s must not contain invisible characters", what)
	}
	return s, nil
}

// personName checks a person's name: as cleanName, and not the bot's own
// name, so that nobody can post as the bot.
func (p *Platform) personName(s string) (string, error) {
	name, err := cleanName(s, "name", MaxNameLen)
	if err != nil {
		return "", err
	}
	if strings.EqualFold(name, p.botName) {
		return "", nb.Errorf(nb.EINVALID, "name %q is the bot's own; pick another", name)
	}
	return name, nil
}

// isInvisible reports characters that print as nothing: format characters
// (zero-width spaces and joiners, direction marks) and blank fillers. A name
// with one could pass for another person's.
func isInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0 || r == 0x2800 || r == 0x180E
}

// isControl reports control characters, and the bidirectional overrides
// that could make a name read differently from what it is.
func isControl(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
