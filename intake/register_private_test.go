package intake

import "testing"

func TestAddressedToFamily(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"弟，今天车坏在半路了", true},
		{"老公 下班顺路买瓶酱油", true},
		{"  妈: 我到了", true},
		{"妈妈说楼下着火了", false}, // the subject, not a call
		{"我妈，腿摔了", false},
		{"哥，你的车挡住我了", false}, // 哥 is said to strangers too
		{"弟弟的自行车丢了", false},
		{"妈", false},
	} {
		if got := addressedToFamily(foldRunes(c.text)); got != c.want {
			t.Errorf("addressedToFamily(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A text to the writer's family with no danger in it is not acknowledged
// as a report; one that passes on an urgent danger here still is.
func TestFamilyTextNotAcknowledged(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"老公 楼下停车场收费又涨了 一个月八百 太黑了", // acknowledged before the rule
		"媳妇，店里的空调又坏了，热死了，房东也不修",
		"老婆，今天三轮车坏在路上了，一车菜拉不回来，叫人来拖的",
	} {
		if r := m.Understand(text); r.Ack || r.Concern {
			t.Errorf("Understand(%q): concern %v ack %v (confidence %.2f), want neither", text, r.Concern, r.Ack, r.Confidence)
		}
	}
	urgent := "老公 我刚在北门看见一棵树倒在电线上 电线在冒火花 你让孩子别从那走"
	if r := m.Understand(urgent); !r.Ack || !r.Urgent {
		t.Errorf("Understand(%q): ack %v urgent %v, want an acknowledged urgent report", urgent, r.Ack, r.Urgent)
	}
}

// A danger told as a year of the writer's past (那年) is a story, not a
// report (speechact.go elsewhereCues).
func TestPastYearStoryNotAcknowledged(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"那年冬天我家暖气管冻裂了，零下二十多度", // acknowledged before
		"那一年楼道里着过一次火，吓死人",     // acknowledged before
	} {
		if r := m.Understand(text); r.Ack || r.Concern {
			t.Errorf("Understand(%q): concern %v ack %v, want neither", text, r.Concern, r.Ack)
		}
	}
}
