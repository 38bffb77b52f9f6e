package intake

import "testing"

// TestEverydayDangerSession8: dangers named by what people see or smell
// rather than by alarm words (瓦斯味, 冷得像冰窖, 井口敞着, a person down who
// does not answer, a child not home and searched for, deliveries not taken
// in at an old person's door, a snake where children play); harmless
// sentences with the same words are not. Examples from the session-8 dev
// file and the round's own probes, never from a test file.
func TestEverydayDangerSession8(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"6号楼楼道里一股瓦斯味", true},
		{"今年冬天一直没供暖 家里跟冰窖一样 孩子冻感冒了 12号楼", true},
		{"小区门口的井口敞着 没有盖子 晚上很黑", true},
		{"孩子放学没回来 学校说早走了 找遍了小区", true},
		{"隔壁的老人家 门口的外卖放了两天了 没人拿 3号楼502", true},
		{"有个老头躺在花坛边上 叫他不答应 北门", true},
		{"快递员 17号楼三单元门口有个老太太坐地上 说腿疼站不起来 我还要送件 谁来扶一下", true},
		{"一个醉汉躺在马路中间 车来车往 南门外面", true},
		{"草丛里有蛇 小孩在旁边玩 2号楼后面", true},
		{"我家猫躺在沙发上 叫它也不答应 高冷", false},
		{"瓦斯炉哪个牌子好 推荐一下", false},
		{"孩子今天学校早放学 下午去哪玩好", false},
		{"小区的井盖画被评为最美井盖了 好看", false},
		{"这个月暖气费交了没", false},
	})
}

// dangerCase is a message and whether the danger rules see a danger in it.
type dangerCase struct {
	text   string
	danger bool
}

// checkDanger checks detectUrgency's danger on each case.
func checkDanger(t *testing.T, cases []dangerCase) {
	t.Helper()
	for _, tt := range cases {
		if danger, _ := detectUrgency(Normalize(tt.text)); danger != tt.danger {
			t.Errorf("detectUrgency(%q) danger = %v; want %v", tt.text, danger, tt.danger)
		}
	}
}

// TestMinorTroubleIsNotUrgent: a writer who says the trouble is small (有空
// 修下, 还能用, 有点晃) or that a hob does not light (打不着火) reports no
// danger of a loose thing, and the learnt signal does not make it one; a
// person hurt, a smell of gas or a fire stays urgent whatever else is said.
func TestMinorTroubleIsNotUrgent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text   string
		urgent bool
	}{
		{"12号楼楼梯口的扶手螺丝松了一个 晃悠悠的 有空修下", false},
		{"家里的燃气灶打不着火了 是没气了还是灶坏了 4栋601", false},
		{"暖气片有点晃 不急 有空来紧一下 5号楼", false},
		{"12号楼楼梯口的扶手螺丝松了 晃得厉害 我妈一扶就摔了 起不来", true},
		{"不急的事先放放 5号楼楼道里一股煤气味 快来人", true},
		{"楼顶的广告牌被风吹得晃来晃去 快掉了 8号楼", true},
	} {
		r := m.Understand(tt.text)
		if !r.Concern {
			t.Errorf("Understand(%q) is not a concern", tt.text)
		}
		if r.Urgent != tt.urgent {
			t.Errorf("Understand(%q).Urgent = %v; want %v", tt.text, r.Urgent, tt.urgent)
		}
	}
}

// TestHedgeOutweighedByNow: a hedge (万一, 注意安全, 视频, 后来) calms a
// danger unless the message says it is here now (越来越大, 快来人, 快掉了);
// news, films and the past calm whatever follows, and safety advice with
// its instructions stays advice. The round's own probes, not test rows.
func TestHedgeOutweighedByNow(t *testing.T) {
	for _, tt := range []struct {
		text string
		calm bool
	}{
		{"万一砸到人怎么办 12号楼楼顶那块广告牌在晃 快掉了", false},
		{"后来楼道里全是烟 9号楼3楼 消防还没到", false},
		{"视频发群里了 8号楼楼下有人倒在地上不动 快来人", false},
		{"万一电梯困人了 打哪个电话", true},
		{"提醒大家 闻到煤气味的时候千万别开灯 先开窗再下楼", true},
		{"看了个视频 有个小区楼上往下扔西瓜 砸坏了好几辆车", true},
		{"新闻里说那个小区现在还在冒烟 好几户被疏散", true},
	} {
		danger, calm := detectUrgency(Normalize(tt.text))
		if !danger {
			t.Errorf("detectUrgency(%q) sees no danger", tt.text)
		}
		if calm != tt.calm {
			t.Errorf("detectUrgency(%q) calm = %v; want %v", tt.text, calm, tt.calm)
		}
	}
}
