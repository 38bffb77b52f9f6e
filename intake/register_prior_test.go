package intake

import "testing"

// TestRegisterPriorHoldsBackPrivateDangers: the shipped model carries the
// register prior (testdata/ACKS-CV-13.md); a danger told in a private text
// is not forced to the acknowledgement threshold, while a group report of
// the same danger still is.
func TestRegisterPriorHoldsBackPrivateDangers(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.data.Private == nil || m.force.private == nil {
		t.Fatal("the default model has no register prior")
	}
	for _, c := range []struct {
		text    string
		private bool
	}{
		{"妈 我昨天加班到很晚 你别担心 早点睡", true},
		{"老公 你下班路上小心点 听说高架上出车祸了", true},
		{"3号楼电梯困人了 快来人", false},
		{"5栋2单元楼道里冒烟了 大家快下楼", false},
	} {
		p := m.force.privateProb(ackscv13IDs(m, c.text))
		if (p >= privateCut) != c.private {
			t.Errorf("%s: P(private) %.2f, want private %v", c.text, p, c.private)
		}
	}
	for _, text := range []string{"3号楼电梯困人了 快来人", "5栋2单元楼道里冒烟了 大家快下楼"} {
		if r := m.Understand(text); !r.Ack || !r.Urgent {
			t.Errorf("%s: ack %v urgent %v, want an urgent report acknowledged", text, r.Ack, r.Urgent)
		}
	}
}
