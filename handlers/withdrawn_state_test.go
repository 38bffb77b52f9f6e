package handlers_test

import (
	"strings"
	"testing"
)

// TestWithdrawnCaseReadsWithdrawn: a case its reporter withdrew reads
// 已撤回 in #进度, #我的 and #详情, and a refused step on it names it so;
// an officer's 驳回 still reads 已驳回.
func TestWithdrawnCaseReadsWithdrawn(t *testing.T) {
	w := newWorld(t)
	a, _ := w.report("g1", "居民甲", "18号楼门口的路灯坏了好几天了")
	b, _ := w.report("g1", "居民甲", "3号楼楼道灯不亮了")
	w.one("g1", "居民甲", "#撤回 "+itoa(a), "撤回")
	w.one("g1", "书记", "#驳回 "+itoa(b)+" 已由物业自行处理", "已由物业自行处理")

	w.one("g1", "居民甲", "#进度 "+itoa(a), "状态：已撤回")
	w.one("g1", "居民甲", "#进度 "+itoa(b), "状态：已驳回")
	mine := w.one("g1", "居民甲", "#我的").Text
	if !strings.Contains(mine, "#"+itoa(a)) || !strings.Contains(mine, "已撤回") || !strings.Contains(mine, "已驳回") {
		t.Errorf("#我的 does not tell the withdrawn case from the dismissed one:\n%s", mine)
	}
	for _, line := range strings.Split(mine, "\n") {
		if strings.HasPrefix(line, "#"+itoa(a)+" ") && !strings.HasSuffix(line, "已撤回") {
			t.Errorf("#我的 line of the withdrawn case: %q", line)
		}
	}
	w.one("g1", "书记", "#详情 "+itoa(a), "状态：已撤回")
	w.one("g1", "书记", "#确认 "+itoa(a), "已撤回")
}
