package handlers

import (
	"strings"

	"github.com/neighborbot/neighborbot/bot"
)

var residentHelp = [2]string{`邻里哨使用说明：
· 直接在群里说遇到的问题即可，例如「3号楼楼道灯坏了好几天了」，机器人会登记并回复编号。
· #报事 内容 — 明确报事
· 回复登记消息「+1」「我也是」「同问」— 关注同一件事
· #进度 编号 — 查询进度；#我的 — 我反映或关注的事
· #关注 编号；#评价 编号 满意/基本满意/不满意
· 说错了？10 分钟内说「没事了」，或回复登记消息「不是报事」，或发送 #撤回 编号`,
	`NeighborBot help:
· Just say what is wrong in the group, e.g. "the stairway light of building 3 is broken"; the bot registers it and replies with a number.
· /report text — report explicitly
· Reply "+1" or "me too" to a report or the bot's acknowledgement — follow the same case
· /status N — where a case stands; /mine — cases you reported or follow
· /follow N; /rate N 1-3 (1 satisfied, 2 basic, 3 unsatisfied)
· Not a report after all? Say so within 10 minutes (没事了), reply "不是报事" to the acknowledgement, or send /withdraw N`}

// residentHelpEnd ends the residents' section of #帮助, after the lines of
// the commands table's residents' commands (#关联).
var residentHelpEnd = [2]string{"命令也可用英文 /report /status /mine /follow /rate /withdraw /link /help",
	"Chinese verbs work too: #报事 #进度 #我的 #关注 #评价 #撤回 #关联 #帮助"}

// sectionHeads head the sections of #帮助 after the residents' one.
var sectionHeads = map[int][2]string{
	forWork:    {"工作命令：", "Work commands:"},
	forNotices: {"通知命令：", "Notice commands:"},
}

// help: "#帮助" — residents' commands, then the work and notice commands
// the sender may use (commands, routes.go: the same table the router
// checks roles with).
func (h *Handlers) help(c *bot.Context) error {
	a := c.Actor()
	lines := map[int][]string{}
	for _, cmd := range h.commands() {
		if cmd.help[h.l] != "" && cmd.may(a) {
			lines[cmd.section] = append(lines[cmd.section], cmd.help[h.l])
		}
	}
	text := residentHelp[h.l]
	for _, l := range lines[forResidents] {
		text += "\n· " + l
	}
	text += "\n" + residentHelpEnd[h.l]
	for _, sec := range []int{forWork, forNotices} {
		if len(lines[sec]) > 0 {
			text += "\n\n" + sectionHeads[sec][h.l] + "\n" + strings.Join(lines[sec], "\n")
		}
	}
	return c.Reply(text)
}
