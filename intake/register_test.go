package intake

import "testing"

func TestLiterary(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"白日依山尽，黄河入海流。", true},                          // verse, five characters
		{"人善被人欺，马善被人骑。", true},                          // proverb
		{"绳锯木断，水滴石穿。", true},                            // four characters
		{"子曰：“不患人之不己知，患不知人也。”", true},                   // classical
		{"休去采芙蓉。秋江烟水空。带斜阳，一片征鸿。欲顿闲愁无顿处，都着在，两眉峰。", true}, // lyric
		{"电梯又坏了，什么时候修", false},                          // spoken: 了
		{"3号楼停水，5号楼停电", false},                          // numbered places
		{"楼道灯不亮，晚上看不见路", false},                         // clauses of different length
		{"7号楼1203漏水到楼下了 物业赶紧来人", false},
		{"尊敬的物业：我是本小区住户，楼下餐馆油烟直排，严重影响生活，恳请尽快处理。", false},
	} {
		if got := literary(Normalize(c.text)); got != c.want {
			t.Errorf("literary(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestLiteraryNotAcknowledged: a proverb with complaint words is not
// acknowledged, and a danger told in verse shape with a place still is.
func TestLiteraryNotAcknowledged(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"水往下流，人争上游。", "一瓶子水不响，半瓶子水乱晃。", "好鼓一打就响，好灯一拨就亮。"} {
		if r := m.Understand(s); r.Ack {
			t.Errorf("%q acknowledged (confidence %.2f)", s, r.Confidence)
		}
	}
	if r := m.Understand("3号楼电梯困人，快来人救命"); !r.Ack {
		t.Errorf("a danger at a numbered place is not acknowledged: %+v", r)
	}
}
