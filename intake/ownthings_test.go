package intake

import "testing"

// TestOwnThingsGate checks the rules of ownthings.go: a facility or danger
// word inside the name of one's own thing (燃气灶, 电池没电, 笔没水, 车胎漏气,
// 被蚊子咬) does not make the message about the estate, while the
// building's supply, its meters and a danger stay reports. Messages written
// for this test (not taken from any evaluation file).
func TestOwnThingsGate(t *testing.T) {
	cases := []struct {
		text     string
		possible bool // may still be a report
	}{
		{"天然气灶打不着 我看是电池没电了", false},
		{"我的手机都没电了 晚点回你", false},
		{"电瓶车又没电了 今天推回来的", false},
		{"签字笔没水了 借我一支", false},
		{"热水器的水管老化了 周末换一根", false},
		{"游泳圈漏气了 明天买个新的", false},
		{"被蚊子叮得满腿是包", false},
		{"鼻子堵了 说话嗡嗡的", false},
		{"在公园找了半天也没找到我的钥匙", false},
		{"我家没电了 邻居家也没电 整栋楼都停了吧", true}, // the household's supply
		{"电表没电了 充了钱还是不来电 物业看看", true},  // a meter of the supply
		{"燃气表没气了 卡插进去不走字", true},       // the same for gas
		{"燃气灶旁边一股燃气味 不敢开火", true},      // a smell at one's own stove is a danger
		{"手机快没电了 我被困在电梯里了 快来人", true},  // a danger with a phone in it
		{"楼下的下水道堵了 一直往上冒脏水", true},     // the drains, not going into the water
		{"车库里我的车钥匙被人偷了 还撬了车门", true},   // a crime, not lost and found
		{"收音机没电了 听不了戏", false},
		{"电热毯坏了 不热了", false},
		{"家里的网又断了 客服一直占线", false},   // 占线 takes nothing
		{"我的车位又被人占了 我的车停不进去", true}, // 占 does
	}
	for _, c := range cases {
		if ok := structureAllows(c.text); ok != c.possible {
			t.Errorf("%s: possible=%v, want %v (%+v)", c.text, ok, c.possible, structureOf(Normalize(c.text)))
		}
	}
}

// structureAllows reports whether the structural gate lets a message be a
// report, with its numbered places and its danger as Understand reads them.
func structureAllows(text string) bool {
	norm := Normalize(text)
	_, locNorm := ExtractLocation(text)
	danger, calm := detectUrgency(norm)
	ok, _ := structureOf(norm).gate(namesNumberedPlace(locNorm), danger && !calm)
	return ok
}

// TestOwnFacilityWord checks which facility words are taken as part of one's
// own thing.
func TestOwnFacilityWord(t *testing.T) {
	cases := []struct {
		text, word string
		own        bool
	}{
		{"燃气灶坏了", "燃气", true},
		{"煤气费交了", "煤气", true},
		{"燃气泄漏了", "燃气", false},
		{"遥控器快没电了", "没电", true},
		{"我家没电了", "没电", false},
		{"电表没电了", "没电", false},
		{"钢笔没水了", "没水", true},
		{"我家没水了", "没水", false},
		{"洗衣机的水管松了", "水管", true},
		{"楼道水管爆了", "水管", false},
		{"孩子不敢下水", "下水", true},
		{"不敢下水道", "下水", false},
	}
	for _, c := range cases {
		norm := Normalize(c.text)
		i := indexWord(norm, c.word)
		if i < 0 {
			t.Fatalf("%s: %s not found", c.text, c.word)
		}
		if got := ownFacilityWord(norm, i, c.word); got != c.own {
			t.Errorf("ownFacilityWord(%q, %q) = %v, want %v", c.text, c.word, got, c.own)
		}
	}
}

// TestCueNotAfterOwnThings: 漏气 of a tyre or a ring and an insect's bite
// are no danger; a gas leak and a dog's bite are.
func TestCueNotAfterOwnThings(t *testing.T) {
	for _, c := range []struct {
		text   string
		danger bool
	}{
		{"自行车胎漏气了", false},
		{"被蚊子咬了", false},
		{"打火针脏了", false},
		{"厨房燃气管漏气了", true},
		{"孩子被狗咬了", true},
		{"爸的老人机一直关机", false},
		{"老人一直关机 联系不上", true},
		{"高架上堵死了 一动不动", false},
		{"堵车的时候看见有人躺在路上一动不动", true},
	} {
		danger, _ := detectUrgency(Normalize(c.text))
		if danger != c.danger {
			t.Errorf("%s: danger=%v, want %v", c.text, danger, c.danger)
		}
	}
}

// TestHouseholdOutage: the home's supply off, asked against the neighbours,
// is a report acknowledged at the default threshold; a flat battery, a
// joke or a retraction is not.
func TestHouseholdOutage(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		ack  bool
	}{
		{"我家突然停电了 对门家也黑着 物业看看", true},
		{"我家没水了 楼上楼下都一样吗", true},
		{"我家手机没电了 邻居家借个充电器", false},
		{"刚才我家跳闸了 自己推上去了 没事了 邻居不用担心", false},
	} {
		if got := m.Understand(c.text).Ack; got != c.ack {
			t.Errorf("%s: ack=%v, want %v (outage %v)", c.text, got, c.ack, structureOf(Normalize(c.text)).outage)
		}
	}
}

// TestOwnCardPlace: the 车库 of one's own 车库遥控 is no place here; a
// garage named apart from it is.
func TestOwnCardPlace(t *testing.T) {
	for _, c := range []struct {
		text string
		here bool
	}{
		{"车库遥控没电了", false},
		{"车库遥控没电了 车库门口还停了辆车", true},
		{"车库里漏水", true},
	} {
		norm := Normalize(c.text)
		locs, _ := ExtractLocation(c.text)
		if got := placesHere(norm, locs); got != c.here {
			t.Errorf("%s: placesHere(%v) = %v, want %v", c.text, locs, got, c.here)
		}
	}
}
