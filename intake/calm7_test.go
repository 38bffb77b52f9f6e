package intake

import (
	"strings"
	"testing"
)

// Session 10, calm7 round: trouble words inside everyday words (a quarrel,
// a child's tantrum) no longer make chit-chat a report here; the same words
// about the building or a person down still do.
func TestCalm7Quarrel(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"吵了一晚上架 今天都不想说话", true},
		{"孩子吵着要买玩具", true},
		{"跟老公吵架了", true},
		{"夫妻俩争吵不休", true},
		{"楼上吵死了", false},
		{"吵了一晚上 睡不着", false},
		{"吵得人睡不着", false},
	} {
		norm := normalizeFolded(foldRunes(tc.text))
		i := strings.Index(norm, "吵")
		if got := quarrel(norm, i, norm[i+len("吵"):]); got != tc.want {
			t.Errorf("quarrel(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestCalm7Acks(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text        string
		ack, urgent bool
	}{
		{"吵了一晚上架 今天都不想说话", false, false},
		{"孩子吵着要买玩具 不给买就躺地上哭", false, false},
		// the building's noise and a person down stay reports
		{"楼下有人吵架 声音特别大", true, false},
		{"隔壁家天天吵架摔东西 动静大得吓人", true, false},
		{"快递柜那边有个大爷躺地上不动了 谁赶紧去看看", true, true},
		{"我在健身器材那边看到一个老人躺在地上 一动不动 叫他没反应 快来人", true, true},
	} {
		r := m.Understand(tc.text)
		if r.Ack != tc.ack || r.Urgent != tc.urgent {
			t.Errorf("%s: ack %v urgent %v, want %v %v (confidence %.2f)", tc.text, r.Ack, r.Urgent, tc.ack, tc.urgent, r.Confidence)
		}
	}
}
