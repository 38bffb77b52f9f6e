package intake

import "testing"

// Session 11's code review (review11) found five rules of the session that
// fired in the wrong sense; each case below failed before its fix.

func TestReview11Findings(t *testing.T) {
	checkAckUrgent(t, []ackUrgentCase{
		// a reassurance about the people does not call off a fire or a gas leak
		{"5号楼3单元着火了 烟好大 我们全家跑出来了 没事", true, true},
		{"7栋燃气泄漏 味道很大 邻居都撤出来了 放心", true, true},
		// a fever, not a fire
		{"孩子烧到了三十九度", false, false},
		// a soaked e-bike or television is no live wire
		{"电视机泡水了 有没有人会修", false, false},
	})
	if u, _ := urgencyOf(scanCues(Normalize("昨天下暴雨 电动车全泡水了"))); u {
		t.Error("昨天下暴雨 电动车全泡水了: a danger; a soaked e-bike is not a live wire")
	}
	if u, _ := urgencyOf(scanCues(Normalize("3号楼楼道插线板泡水了"))); !u {
		t.Error("3号楼楼道插线板泡水了: no danger; a soaked power strip is one")
	}
	if !scanCues(Normalize("报修了不了了之")).has(cueNoAnswer) {
		t.Error("报修了不了了之: 不了了之 read as the second half of 了不了")
	}
	for _, text := range []string{"请问一下，如果停电了电梯里有人怎么办", "问一下，如果停电了电梯里有人怎么办"} {
		if got := afterAsk(Normalize(text)); got[0] == '-' || len(got) >= len(Normalize(text)) || hasPrefixAny(got, "一下", "下") {
			t.Errorf("afterAsk(%q) = %q: the opener is not all cut", text, got)
		}
	}
}

func hasPrefixAny(s string, ps ...string) bool { return prefixAny(s, ps) }
