package intake

import (
	"math"
	"testing"
)

func TestSpeechActGate(t *testing.T) {
	tests := []struct {
		text     string
		possible bool
	}{
		// near-empty messages and single trigger words are never reports
		{"。。。", false},
		{"到底", false},
		{"吵", false},
		{"坏了", false},
		{"没水", false},
		// alarms called off
		{"刚才说有烟味的 是我家炖肉糊了 没事了", false},
		{"虚惊一场 不是着火", false},
		{"不好意思 看错了楼号", false},
		{"自己推上去了 没事", false},
		// other places
		{"隔壁小区电梯困人了", false},
		{"刷到个视频 有人家煤气爆炸了", false},
		{"我老家的房子漏水了", false},
		// offers, small ads, lost and found
		{"出闲置 婴儿车 九成新 自提", false},
		{"捡到一串钥匙 在保安室 谁丢的去认领", false},
		// the writer's own trouble
		{"我家电脑又坏了 谁会修", false},
		// reports stay possible, also with 咱们小区 next to another place
		{"3号楼电梯又坏了 老人上不去", true},
		{"隔壁小区的车天天停在咱们小区门口", true},
		{"谁家的狗天天在草坪上拉屎", true},
		{"南门口每天早上有人摆摊 把路占了一半", true},
	}
	for _, tt := range tests {
		a := readSpeechAct(Normalize(tt.text))
		if possible, _ := a.gate(false); possible != tt.possible {
			t.Errorf("gate(%q) possible = %v, want %v (%+v)", tt.text, possible, tt.possible, a)
		}
	}
}

func TestSpeechActLowersConfidence(t *testing.T) {
	tests := []struct {
		text   string
		danger bool
		factor float64 // upper bound
	}{
		{"谁知道物业电话是多少 电梯坏了找谁", false, 0.6},
		{"新装的路灯真漂亮 物业用心了", false, 0.5},
		{"电梯坏了我就当减肥了 哈哈", false, 0.6},
		{"电梯坏了", false, 0.6}, // short: review, not public
	}
	for _, tt := range tests {
		a := readSpeechAct(Normalize(tt.text))
		if ok, f := a.gate(tt.danger); ok && f > tt.factor {
			t.Errorf("gate(%q) factor = %.2f, want ≤ %.2f (%+v)", tt.text, f, tt.factor, a)
		}
	}
	// An urgent danger keeps full confidence even when asked as a question.
	if _, f := readSpeechAct(Normalize("请问谁知道 3号楼楼道一股煤气味 怎么办")).gate(true); f != 1 {
		t.Errorf("danger with a question: factor %.2f, want 1", f)
	}
}

// TestUnderstandCalm: the shipped model does not acknowledge the hard
// kinds of chit-chat and does acknowledge reports in everyday words.
func TestUnderstandCalm(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"...", "到底什么情况啊", "吵", "堵车", "坏了", "咬", "没水", "电话",
		"没事了没事了 是我家猫碰掉了东西", "隔壁小区昨晚停电了 好在咱们这没事", "免费送一个旧冰箱 自己搬",
		"请问去火车站坐几路车", "我家电脑又坏了 有懂的邻居帮看看吗"} {
		if r := m.Understand(text); r.Ack {
			t.Errorf("Understand(%q) acknowledged (confidence %.2f, %s)", text, r.Confidence, r.Category)
		}
	}
	for _, tt := range []struct {
		text   string
		urgent bool
	}{
		{"7号楼1203漏水到楼下了 物业赶紧来人", true},
		{"5栋的李奶奶两天没见人了 敲门也不应", true},
		{"东门那个栏杆歪了 随时要倒", true},
		{"幼儿园门口那个井盖没了", true},
	} {
		r := m.Understand(tt.text)
		if !r.Ack || r.Urgent != tt.urgent || len(r.Location) == 0 {
			t.Errorf("Understand(%q) = ack %v urgent %v location %q (confidence %.2f); want ack, urgent %v, a place",
				tt.text, r.Ack, r.Urgent, r.Location, r.Confidence, tt.urgent)
		}
	}
	// Since the detector learns from the hand-written files (builtin.go),
	// this clutter report scores 0.63: not acknowledged in public, but still
	// a concern on the review list (a known miss, docs/PERFORMANCE-intake.md).
	if r := m.Understand("快递柜旁边那堆纸箱子放了一个礼拜了 谁来收一下"); !r.Concern || len(r.Location) == 0 {
		t.Errorf("clutter report: concern %v location %q, want a concern with a place", r.Concern, r.Location)
	}
}

func TestPlattFit(t *testing.T) {
	// Scores whose sign is right 80% of the time: the fit must give
	// probabilities near 0.8 / 0.2, not 1 / 0.
	var zs []float64
	var ys []int
	for i := 0; i < 1000; i++ {
		z, y := 4.0, 1
		if i%2 == 0 {
			z, y = -4, 0
		}
		if i%10 < 2 {
			y = 1 - y
		}
		zs, ys = append(zs, z), append(ys, y)
	}
	a, b := plattFit(zs, ys)
	p := func(z float64) float64 { return 1 / (1 + exp(-(a*z + b))) }
	if hi, lo := p(4), p(-4); hi < 0.75 || hi > 0.85 || lo < 0.15 || lo > 0.25 {
		t.Errorf("plattFit: p(+4) = %.3f, p(-4) = %.3f; want ≈0.8 and ≈0.2", hi, lo)
	}
}

func exp(x float64) float64 { return math.Exp(x) }

// TestUnderstandRetract: Understand's Retract is what Retracts says, so that
// a handler may read a message once for both.
func TestUnderstandRetract(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	retracting := 0
	for _, text := range []string{"刚才说有烟味的 是我家炖肉糊了 没事了", "没事了", "没事了没事了 是我家猫碰掉了东西",
		"不好意思 看错了楼号", "虚惊一场 不是着火", "是我搞错了", "自己推上去了 没事", "3号楼电梯又坏了 老人上不去",
		"隔壁小区昨晚停电了 好在咱们这没事", "今天天气真好", "收到", "谢谢王书记", "哈哈哈哈"} {
		want := Retracts(text)
		if got := m.Understand(text).Retract; got != want {
			t.Errorf("Understand(%q).Retract = %v, Retracts = %v", text, got, want)
		}
		if want {
			retracting++
		}
	}
	if retracting < 3 {
		t.Fatalf("only %d of the texts retract: the test compares too little", retracting)
	}
}

// TestSpeechActRetellingOfferRhetoric: retellings from other apps and
// offers to taste are not reports; 几点了 complains about the hour and
// 我是认真的 takes the laugh out of a report, so neither lowers it.
func TestSpeechActRetellingOfferRhetoric(t *testing.T) {
	for _, s := range []string{"微博上说某市一个小区外墙掉砖砸伤路人 太吓人了", "家里做了酸菜 谁想尝尝 来10号楼拿"} {
		if ok, _ := readSpeechAct(Normalize(s)).gate(false); ok {
			t.Errorf("gate(%q) possible, want not", s)
		}
	}
	for _, s := range []string{"楼上那户天天晚上拍皮球 咚咚咚 几点了都 3栋1002", "哈哈 你们别笑 我是认真的 车库里真有条蛇"} {
		if ok, f := readSpeechAct(Normalize(s)).gate(false); !ok || f != 1 {
			t.Errorf("gate(%q) = %v, %.2f, want true, 1", s, ok, f)
		}
	}
	if _, f := readSpeechAct(Normalize("恭喜3号楼的老王家添了个大孙子")).gate(false); f > 0.5 {
		t.Errorf("congratulations: factor %.2f, want ≤ 0.5", f)
	}
}

func TestReassuranceAtTheEndCallsOffTheDanger(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"阿婆又跌倒了，去镇卫生院拍片，没骨折，放心",
		"爸昨晚摔了一跤 看过医生了 不用担心",
	} {
		if r := m.Understand(text); r.Ack {
			t.Errorf("%s: acknowledged (confidence %.2f); a reassurance at the end calls the danger off", text, r.Confidence)
		}
	}
	for _, text := range []string{"对门的老人摔倒了起不来 我不放心", "3号楼电梯困人了 快来"} {
		if r := m.Understand(text); !r.Ack || !r.Urgent {
			t.Errorf("%s: not an urgent acknowledged report: %+v", text, r)
		}
	}
}
