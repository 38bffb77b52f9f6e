package intake

import "testing"

// Session 11, miss11 round: causes of blind reports left unacknowledged
// (dev-s20a..c), fixed as mechanisms.

// An A-not-A question (是不是着火, 要不要紧, 热不热) asks what its second half
// would state: 是不是着火 says no 不是着火.
func TestMiss11ANotA(t *testing.T) {
	for _, tc := range []struct {
		text    string
		retract bool
	}{
		{"楼道里一股焦味 不知道是不是着火了", false},
		{"配电箱那边冒烟了 是不是着火了 快来看看", false},
		{"刚才那个味不是着火 是烧纸", true},
	} {
		norm := Normalize(tc.text)
		if got := scanCues(norm).has(cueRetract); got != tc.retract {
			t.Errorf("%s: retract cue %v, want %v", tc.text, got, tc.retract)
		}
	}
	for _, tc := range []struct {
		before, word string
		want         bool
	}{{"不知道是", "不是着火", true}, {"要", "不要紧", true}, {"暖气热", "不热", true}, {"这", "不是着火", false}, {"", "不热", false}, {"是", "没事", false}} {
		if got := aNotAHalf(tc.before, tc.word); got != tc.want {
			t.Errorf("aNotAHalf(%q, %q) = %v, want %v", tc.before, tc.word, got, tc.want)
		}
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Understand("楼道里一股焦味 不知道是不是着火了"); !r.Ack || !r.Urgent {
		t.Errorf("a smell of burning asked about: ack %v urgent %v, want both", r.Ack, r.Urgent)
	}
}

// An earlier report to the office that came to nothing is a report about
// here, whatever the detector reads in the writer's words.
func TestMiss11Unanswered(t *testing.T) {
	for text, want := range map[string]bool{
		"报修了两次都说等":             true,
		"打物业电话说记下了 然后就没然后了":    true,
		"投诉过好几回 到现在也没人管":       true,
		"厨房的下水道堵了 报修了 师傅说明天来":  false,
		"没人来的时候我就在家看书":         false,
		"反映一下 东门的灯不亮":          false,
		"报修电话是多少 我家水龙头滴水 好几天了": false,
	} {
		if got := unanswered(Normalize(text)); got != want {
			t.Errorf("unanswered(%s) = %v, want %v", text, got, want)
		}
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"我家阳台推拉门关不严 报修了三回都说等", "我跑了两趟物业中心报修 说登记了 半个月没人来"} {
		if r := m.Understand(text); !r.Ack {
			t.Errorf("%s: not acknowledged (confidence %.2f)", text, r.Confidence)
		}
	}
	// a story about another place stays one
	if r := m.Understand("我姐她们小区报修了三次都没人来 真够呛"); r.Ack {
		t.Errorf("another estate's unanswered repair acknowledged")
	}
}
