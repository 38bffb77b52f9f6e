package handlers_test

import "testing"

// TestDoneTwiceIsToldCalmly: withdrawing a withdrawn case, or dismissing a
// dismissed one, is answered as done already, not as a step its stage
// forbids; a step another state forbids still says so.
func TestDoneTwiceIsToldCalmly(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "刘大爷", "5号楼门口垃圾没人收")
	w.one("g1", "刘大爷", "#撤回 "+itoa(n), "撤回")
	w.one("g1", "刘大爷", "#撤回 "+itoa(n), "#"+itoa(n)+" 已是「已撤回」，无需再撤回。")
	m, _ := w.report("g1", "刘大爷", "3号楼楼道灯坏了")
	w.one("g1", "书记", "#驳回 "+itoa(m)+" 不属于社区事务", "未予立项")
	w.one("g1", "书记", "#驳回 "+itoa(m)+" 重复", "已是「已驳回」，无需再驳回。")
	w.one("g1", "刘大爷", "#撤回 "+itoa(m), "目前是「已驳回」，不能撤回。")
}
