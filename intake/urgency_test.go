package intake

import "testing"

func TestDetectUrgency(t *testing.T) {
	tests := []struct {
		text         string
		danger, calm bool
	}{
		{"3号楼楼道里好大的煤气味", true, false},
		{"燃气泄漏了 快来人", true, false},
		{"厨房着火了", true, false},
		{"配电箱冒烟了", true, false},
		{"水管爆了 水哗哗流", true, false},
		{"热水管破了 到处是水", true, false},
		{"电梯困人了", true, false},
		{"有人困在3单元电梯里", true, false},
		{"老人摔倒了起不来", true, false},
		{"暖气不热 家里才十几度", true, false},
		{"暖气片一点温度都没有", true, false},
		{"有人打起来了 快报警", true, false},
		{"看新闻说别的小区电梯困人了", true, true},
		{"明天消防演练 楼道里会有烟", false, false},
		{"消防演练会冒烟 大家别慌", true, true},
		{"窗户掉下来了 幸好没砸到人", true, false},  // a near miss: nobody hurt, the danger is still there
		{"窗户差点掉下来 幸好已经修好了", true, true}, // calmed by 修好了
		{"垃圾三天没人收", false, false},
		{"电梯修好了 之前困人的问题解决了", true, true},
		{"有人上门推销报警器", false, false},
		// trouble told as over (settledWords), unless it is back or goes on
		{"爷爷摔了一跤 去医院拍了片子 骨头没事 就是擦伤", true, true},
		{"看到有人说楼顶有人要跳楼 是假消息 大家别传了", true, true},
		{"我以为着火了 原来是街头艺人", true, true},
		{"还好没人受伤 但楼道里全是烟 5号楼3楼", true, false},
		{"人已经救出来了 但电梯还卡在两层中间", true, false},
		{"水管修好了又爆了 水哗哗往外流", true, false},
		{"原来是楼上的水管漏了 水哗哗往我家灌 现在还在流", true, false},
		{"5号楼楼道里煤气味很大 是不是漏气了", true, false},
		{"物业说修好了 根本没修好 水管又爆了", true, false},
		{"外墙瓷砖掉下来一大块 没人受伤", true, false},
		{"刚才那个煤气味是楼下在修燃气管道 工人在现场", true, true},
		{"刚才的煤气味又来了 2单元楼道", true, false},
		{"昨晚楼道冒烟 问清楚了 是有人烧纸 没着起来", true, true},
	}
	for _, tt := range tests {
		danger, calm := detectUrgency(Normalize(tt.text))
		if danger != tt.danger || calm != tt.calm {
			t.Errorf("detectUrgency(%q) = %v,%v; want %v,%v", tt.text, danger, calm, tt.danger, tt.calm)
		}
	}
}

func TestUnderstandPriority(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		urgent   bool
		priority string
	}{
		{"5号楼2单元楼道里煤气味很大 是不是漏气了", true, PriorityUrgent},
		{"三号楼电梯困人了 快来人", true, PriorityUrgent},
		{"暖气不热 屋里冷死了", true, PriorityUrgent},
		{"8号楼停水了也没通知", false, PriorityUtilities},
		{"12栋门口垃圾三天没人收", false, PriorityGeneral},
		{"有人在楼顶加盖违建", false, PriorityComplex},
	}
	for _, tt := range tests {
		r := m.Understand(tt.text)
		if !r.Concern || r.Urgent != tt.urgent || r.Priority != tt.priority {
			t.Errorf("Understand(%q) = concern %v urgent %v priority %q (%s); want urgent %v priority %q",
				tt.text, r.Concern, r.Urgent, r.Priority, r.Category, tt.urgent, tt.priority)
		}
	}
}
