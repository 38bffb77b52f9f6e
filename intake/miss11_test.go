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

// Cue words read in another sense: an elsewhere word qualifying a thing here,
// a thing that lands rather than one left behind, a habit rather than a
// follow-up.
func TestMiss11CueSenses(t *testing.T) {
	for _, tc := range []struct {
		text  string
		group cueGroup
		want  bool
	}{
		{"车位被一辆挂外地牌的车占了一个月", cueElsewhere, false},
		{"我表哥在外地 那边下大雪了", cueElsewhere, true},
		{"网上报修了两次 师傅一直没来", cueElsewhere, false},
		{"网上说明天降温", cueElsewhere, true},
		{"开视频会议开到一半停电了", cueElsewhere, false},
		{"刷到一个视频 电梯掉下来了", cueElsewhere, true},
		{"楼下李大娘家的水管爆了", cueElsewhere, false},
		{"我回娘家了 这几天不在", cueElsewhere, true},
		{"外墙砖掉了一块 正好落在台阶上", cueOffer, false},
		{"鸽子天天落在空调外机上拉屎", cueOffer, false},
		{"谁的水杯落在活动室了", cueOffer, true},
		{"每天晚上那个烧烤摊烟熏火燎的", cueSettled, false},
		{"昨晚那个冒烟的事问清楚了", cueSettled, true},
	} {
		if got := scanCues(Normalize(tc.text)).has(tc.group); got != tc.want {
			t.Errorf("%s: cue group %d %v, want %v", tc.text, tc.group, got, tc.want)
		}
	}
}

// A message whose last word is 没事 calls off what it told, a danger too;
// 暂时没事 does not.
func TestMiss11EndsFine(t *testing.T) {
	for text, want := range map[string]bool{
		"对门的奶奶两天没见着 刚才看到她在菜市场买菜 没事": true,
		"电梯困了人 里面的人说暂时没事 快来人":       false,
		"楼道有烟 还没事 大家先下楼":            false,
		"电梯里困着两个人 喊话说目前没事":          false,
	} {
		if got := readSpeechAct(Normalize(text)).retract; got != want {
			t.Errorf("%s: retract %v, want %v", text, got, want)
		}
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Understand("对门的奶奶两天没见着 刚才看到她在菜市场买菜 没事"); r.Ack {
		t.Errorf("a neighbour seen again, all well: acknowledged")
	}
}

// An urgent danger whose owner is asked for is a neighbour's: a report here
// even when the detector reads only the writer's family in it.
func TestMiss11NeighboursDanger(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"刚才有条狗把我儿子腿咬出血了 不知道是谁家的", "我孙子刚才被狗咬了 裤子都破了 谁家的狗"} {
		if r := m.Understand(text); !r.Ack || !r.Urgent {
			t.Errorf("%s: ack %v urgent %v, want both", text, r.Ack, r.Urgent)
		}
	}
	if r := m.Understand("谁家的猫 把我家金鱼咬死了 哈哈"); r.Ack {
		t.Errorf("a joke about a goldfish acknowledged")
	}
}

// Southern names of an old neighbour (阿公, 阿嬷, 阿爹) are old people as
// 大爷 and 奶奶 are, for the danger rules and as a third person.
func TestMiss11ElderNames(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Understand("阿嬷住3栋 成日冇应电话 我在外地返唔到"); !r.Ack || !r.Urgent {
		t.Errorf("an old woman not answering: ack %v urgent %v, want both", r.Ack, r.Urgent)
	}
	if !structureOf(Normalize("隔壁阿公又在楼下下棋")).other {
		t.Errorf("阿公 is not a third person")
	}
}

// A hypothesis after an opening ask (问一下,要是…了该找谁) asks what if, as an
// opening 要是 does; the writer's workplace is another place.
func TestMiss11AskedHypothesisAndWork(t *testing.T) {
	for text, want := range map[string]bool{
		"请问 要是半夜水管爆了该打哪个电话":  true,
		"要是电梯又坏了怎么办":         true,
		"问一下 电梯又坏了 要是修不好怎么办": false,
	} {
		if got := structureOf(Normalize(text)).hypothesis; got != want {
			t.Errorf("%s: hypothesis %v, want %v", text, got, want)
		}
	}
	for _, text := range []string{"我们厂今天又停电了 活都干不成", "车停在公司停车场被人划了一道"} {
		if !readSpeechAct(Normalize(text)).elsewhere {
			t.Errorf("%s: the workplace is not another place", text)
		}
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Understand("想问一下 要是家里暖气不热了该找谁 找物业还是热力公司"); r.Ack {
		t.Errorf("a question what if acknowledged (confidence %.2f)", r.Confidence)
	}
}
