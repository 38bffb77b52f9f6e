package wechat

import (
	"context"
	"regexp"
	"strings"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
)

// A new group member is greeted once, with Config.Welcome (off when empty):
// "@名字" + U+2005 and how to report, sent through the outbox like any
// notice, so it is paced and counted against the hourly cap.

// Default welcome texts (cmd/neighborbot picks one by language).
const (
	WelcomeZH = "欢迎入群！小区里有问题（如“3号楼门口垃圾没人清”），直接在群里说一句即可，我会登记编号并在群里告知进展；发 #进度 编号 查看进展，#帮助 查看更多。"
	WelcomeEN = "Welcome! If something in the neighbourhood needs fixing, just say it here: I will register it with a number and post its progress in this group. Send /status N for progress, /help for more."
)

// The library tells a join only by the words of the system notice
// (IsJoinGroup); the names are read from the same words:
//
//	"张三"邀请"李四、王五"加入了群聊
//	你邀请"李四"加入了群聊
//	"李四"通过扫描"张三"分享的二维码加入群聊
var (
	invitedRE = regexp.MustCompile(`邀请[“"](.+?)[”"]加入了群聊`)
	scannedRE = regexp.MustCompile(`^[“"](.+?)[”"]通过扫描.*分享的二维码加入群聊`)
)

// joinedNames returns the names of the members a join notice announces.
func joinedNames(content string) []string {
	content = strings.TrimSpace(content)
	sub := invitedRE.FindStringSubmatch(content)
	if sub == nil {
		sub = scannedRE.FindStringSubmatch(content)
	}
	if sub == nil {
		return nil
	}
	var names []string
	for _, n := range strings.Split(sub[1], "、") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// joined greets the members a join notice announces, once per notice (a
// notice delivered again after a re-login is recognised by its MsgId while
// the process runs).
func (a *Adapter) joined(ctx context.Context, msg *openwechat.Message) {
	if a.cfg.Welcome == "" {
		return
	}
	names := joinedNames(msg.Content)
	if len(names) == 0 {
		a.log.Warn("wechat: a join notice without names", "message_id", msg.MsgId)
		return
	}
	if _, seen := a.quotes.get("join:" + msg.MsgId); seen {
		return
	}
	a.quotes.put("join:"+msg.MsgId, quote{})
	a.lib.Lock()
	group, err := msg.Sender()
	a.lib.Unlock()
	if err != nil {
		a.log.Warn("wechat: a join notice from an unknown group", "message_id", msg.MsgId, "err", safeErr(err))
		return
	}
	title := a.canonical(strings.TrimSpace(group.NickName))
	if title == "" {
		return
	}
	var mentions []string
	for _, n := range names {
		mentions = append(mentions, MemberID(title, n))
	}
	out := &nb.OutboxMessage{Platform: nb.PlatformWeChat, ChatExternalID: ChatID(title), Text: a.cfg.Welcome,
		Mentions: mentions}
	a.postJob(ctx, "wechat_welcome", func(_ context.Context, tx nb.Tx) (int, error) {
		return 1, tx.EnqueueOutbox(out)
	})
	a.log.Info("wechat: new members welcomed", "title", title, "count", len(names))
}
