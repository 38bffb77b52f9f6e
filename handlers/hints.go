package handlers

import (
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// withdrawHint points a person who took something back with another verb
// ("#撤销 24", "#取消 24", "/cancel 24") at #撤回, with what they named when
// it is a case number or a notice code.
func (h *Handlers) withdrawHint(c *bot.Context) string {
	arg := strings.TrimLeft(bot.Fold(c.Command.Arg(0)), "#")
	if _, notice := nb.ParseNoticeCode(arg); !notice && !numberArg(c) {
		arg = h.l.T("hint_n")
	}
	return h.l.T("withdraw_hint", arg)
}

// cancelHint: "#取消 N" — no command of its own: the person is told that
// #撤回 takes back their report or notice.
func (h *Handlers) cancelHint(c *bot.Context) error { return c.Reply(h.withdrawHint(c)) }

// numberArg reports whether the command's first argument is a case number.
func numberArg(c *bot.Context) bool {
	_, err := strconv.ParseInt(strings.TrimLeft(bot.Fold(c.Command.Arg(0)), "#"), 10, 64)
	return err == nil
}

func init() {
	texts["withdraw_hint"] = [2]string{"撤回自己的反映（或未发出的通知）请用 #撤回，例如：#撤回 %s",
		"To take back your own report (or a notice not yet sent), use /withdraw, e.g. /withdraw %s"}
	texts["hint_n"] = [2]string{"编号", "N"}
}
