package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
)

// TestDecisionsLabelWhatTheDecisionSays: on a real SQLite store, through
// the chat, a dismissal teaches "not a report" only when its reason says
// so; a dismissal for another reason keeps a report (its category only if
// an officer confirmed it); a withdrawal teaches "not a report" only as a
// correction, and none when the trouble is over or when it called off an
// urgent alarm.
func TestDecisionsLabelWhatTheDecisionSays(t *testing.T) {
	w := newWorld(t)
	type want struct {
		label    bool // whether the case gives an example
		concern  int
		category bool // whether the example keeps the case's category
	}
	wants := map[string]want{}
	step := func(text string, wt want, decide func(n int64, ack string)) {
		t.Helper()
		w.now = w.now.Add(time.Hour) // past the retraction window of the last report
		n, _ := w.report("g1", "居民甲", text)
		decide(n, w.lastSentID())
		if st := w.caseByID(n).Stage; st != nb.StageDismissed && st != nb.StageIssue {
			t.Fatalf("%q: stage %s after the decision", text, st)
		}
		wants[text] = wt
	}
	officer := func(cmd string) func(int64, string) {
		return func(n int64, _ string) {
			t.Helper()
			w.say("g1", "书记", strings.ReplaceAll(cmd, "N", itoa(n)))
		}
	}
	reporter := func(text string, reply bool) func(int64, string) {
		return func(n int64, ack string) {
			t.Helper()
			if reply {
				w.say("g1", "居民甲", text, ack)
			} else {
				w.say("g1", "居民甲", strings.ReplaceAll(text, "N", itoa(n)))
			}
		}
	}
	step("8号楼下水道堵了，污水冒出来了", want{true, 1, false}, officer("#驳回 N 不属于社区管理范围"))
	step("东门的门禁又坏了 刷卡没反应", want{true, 1, true}, func(n int64, ack string) {
		officer("#确认 N")(n, ack)
		officer("#驳回 N 重复，已在处理")(n, ack)
	})
	step("群里好安静 是不是都在睡觉", want{true, 0, false}, officer("#驳回 N 不是报事"))
	step("楼下那家奶茶店新品挺好喝", want{true, 0, false}, officer("/dismiss N not a report"))
	step("今天的晚霞真好看 大家快看", want{true, 0, false}, officer("#驳回 N 闲聊，误识别"))
	step("5号楼电梯又坏了 老人上不去", want{true, 1, false}, officer("/dismiss N already fixed, handed to 12345"))
	step("18号楼门口的路灯坏了好几天了", want{true, 0, false}, reporter("不是报事", true))
	step("12号楼垃圾三天没人收", want{false, 0, false}, reporter("#撤回 N", false))
	step("3号楼的楼道灯不亮了", want{true, 0, false}, reporter("#撤回 N 发错了，是我搞错了", false))
	step("6号楼水管漏水了", want{false, 0, false}, func(n int64, ack string) {
		w.now = w.now.Add(time.Minute) // within the retraction window
		reporter("没事了 物业已经修好了", false)(n, ack)
	})
	w.now = w.now.Add(time.Hour)
	n, _ := w.report("g1", "居民甲", "3栋楼道里一股煤气味 好冲")
	if cs := w.caseByID(n); cs.Priority != nb.PriorityUrgent {
		t.Fatalf("the gas smell is not urgent: %s", cs.Priority)
	}
	w.now = w.now.Add(time.Minute)
	w.say("g1", "居民甲", "没事了 是我搞错了 是我家炖肉糊了")
	if st := w.caseByID(n).Stage; st != nb.StageDismissed {
		t.Fatalf("the gas report was not withdrawn: %s", st)
	}
	wants["3栋楼道里一股煤气味 好冲"] = want{false, 0, false}

	var exs []intake.Example
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { exs, err = handlers.Decisions(tx, time.Time{}); return err }); err != nil {
		t.Fatal(err)
	}
	got := map[string]intake.Example{}
	for _, ex := range exs {
		got[ex.Text] = ex
	}
	for text, wt := range wants {
		ex, ok := got[text]
		switch {
		case ok != wt.label:
			t.Errorf("%q: labelled %v (%+v), want %v", text, ok, ex, wt.label)
		case ok && ex.Concern != wt.concern:
			t.Errorf("%q: concern %d, want %d", text, ex.Concern, wt.concern)
		case ok && (ex.Category != "") != wt.category:
			t.Errorf("%q: category %q, want one: %v", text, ex.Category, wt.category)
		}
	}
	if len(exs) != 8 {
		t.Errorf("%d examples, want 8: %+v", len(exs), exs)
	}
}

// TestDismissalReasons: the reasons officers type, in Chinese and English,
// that say a message was not a report, and those that keep it one.
func TestDismissalReasons(t *testing.T) {
	for reason, want := range map[string]bool{
		"不是报事": true, "这不是报事，是闲聊": true, "不是 报事": true, "不是问题": true, "群友闲聊": true,
		"误报": true, "机器误识别": true, "发错了": true, "ＮＯＴ　Ａ　ＲＥＰＯＲＴ": true, "not a concern": true,
		"chit-chat": true, "Chit chat, not a complaint": true, "just chatting": true, "false positive": true,
		"不属于社区管理范围": false, "重复": false, "已解决": false, "已转12345": false, "不是问题了，已修好": false,
		"已经不是问题了": false, "不是误报，但属于燃气公司": false, "not a community matter": false, "duplicate of #8": false,
		"no longer an issue, fixed": false, "handed to 12345": false, "小广告请联系城管": false, "": false,
	} {
		if got := handlers.DismissalTeachesNotReport(reason); got != want {
			t.Errorf("%q: teaches not a report %v, want %v", reason, got, want)
		}
	}
}

// TestDismissTellsTheOfficerWhatItTeaches: an officer dismissing from a
// private chat hears what a retraining learns from the reason; the group
// hears only the reason; a dismissal with no reason says which to write.
func TestDismissTellsTheOfficerWhatItTeaches(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		text, reason, teaches string
		n                     int64
	}{
		{"8号楼下水道堵了，污水冒出来了", "不属于社区管理范围", "这条仍算报事", 0},
		{"群里好安静 是不是都在睡觉", "不是报事", "这条记为「不是报事」", 0},
	}
	for i := range cases { // reported before the officer writes privately (and hears of new ones there)
		w.now = w.now.Add(time.Hour)
		cases[i].n, _ = w.report("g1", "居民甲", cases[i].text)
	}
	for _, c := range cases {
		w.one("g1", "书记", "#驳回 "+itoa(c.n), "请写上原因", "#驳回 "+itoa(c.n)+" 不是报事", "仍算报事")
		_, got := w.say("private:书记", "书记", "#驳回 "+itoa(c.n)+" "+c.reason)
		var private, group string
		for _, m := range got {
			if m.ChatID == "g1" {
				group += m.Text
			} else {
				private += m.Text
			}
		}
		if !strings.Contains(group, c.reason) || strings.Contains(group, "重训") {
			t.Errorf("%q: the group hears %q", c.reason, group)
		}
		if !strings.Contains(private, "未予立项") || !strings.Contains(private, c.teaches) {
			t.Errorf("%q: the officer hears %q, want %q", c.reason, private, c.teaches)
		}
	}
}

// TestWithdrawalNotes: what a reporter's withdrawal teaches, from the
// words recorded with it, with or without a reason in 〔〕 before them.
func TestWithdrawalNotes(t *testing.T) {
	for _, c := range []struct {
		note        string
		urgent, fix bool
	}{
		{"不是报事", false, true}, {"不是报事", true, true}, {"发错了", false, true}, {"是我搞错了，不好意思", false, true},
		{"sorry, my mistake", false, true}, {"〔误报〕看错了", false, true}, {"〔误报〕不是报事", true, true},
		{"没事了 是我搞错了 是我家炖肉糊了", true, false}, {"〔误报〕是我家炖肉糊了", true, false},
		{"没事了", false, false}, {"好了，修好了", false, false}, {"", false, false}, {"撤回", false, false},
		{"〔已没事〕没事了 搞错了位置 已经修好了", false, false}, {"没有搞错，但是已经修好了", false, false},
	} {
		if got := handlers.WithdrawalIsCorrection(c.note, c.urgent); got != c.fix {
			t.Errorf("%q (urgent %v): a correction %v, want %v", c.note, c.urgent, got, c.fix)
		}
	}
}
