package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// managers are the roles that may run officer commands.
var managers = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker, nb.RoleAdmin}

// workers may also report progress, resolve and acknowledge.
var workers = []nb.Role{nb.RoleOfficer, nb.RoleGridWorker, nb.RoleAdmin, nb.RoleDepartment}

// Router returns a router with every chat feature registered, wrapped in
// the Errors middleware.
func (h *Handlers) Router() *bot.Router {
	r := bot.NewRouter(h.cfg.BotUsername)
	r.Use(h.members, h.burnCodes)
	officer := bot.RequireRole(h.forbidden, managers...)
	worker := bot.RequireRole(h.forbidden, workers...)
	cmd := func(name string, verbs []string, fn bot.HandlerFunc, mw ...bot.Middleware) {
		r.Command(name, verbs, bot.Chain(fn, append([]bot.Middleware{h.Errors}, mw...)...))
	}
	cmd("report", []string{"报事", "报料", "反映"}, h.report)
	cmd("status", []string{"进度", "查询"}, h.status)
	cmd("mine", []string{"我的"}, h.mine)
	cmd("follow", []string{"关注"}, h.follow)
	cmd("help", []string{"帮助", "start"}, h.help)
	cmd("bind", []string{"绑定"}, h.bind)
	cmd("link", []string{"关联"}, h.link)
	cmd("rate", []string{"评价"}, h.rate)
	cmd("withdraw", []string{"撤回"}, h.withdrawOrCancel)
	cmd("cancel", nil, h.cancelNotice)
	cmd("notice", []string{"通知", "发通知"}, h.notice)
	cmd("noticestatus", []string{"通知状态"}, h.noticeStatus)
	cmd("approve", []string{"批准"}, h.approve)
	cmd("reject", []string{"拒绝"}, h.reject)
	cmd("appoint", []string{"任命"}, h.appoint)
	cmd("ambassadors", []string{"代言人"}, h.ambassadors)
	cmd("bindgroup", []string{"绑定群"}, h.bindGroup, officer)
	cmd("officersgroup", []string{"工作群"}, h.officersGroup, officer)
	cmd("revoke", []string{"撤销"}, h.revoke, officer)
	cmd("todo", []string{"待办"}, h.todo, officer)
	cmd("confirm", []string{"确认"}, h.confirm, officer)
	cmd("dismiss", []string{"驳回"}, h.dismiss, officer)
	cmd("merge", []string{"合并"}, h.merge, officer)
	cmd("accept", []string{"立项"}, h.accept, officer)
	cmd("assign", []string{"派单"}, h.assign, officer)
	cmd("whistle", []string{"吹哨"}, h.whistle, officer)
	cmd("ack", []string{"报到"}, h.ack, worker)
	cmd("progress", []string{"进展"}, h.progress, worker)
	cmd("resolve", []string{"办结"}, h.resolve, worker)
	cmd("extend", []string{"延期"}, h.extend, officer)
	cmd("overdue", []string{"超期"}, h.overdue, officer)
	cmd("case", []string{"详情"}, h.detail, worker)
	cmd("stats", []string{"统计"}, h.stats, officer)
	cmd("category", []string{"分类"}, h.recategorize, officer)
	cmd("login", []string{"登录"}, h.login, worker)
	r.Text(bot.Chain(h.text, h.Errors))
	r.Unknown(func(c *bot.Context) error { return c.Reply(h.l.T("unknown_command", c.Command.Verb)) })
	return r
}
