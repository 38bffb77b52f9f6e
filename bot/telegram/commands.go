package telegram

import (
	"context"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// menuEntry is one command of the menu, described in both languages.
type menuEntry struct{ command, zh, en string }

// residentMenu is shown everywhere; officerMenu adds the officers'
// commands in private chats, where officers work their cases.
var (
	residentMenu = []menuEntry{
		{"report", "报事：说说哪里有问题", "Report a problem"},
		{"status", "查进度：/status 编号", "Where a case stands: /status N"},
		{"mine", "我反映和关注的事", "Cases you reported or follow"},
		{"follow", "关注：/follow 编号", "Follow a case: /follow N"},
		{"rate", "评价：/rate 编号 1-3", "Rate: /rate N 1-3"},
		{"help", "帮助", "Help"},
	}
	officerMenu = append(append([]menuEntry(nil), residentMenu...),
		menuEntry{"bind", "绑定身份：/bind 邀请码", "Redeem an invite: /bind CODE"},
		menuEntry{"todo", "待办", "Open cases in your area"},
		menuEntry{"accept", "立项：/accept 编号 [单位]", "Accept: /accept N [unit]"},
		menuEntry{"assign", "派单：/assign 编号 单位", "Assign: /assign N unit"},
		menuEntry{"whistle", "吹哨：/whistle 编号 单位", "Whistle: /whistle N unit"},
		menuEntry{"ack", "报到：/ack 编号", "Report for duty: /ack N"},
		menuEntry{"progress", "进展：/progress 编号 内容", "Progress: /progress N text"},
		menuEntry{"resolve", "办结：/resolve 编号 结果", "Resolve: /resolve N result"},
		menuEntry{"dismiss", "驳回：/dismiss 编号 原因", "Dismiss: /dismiss N reason"},
		menuEntry{"bindgroup", "绑定群：/bindgroup 单位", "Bind this group: /bindgroup unit"},
		menuEntry{"notice", "发通知：/notice 内容", "Send a notice: /notice text"},
		menuEntry{"approve", "批准通知：/approve B编号", "Approve a notice: /approve B7"},
	)
)

// SetCommands registers the command menu (setMyCommands): residents'
// commands by default, the officers' set in private chats, each in Chinese
// (the default and "zh") and English ("en"). Failures are logged: the bot
// works without a menu.
func (a *Adapter) SetCommands(ctx context.Context) {
	scopes := []struct {
		scope models.BotCommandScope
		menu  []menuEntry
	}{{&models.BotCommandScopeDefault{}, residentMenu}, {&models.BotCommandScopeAllPrivateChats{}, officerMenu}}
	for _, s := range scopes {
		for _, lang := range []string{"", "zh", "en"} {
			cmds := make([]models.BotCommand, len(s.menu))
			for i, e := range s.menu {
				desc := e.zh
				if lang == "en" || (lang == "" && a.en) {
					desc = e.en
				}
				cmds[i] = models.BotCommand{Command: e.command, Description: desc}
			}
			_, err := a.api.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: cmds, Scope: s.scope, LanguageCode: lang})
			if err != nil {
				a.logger.Warn("telegram: setMyCommands failed", "language", lang, "err", a.redact(err))
				return
			}
		}
	}
}
