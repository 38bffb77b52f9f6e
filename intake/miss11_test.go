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
