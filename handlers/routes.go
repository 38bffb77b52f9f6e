package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/broadcasts"
)

// managers are the roles that may run officer commands.
var managers = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker, nb.RoleAdmin}

// workers may also report progress, resolve and acknowledge.
var workers = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker, nb.RoleAdmin, nb.RoleDepartment}

// Sections of #帮助.
const (
	forResidents = iota // to everyone: residentHelp's prose, then the lines of the table
	forWork             // work commands, to people with a role
	forNotices          // notice commands
)

// command is one chat command: its verbs, who may use it and its line of
// #帮助, so that the help shows each person what they may use.
type command struct {
	name  string
	verbs []string
	fn    bot.HandlerFunc
	who   []nb.Role // who may use it; nil: everyone
	// guarded: who is checked by the router (bot.RequireRole); otherwise
	// the service behind the handler checks it (broadcasts.Authors,
	// broadcasts.Approvers) and who mirrors that check.
	guarded bool
	section int
	help    [2]string // its line in #帮助; none for the residents' commands residentHelp tells
}

// commands lists every chat command, in the order #帮助 shows them.
func (h *Handlers) commands() []command {
	anyone := func(name string, verbs []string, fn bot.HandlerFunc) command {
		return command{name: name, verbs: verbs, fn: fn}
	}
	work := func(name string, verbs []string, fn bot.HandlerFunc, who []nb.Role, zh, en string) command {
		return command{name: name, verbs: verbs, fn: fn, who: who, guarded: true, section: forWork, help: [2]string{zh, en}}
	}
	notice := func(name string, verbs []string, fn bot.HandlerFunc, who []nb.Role, zh, en string) command {
		return command{name: name, verbs: verbs, fn: fn, who: who, section: forNotices, help: [2]string{zh, en}}
	}
	return []command{
		anyone("report", []string{"报事", "报料", "反映"}, h.report),
		anyone("status", []string{"进度", "查询"}, h.status),
		anyone("mine", []string{"我的"}, h.mine),
		anyone("follow", []string{"关注"}, h.follow),
		anyone("help", []string{"帮助", "start"}, h.help),
		anyone("bind", []string{"绑定"}, h.bind),
		anyone("rate", []string{"评价"}, h.rate),
		anyone("withdraw", []string{"撤回"}, h.withdrawOrCancel),
		anyone("cancelhint", []string{"取消"}, h.cancelHint), // not a command: shows #撤回
		{name: "link", verbs: []string{"关联"}, fn: h.link, section: forResidents, help: [2]string{
			"#关联 — 私聊发送，把您在另一平台（Telegram/微信）的账号关联为同一人",
			"/link — in a private chat: join your account on another platform (Telegram/WeChat) to this one"}},
		work("todo", []string{"待办"}, h.todo, managers, "#待办 [页] — 待审核列表、紧急诉求与办理中的项目", "/todo [page] — the review list, urgent cases, then projects"),
		work("overdue", []string{"超期"}, h.overdue, managers, "#超期 — 超期项目", "/overdue — overdue projects"),
		work("case", []string{"详情"}, h.detail, workers, "#详情 N — 经过", "/case N — timeline"),
		work("stats", []string{"统计"}, h.stats, managers, "#统计 [本周|本月|今年]", "/stats [week|month|year]"),
		work("confirm", []string{"确认"}, h.confirm, managers, "#确认 N", "/confirm N"),
		work("dismiss", []string{"驳回"}, h.dismiss, managers, "#驳回 N 原因 — 原因写「不是报事」，机器人重训时学到这类话不是报事；其他原因（重复、已解决、不归社区管）仍算报事",
			"/dismiss N reason — \"not a report\" teaches the bot on retraining that such messages are not reports; other reasons (duplicate, solved, not ours) keep it a report"),
		work("merge", []string{"合并"}, h.merge, managers, "#合并 N M", "/merge N M"),
		work("category", []string{"分类"}, h.recategorize, managers, "#分类 N 类别", "/category N name"),
		work("accept", []string{"立项"}, h.accept, managers, "#立项 N [承办单位]", "/accept N [unit]"),
		work("assign", []string{"派单"}, h.assign, managers, "#派单 N 单位", "/assign N unit"),
		work("whistle", []string{"吹哨"}, h.whistle, managers, "#吹哨 N 单位", "/whistle N unit"),
		work("extend", []string{"延期"}, h.extend, managers, "#延期 N 3天 原因", "/extend N 3d reason"),
		work("ack", []string{"报到"}, h.ack, workers, "#报到 N — 被吹哨的单位报到", "/ack N — the whistled unit reports for duty"),
		work("progress", []string{"进展"}, h.progress, workers, "#进展 N 内容", "/progress N text"),
		work("resolve", []string{"办结"}, h.resolve, workers, "#办结 N 结果", "/resolve N result"),
		work("bindgroup", []string{"绑定群"}, h.bindGroup, managers, "#绑定群 单位 — 把本群绑定到网格/社区",
			"/bindgroup unit — bind this group to a grid or community"),
		work("officersgroup", []string{"工作群"}, h.officersGroup, managers, "#工作群 单位 — 设为工作人员群（接收升级与周报）",
			"/officersgroup unit — make it the officers' work group (escalations, weekly report)"),
		work("revoke", []string{"撤销"}, h.revoke, managers, "#撤销 名字 角色 — 撤销您负责范围内某人的角色",
			"/revoke name role — take a role back from someone in your area"),
		work("login", []string{"登录"}, h.login, workers, "#登录 — 私聊获取工作台（网页）一次性登录码",
			"/login — in a private chat: a one-time code for the web desk"),
		notice("notice", []string{"通知", "发通知"}, h.notice, broadcasts.Authors,
			"#通知 内容 — 发到本单位各群；#通知 @单位 内容 — 更大范围需审批；#通知 --at 2026-12-01T09:00 内容 — 定时",
			"/notice text — to every group of your unit; /notice --scope unit text — wider, needs approval; /notice --at 2026-12-01T09:00 text — scheduled"),
		notice("noticestatus", []string{"通知状态"}, h.noticeStatus, broadcasts.Authors, "#通知状态 B7 — 送达情况", "/notice status B7 — delivery"),
		notice("cancel", nil, h.cancelNotice, broadcasts.Authors, "#撤回 B7 — 撤回未发出的通知", "/cancel B7 — cancel what has not gone out"),
		notice("appoint", []string{"任命"}, h.appoint, broadcasts.Approvers, "#任命 名字 [单位] — 任命宣传代言人", "/appoint name [unit] — appoint an ambassador"),
		notice("ambassadors", []string{"代言人"}, h.ambassadors, broadcasts.Approvers, "#代言人 — 代言人名单", "/ambassadors — the list"),
		notice("approve", []string{"批准"}, h.approve, broadcasts.Approvers, "#批准 B7", "/approve B7"),
		notice("reject", []string{"拒绝"}, h.reject, broadcasts.Approvers, "#拒绝 B7 原因", "/reject B7 reason"),
	}
}

// may reports whether a may use cmd.
func (cmd command) may(a nb.Actor) bool { return cmd.who == nil || a.HasRole(cmd.who...) }

// Router returns a router with every chat feature registered, wrapped in
// the Errors middleware.
func (h *Handlers) Router() *bot.Router {
	r := bot.NewRouter(h.cfg.BotUsername)
	r.Use(h.members, h.burnCodes)
	for _, cmd := range h.commands() {
		mw := []bot.Middleware{h.Errors}
		if cmd.guarded {
			mw = append(mw, bot.RequireRole(h.forbidden, cmd.who...))
		}
		r.Command(cmd.name, cmd.verbs, bot.Chain(cmd.fn, mw...))
	}
	r.Text(bot.Chain(h.text, h.Errors))
	r.Unknown(func(c *bot.Context) error { return c.Reply(h.l.T("unknown_command", c.Command.Verb)) })
	return r
}
