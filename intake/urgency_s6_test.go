package intake

import (
	"slices"
	"strings"
	"testing"
)

// Examples from testdata/dev-s8 (session 6's dev files), never from a test set.

// TestCalmingIsPartOfTheAlarm: 大家别慌, 别紧张, 没事没事 calm the others; with
// a danger told as present the message is a report (and withdraws nothing),
// without one it calls an alarm off.
func TestCalmingIsPartOfTheAlarm(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"大家别慌 楼道里有烟 先下楼", // issue 10's own example
		"别慌别慌 我在现场 18号楼地下室有烟往上冒 大家从楼梯下来 别坐电梯",
		"各位别紧张 消防车马上到 15号楼三楼那家厨房着了 大家先下楼",
		"没事哈 孩子没大碍 就是被电动车撞倒了 腿流血 车主跑了 北门口",
	} {
		if Retracts(s) {
			t.Errorf("Retracts(%q) = true; an alarm that calms is no retraction", s)
		}
		if r := m.Understand(s); !r.Concern || !r.Urgent {
			t.Errorf("Understand(%q): concern %v urgent %v; want an urgent report", s, r.Concern, r.Urgent)
		}
	}
	for _, s := range []string{
		"刚才那个说楼道有烟的 已经查了 是一楼在熏腊肉 没事了",
		"没事没事 不客气 邻里之间应该的",
		"大家别慌 电梯已经好了",
	} {
		if !Retracts(s) {
			t.Errorf("Retracts(%q) = false; want a call-off", s)
		}
	}
}

// TestReliefTakenBack: 还好/幸好 make a danger calm unless a contrast
// (但, 可是, 不过) follows it.
func TestReliefTakenBack(t *testing.T) {
	for _, tt := range []struct {
		text string
		calm bool
	}{
		{"车库入口那个卷帘门砸下来了 压着一辆车 还好人出来了 但门还吊着一半", false},
		{"幸好发现得早 但是楼道里还在冒烟 消防还没到 12栋2单元", false},
		{"厨房冒烟了 还好火已经灭了", true},
		{"不过是冒了点烟 还好已经灭了", true}, // the contrast comes before the relief
	} {
		danger, calm := detectUrgency(Normalize(tt.text))
		if !danger || calm != tt.calm {
			t.Errorf("detectUrgency(%q) = %v,%v; want true,%v", tt.text, danger, calm, tt.calm)
		}
	}
}

// TestNotJoking: 不是开玩笑 denies a joke.
func TestNotJoking(t *testing.T) {
	if readSpeechAct(Normalize("不是开玩笑 这家蛋糕店真的好吃")).joke {
		t.Error("不是开玩笑 read as a joke")
	}
	if !readSpeechAct(Normalize("开玩笑的 别当真")).joke {
		t.Error("开玩笑的 not read as a joke")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Understand("救大命 不是开玩笑 彩票站门口有个大叔抽过去了 口吐白沫"); !r.Concern || !r.Urgent {
		t.Errorf("a seizure told 'not as a joke': concern %v urgent %v", r.Concern, r.Urgent)
	}
}

// TestEverydayDangerSession6: dangers of dev-s8 in plain words, and the
// harmless sentences that share their words.
func TestEverydayDangerSession6(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"救大命 彩票站门口有个大叔抽过去了 口吐白沫", true},
		{"小区东侧绿化带里有个马蜂窝 已经有两个小孩被蛰了", true},
		{"各位 15号楼三楼那家厨房着了", true},
		{"内院的地面突然陷下去一个坑 边上没挡着", true},
		{"篮球场边的灯柱被车撞了 歪着 线头露在外面", true},
		{"消防控制室里面警报一直响 没有人值班", true},
		{"老伴说胸口闷 喘不上气 电梯又坏了", true},
		{"我奶奶在卫生间滑了 腿不能动了", true},
		{"我妈说对门的王阿姨好几天没看着了 门口垃圾还放着", true},
		{"我 聋 看见 3号楼 窗户 烟 很多", true},
		{"烟 烟 4单元 都出不去了", true},
		{"我孙子在小区里跑着玩 一会儿就找不着了 五岁", true},
		{"凌晨两点下班 看见有人在撬一楼的防盗窗", true},
		{"孩子终于睡着了 哄了两个小时", false},
		{"电梯里一股尿骚味 还有烟头", false},
		{"楼道里有烟味", false},
		{"汽车报警器一直响 吵死了", false},
		{"今天晚上有烟花看", false},
	})
}

// TestShopAndParkingPlaces: shops named by trade, parking by kind,
// courtyards by side; a landmark a relation word follows next to an address.
func TestShopAndParkingPlaces(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // each must be among the places found
		not  string   // no place found may contain this
	}{
		{"有冇搞错 干洗店后面那个排气管在冒烟", []string{"干洗店"}, ""},
		{"机械车位老是卡 取车要等半天", []string{"机械车位"}, ""},
		{"访客车位被业主长期占着", []string{"访客车位"}, ""},
		{"南院儿的垃圾桶都满了", []string{"南院"}, ""},
		{"早餐铺的液化气罐在漏", []string{"早餐铺"}, ""},
		{"一号院那个小卖部后头 电线杆子上的线耷拉到地上了", []string{"一号院", "小卖部"}, ""},
		{"我家楼上水一直往下流 灯里都进水了 1602 快来人", []string{"1602"}, ""},
		{"隔壁单元1101家好像有人倒了", []string{"隔壁单元1101"}, ""},
		{"快打120 有人晕倒了", nil, "120"},
		{"花了500块 今年2026年", nil, "0"},
		{"我们楼下那个小花园里头 有个大坑 二号楼前边", []string{"小花园", "二号楼"}, ""},
		{"车位被别人占了三天了", nil, "车位"},
		{"那家店今天没开门", nil, "店"},
	} {
		got, _ := ExtractLocation(tt.text)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("ExtractLocation(%q) = %q; want %q among them", tt.text, got, w)
			}
		}
		for _, g := range got {
			if tt.not != "" && strings.Contains(g, tt.not) {
				t.Errorf("ExtractLocation(%q) = %q; %q is not a place here", tt.text, got, tt.not)
			}
		}
	}
}
