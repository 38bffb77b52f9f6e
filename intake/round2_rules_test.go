package intake

import (
	"strings"
	"testing"
)

// TestRound2Rules checks the rules added in issue 10's second round: more
// everyday dangers, warnings that negate them, forwarded notices, reports
// headed like a notice (【报修】) and stories of the writer's past.
func TestRound2Rules(t *testing.T) {
	urgent := []struct {
		text   string
		danger bool
	}{
		{"电梯走着走着停了 卡了十来分钟", true},
		{"楼下的井盖不见了 晚上看不到", true},
		{"路被挖开了 没有围挡", true},
		{"有人从楼上往下扔垃圾袋", true},
		{"大家千万别往下扔东西", false},
		{"家里有瘫痪老人 电梯坏了下不了楼", true},
		{"电梯按钮不亮了", false},
		{"楼下那个棚子要垮了 底下有孩子", true},
		{"电梯是不是又坏了 里面好像有人在拍门", true},
		{"隔壁老阿婆两天没开门了 敲门也没人应", true},
	}
	for _, tt := range urgent {
		if d, c := detectUrgency(Normalize(tt.text)); (d && !c) != tt.danger {
			t.Errorf("%s: urgent %v, want %v", tt.text, d && !c, tt.danger)
		}
	}
	for _, tt := range []struct {
		text   string
		notice bool
	}{
		{"【报修】5号楼2单元楼道灯不亮", false},
		{"【停电通知】明天9点停电", true},
	} {
		if got := structureOf(Normalize(tt.text)).notice; got != tt.notice {
			t.Errorf("%s: notice %v, want %v", tt.text, got, tt.notice)
		}
	}
	for _, tt := range []struct {
		text     string
		possible bool
	}{
		{"转发一下 派出所提醒近期有骗子", false},
		{"转:各位家长注意孩子防护", false},
		{"转自业主群:我们5号楼的消防门被锁了", true},
	} {
		norm := Normalize(tt.text)
		locs, locNorm := ExtractLocation(tt.text)
		if got := judge(norm, scanCues(norm), readSpeechAct(norm), locs, locNorm, gateRules{}).possible; got != tt.possible {
			t.Errorf("%s: possible report %v, want %v", tt.text, got, tt.possible)
		}
	}
	if a := readSpeechAct(Normalize("我年轻时候在厂里 锅炉房冬天最暖和")); !a.elsewhere {
		t.Error("a story of the writer's youth is not read as another place and time")
	}
	if a := readSpeechAct(Normalize("昨晚做梦 梦见我们家水管爆了")); !a.elsewhere {
		t.Error("a dream is read as a present problem")
	}
	for _, text := range []string{"11#楼地下室进水了", "电梯坏咗 困喺入面 3座"} {
		if locs, _ := ExtractLocation(text); len(locs) == 0 || !strings.ContainsAny(locs[0], "13") {
			t.Errorf("%s: building not found (%q)", text, locs)
		}
	}
	if a := readSpeechAct(Normalize("我家装修下周开始 会有点吵 邻居们见谅")); !a.ownNuisance {
		t.Error("an apology for the writer's own noise is read as a complaint")
	}
	if a := readSpeechAct(Normalize("我们楼的电梯又坏了")); a.elsewhere {
		t.Error("a present report is read as elsewhere")
	}
}
