package handlers_test

import (
	nb "github.com/neighborbot/neighborbot"
	"strings"
	"testing"
	"time"
)

func TestExtendInChat(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "9号楼单元门关不上")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	due := w.caseByID(n).DueAt
	w.one("g1", "书记", "#延期 "+itoa(n)+" 3天 需采购配件", "延至", "需采购配件")
	if got := w.caseByID(n).DueAt; !got.Equal(due.Add(72 * time.Hour)) {
		t.Fatalf("due %v, want %v", got, due.Add(72*time.Hour))
	}
	w.one("g1", "书记", "/extend "+itoa(n)+" 1d again", "已延期过")
	w.one("g1", "书记", "#延期 "+itoa(n)+" 很久 原因", "延期多久")
	w.one("g1", "书记", "#延期 "+itoa(n)+" 3天", "请写上原因")
	w.one("g1", "物业", "#延期 "+itoa(n)+" 3天 原因", "仅限社区工作人员")
	w.one("g1", "网格员2", "#延期 "+itoa(n)+" 3天 原因", "不在您负责的范围")
}

func TestOverdueAndTodoByDue(t *testing.T) {
	w := newWorld(t)
	late, _ := w.report("g1", "居民甲", "5号楼门口垃圾没人收")
	urgent, _ := w.report("g1", "居民甲", "3号楼电梯困人了")
	other, _ := w.report("g2", "居民乙", "7号楼路灯坏了")
	w.one("g1", "书记", "#立项 "+itoa(late)+" 幸福物业", "立项")
	w.one("g1", "书记", "#立项 "+itoa(urgent)+" 城管办", "立项")
	w.one("g2", "书记", "#立项 "+itoa(other)+" 幸福物业", "立项")
	w.now = w.now.Add(8 * 24 * time.Hour)
	m := w.one("g1", "书记", "#超期", "超期项目")
	if !strings.Contains(m.Text, "#"+itoa(late)+" ") || !strings.Contains(m.Text, "幸福物业") {
		t.Fatalf("overdue list: %q", m.Text)
	}
	w.one("g2", "网格员2", "/overdue", "#"+itoa(other)+" ")
	if m := w.one("g2", "网格员2", "/overdue"); strings.Contains(m.Text, "#"+itoa(late)+" ") {
		t.Fatalf("another grid's case in the list: %q", m.Text)
	}
	w.one("g1", "居民甲", "#超期", "仅限社区工作人员")
	todo := strings.Split(w.one("g1", "书记", "#待办", "期限").Text, "\n")
	if len(todo) < 4 || !strings.HasPrefix(todo[1], "#"+itoa(urgent)+" ") {
		t.Fatalf("the soonest deadline (the urgent case) comes first: %q", todo)
	}
}

func TestCaseTimeline(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "刘大爷", "3号楼井盖丢了 电话13812345678")
	w.one("g1", "书记", "#吹哨 "+itoa(n)+" 城管办", "吹哨")
	w.one("g1", "师傅", "#报到 "+itoa(n), "报到")
	w.one("g1", "书记", "#进展 "+itoa(n)+" 联系人13812345678已到场", "进展")
	m := w.one("g1", "书记", "#详情 "+itoa(n), "经过", "书记 吹哨 → 城管办", "师傅 报到", "刘** 反映")
	if strings.Contains(m.Text, "13812345678") || strings.Contains(m.Text, "刘大爷") {
		t.Fatalf("a resident's data must be masked: %q", m.Text)
	}
	w.one("g2", "网格员2", "/case "+itoa(n), "不在您负责的范围")
	w.one("g1", "刘大爷", "#详情 "+itoa(n), "仅限社区工作人员")
}

func TestStatsInChat(t *testing.T) {
	w := newWorld(t)
	a, _ := w.report("g1", "居民甲", "5号楼门口垃圾没人收")
	w.report("g2", "居民乙", "7号楼路灯坏了")
	w.one("g1", "书记", "#立项 "+itoa(a)+" 幸福物业", "立项")
	w.one("g1", "物业", "#办结 "+itoa(a)+" 已清运", "办结")
	w.one("g1", "居民甲", "#评价 "+itoa(a)+" 满意", "感谢")
	w.one("g1", "书记", "#统计 本月", "社区 本月统计", "话题 2 · 议题 1 · 项目 1 · 办结 1", "办结率 100%", "满意率 100%")
	m := w.one("g2", "网格员2", "/stats week", "二网格", "话题 1 · 议题 0 · 项目 0 · 办结 0", "办结率 —")
	if strings.Contains(m.Text, "满意率 100%") {
		t.Fatalf("another grid's rating counted: %q", m.Text)
	}
	w.one("g1", "书记", "#统计 昨天", "本周 / 本月 / 今年")
	w.one("g1", "居民甲", "#统计", "仅限社区工作人员")
}

func TestOfficersGroup(t *testing.T) {
	w := newWorld(t)
	w.one("社区工作群", "网格员2", "#工作群 社区", "不在您负责的范围")
	w.one("社区工作群", "书记", "#工作群 社区", "工作群", "社区")
	w.one("private:书记", "书记", "#工作群 社区", "请在要绑定的群里")
	err := w.db.View(w.ctx, func(tx nb.Tx) error {
		chats, err := tx.ListOfficersChats(w.units["社区"])
		if err != nil {
			return err
		}
		if len(chats) != 1 || chats[0].ExternalID != "社区工作群" {
			t.Fatalf("officers' chats of 社区: %+v", chats)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTimelineNamesEveryStep: a re-categorised case, one its reporter
// tried to withdraw (held: an officer acted on it) and a withdrawn one read
// in the chat's language in #详情 and #进度, and a step its stage refuses is
// named too, never by the action's internal name.
func TestTimelineNamesEveryStep(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "刘大爷", "5号楼门口垃圾没人收")
	w.one("g1", "书记", "#分类 "+itoa(n)+" 绿化", "绿化")
	w.one("g1", "刘大爷", "#撤回 "+itoa(n), "工作人员已在跟进")
	m, _ := w.report("g1", "刘大爷", "6号楼门口垃圾没人收")
	w.one("g1", "刘大爷", "#撤回 "+itoa(m), "撤回")
	texts := []string{
		w.one("g1", "书记", "#详情 "+itoa(n), "书记 改类别：", "刘** 反映人撤回未生效").Text,
		w.one("g1", "书记", "#详情 "+itoa(m), "刘** 撤回").Text,
		w.one("g1", "刘大爷", "#进度 "+itoa(m), "最新：撤回").Text,
		w.one("g1", "书记", "#分类 "+itoa(m)+" 宠物", "不能改类别").Text,
	}
	for _, text := range texts {
		if strings.Contains(text, "category") || strings.Contains(text, "withdraw") {
			t.Fatalf("an internal action name in the chat: %q", text)
		}
	}
}

// TestAssignToTheOwnerRefused: #派单 to the unit that already owns a
// project is refused, so it neither tells the unit of a "new" task again
// nor restarts the deadline past #延期's limit.
func TestAssignToTheOwnerRefused(t *testing.T) {
	w := newWorld(t)
	n, _ := w.report("g1", "居民甲", "9号楼单元门关不上")
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	due := w.caseByID(n).DueAt
	w.now = w.now.Add(24 * time.Hour)
	w.one("g1", "书记", "#派单 "+itoa(n)+" 幸福物业", "已由该单位承办")
	if got := w.caseByID(n).DueAt; !got.Equal(due) {
		t.Fatalf("due %v, want %v unchanged", got, due)
	}
	w.one("g1", "书记", "#派单 "+itoa(n)+" 城管办", "派单")
}
