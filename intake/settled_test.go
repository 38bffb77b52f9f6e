package intake

import "testing"

// TestUnderstandSettled checks that trouble told as over is not
// acknowledged in public (nor urgent), and that the same words do not take
// back a danger that is still there or back again (dev-s9, dev-s14u, dev-s16c
// and dev-past messages).
func TestUnderstandSettled(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text        string
		ack, urgent bool
	}{
		{"爷爷摔了一跤 去医院拍了片子 骨头没事 就是擦伤", false, false},
		{"暖气片爆了那个已经关上阀门了 人没大事 就是吓着了 谢谢大家", false, false},
		{"看到有人说楼顶有人要跳楼 是假消息 是修太阳能的师傅 大家别传了", false, false},
		{"昨天那个楼道冒烟的事 问清楚了 是有人在楼道里烧纸 已经说过他了 没着起来", false, false},
		{"那个喊救命的声音 是楼上小孩在玩游戏 我上去问过了", false, false},
		{"群里有人说要停水三天 是谣言 物业说了没有这回事", false, false},
		{"还好没人受伤 但火还在烧 5号楼3楼 快打119", true, true},
		{"水管修好了又爆了 水哗哗往外流 8栋地下室", true, true},
		{"人已经救出来了 但电梯还卡在两层中间 门开着 很危险 7号楼", true, true},
		{"5号楼2单元楼道里煤气味很大 是不是漏气了", true, true},
		// an ending with a thing fallen or loose left in place (dev-past/dev2)
		{"楼道的窗户玻璃掉了 没伤着人 窗框还吊着 5楼", true, true},
		{"地库顶上的水泥块掉下来 没人受伤 上面裂了好大一条缝 B2", true, true},
	}
	for _, tt := range tests {
		r := m.Understand(tt.text)
		if r.Ack != tt.ack || r.Urgent != tt.urgent {
			t.Errorf("Understand(%q) = ack %v urgent %v (confidence %.2f); want ack %v urgent %v",
				tt.text, r.Ack, r.Urgent, r.Confidence, tt.ack, tt.urgent)
		}
	}
}
