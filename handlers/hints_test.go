package handlers_test

import (
	"strings"
	"testing"
)

// TestWithdrawVerbsPointAtWithdraw: a resident who takes a report back
// with an officer's verb (#撤销, the taking back of a role), with #取消 or
// with /cancel (of notices) is shown #撤回 with the number they gave.
func TestWithdrawVerbsPointAtWithdraw(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "刘大爷", "5号楼门口垃圾没人收")
	w.one("g1", "刘大爷", "#撤销 "+itoa(n), "仅限社区工作人员", "#撤回 "+itoa(n))
	w.one("g1", "刘大爷", "#撤销", "仅限社区工作人员", "#撤回 编号")
	w.one("g1", "刘大爷", "#取消 "+itoa(n), "#撤回 "+itoa(n))
	w.one("g1", "刘大爷", "#取消 B3", "#撤回 B3")
	w.one("g1", "刘大爷", "/cancel "+itoa(n), "#撤回 "+itoa(n))
	if help := w.one("g1", "刘大爷", "#帮助").Text; strings.Contains(help, "#取消") {
		t.Errorf("#取消 is no command of the help: %q", help)
	}
	w.one("g1", "刘大爷", "#撤回 "+itoa(n), "撤回")
}
