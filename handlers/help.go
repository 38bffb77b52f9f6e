package handlers

import (
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

var residentHelp = [2]string{`邻里哨使用说明：
· 直接在群里说遇到的问题即可，例如「3号楼楼道灯坏了好几天了」，机器人会登记并回复编号。
· #报事 内容 — 明确报事
· 回复登记消息「+1」「我也是」「同问」— 关注同一件事
· #进度 编号 — 查询进度；#我的 — 我反映或关注的事
· #关注 编号；#评价 编号 满意/基本满意/不满意
· 说错了？10 分钟内说「没事了」，或回复登记消息「不是报事」，或发送 #撤回 编号
命令也可用英文 /report /status /mine /follow /rate /withdraw /help`,
	`NeighborBot help:
· Just say what is wrong in the group, e.g. "the stairway light of building 3 is broken"; the bot registers it and replies with a number.
· /report text — report explicitly
· Reply "+1" or "me too" to a report or the bot's acknowledgement — follow the same case
· /status N — where a case stands; /mine — cases you reported or follow
· /follow N; /rate N 1-3 (1 satisfied, 2 basic, 3 unsatisfied)
· Not a report after all? Say so within 10 minutes (没事了), reply "不是报事" to the acknowledgement, or send /withdraw N
Chinese verbs work too: #报事 #进度 #我的 #关注 #评价 #撤回 #帮助`}

var officerHelp = [2]string{`工作人员命令：
#待办 — 待办与待审核列表；#超期 — 超期项目；#详情 N — 经过
#延期 N 3天 原因；#统计 [本周|本月|今年]
#确认 N；#驳回 N 原因；#合并 N M；#分类 N 类别
#立项 N [承办单位]；#派单 N 单位；#吹哨 N 单位
#报到 N；#进展 N 内容；#办结 N 结果
#绑定群 单位 — 把本群绑定到网格/社区；#工作群 单位 — 设为工作人员群（接收升级与周报）
#撤销 名字 角色 — 撤销您负责范围内某人的角色
#任命 名字 [单位] — 任命宣传代言人；#代言人 — 代言人名单；#批准 B7；#拒绝 B7 原因
#关联 — 私聊发送，把您在另一平台（Telegram/微信）的账号关联为同一人
#登录 — 私聊获取工作台（网页）一次性登录码`,
	`Officer commands:
/todo — open cases and the review list; /overdue — overdue projects; /case N — timeline
/extend N 3d reason; /stats [week|month|year]
/confirm N; /dismiss N reason; /merge N M; /category N name
/accept N [unit]; /assign N unit; /whistle N unit
/ack N; /progress N text; /resolve N result
/bindgroup unit — bind this group to a grid or community; /officersgroup unit — make it the officers' work group (escalations, weekly report)
/revoke name role — take a role back from someone in your area
/appoint name [unit] — appoint an ambassador; /ambassadors — the list; /approve B7; /reject B7 reason
/link — in a private chat: join your account on another platform (Telegram/WeChat) to this one
/login — in a private chat: a one-time code for the web desk`}

var noticeHelp = [2]string{`通知命令（宣传代言人、工作人员）：
#通知 内容 — 发到本单位各群；#通知 @单位 内容 — 更大范围需审批；#通知 --at 2026-12-01T09:00 内容 — 定时
#通知状态 B7 — 送达情况；#撤回 B7 — 撤回未发出的通知`,
	`Notice commands (ambassadors, officers):
/notice text — to every group of your unit; /notice --scope unit text — wider, needs approval; /notice --at 2026-12-01T09:00 text — scheduled
/notice status B7 — delivery; /cancel B7 — cancel what has not gone out`}

// help: "#帮助" — residents' commands, plus officers' for officers.
func (h *Handlers) help(c *bot.Context) error {
	text := residentHelp[h.l]
	if c.Actor().HasRole(workers...) {
		text += "\n\n" + officerHelp[h.l]
	}
	if c.Actor().HasRole(nb.RoleAmbassador, nb.RoleOfficer, nb.RoleAdmin) {
		text += "\n\n" + noticeHelp[h.l]
	}
	return c.Reply(text)
}
