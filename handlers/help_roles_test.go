package handlers_test

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestHelpShowsEachRoleItsCommands: #帮助 lists the commands each role may
// use, as the router and the notice service check them, and no others.
func TestHelpShowsEachRoleItsCommands(t *testing.T) {
	w := newWorld(t)
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { w.grant(tx, "管理员", nb.RoleAdmin, "街道"); return nil }); err != nil {
		t.Fatal(err)
	}
	w.appointAmbassador() // 居民甲, of 一网格
	for _, c := range []struct {
		who, chat   string
		has, hasNot []string
	}{
		{"居民乙", "g1", []string{"#报事", "#进度", "· #关联 — 私聊发送"}, []string{"工作命令", "#报到", "#通知 内容", "#立项"}},
		{"居民甲", "g1", []string{"#报事", "#通知 内容", "#通知状态 B7", "#撤回 B7"},
			[]string{"#立项", "#报到", "#批准", "#任命", "#登录"}},
		{"师傅", "private:师傅", []string{"#报到 N", "#进展 N", "#办结 N", "#详情 N", "#登录", "#关联"},
			[]string{"#立项", "#派单", "#统计", "#待办", "#驳回", "#吹哨", "#绑定群", "#撤销", "#通知 内容", "#批准"}},
		{"网格员2", "g2", []string{"#立项", "#派单", "#统计", "#报到 N", "#办结 N"}, []string{"#通知 内容", "#批准", "#任命"}},
		{"书记", "private:书记", []string{"#立项", "#统计", "#报到 N", "#通知 内容", "#批准", "#任命", "#代言人"}, nil},
		{"管理员", "private:管理员", []string{"#立项", "#撤销", "#通知 内容", "#批准"}, nil},
	} {
		got := w.one(c.chat, c.who, "#帮助", c.has...).Text
		// #关联 is anyone's: told once, among the residents' commands
		if n, work := strings.Index(got, "#关联"), strings.Index(got, "工作命令"); strings.Count(got, "#关联") != 1 || work >= 0 && n > work {
			t.Errorf("%s's help does not tell #关联 once among the residents' commands:\n%s", c.who, got)
		}
		for _, no := range c.hasNot {
			if strings.Contains(got, no) {
				t.Errorf("%s's help offers %s, which they may not use:\n%s", c.who, no, got)
			}
		}
	}
}
