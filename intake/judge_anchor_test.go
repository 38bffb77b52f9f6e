package intake

import "testing"

// judgeText runs the rules of judge.go on one message.
func judgeText(text string) judgement {
	norm := Normalize(text)
	cues := scanCues(norm)
	locs, locNorm := extractLocationFolded(text, foldRunes(text))
	return judge(norm, cues, speechActOf(norm, cues), locs, locNorm, gateRules{})
}

// TestJudgeUnanchored: complaint words with no place, facility, person,
// community or danger are lowered by unanchoredFactor; the same complaint
// anchored here is not, and neither is a danger.
func TestJudgeUnanchored(t *testing.T) {
	for _, c := range []struct {
		text   string
		factor float64
	}{
		{"跑步机又坏了两台 办了卡排不上", unanchoredFactor},
		{"3号楼的跑步机又坏了两台", 1},
		{"楼道灯又坏了两个", 1},
		{"我们小区的跑步机又坏了两台", 1},
		{"有个老人摔倒了起不来", 1},
	} {
		v := judgeText(c.text)
		if !v.possible || v.factor != c.factor {
			t.Errorf("judge(%q) = possible %v, factor %.2f, want true, %.2f", c.text, v.possible, v.factor, c.factor)
		}
	}
	// (since GATES-12 the literary veto only lowers a proverb with no danger:
	// never acknowledged, whatever the detector says)
	if v := judgeText("一瓶子水不响，半瓶子水乱晃。"); v.possible && v.factor >= DefaultAckThreshold {
		t.Errorf("a proverb can be acknowledged: %+v", v)
	}
}
