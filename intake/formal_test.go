package intake

import "testing"

// A formal petition with its history is a report even when the detector,
// trained on chat, reads it as something else or a rule sees an outside
// party (施工单位); a formal notice to the residents is not.
func TestFormalPetitionsAndNotices(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text    string
		concern bool
	}{
		{longComplaint, true},
		{"领导您好，我是滨河小区的业主，小区物业自今年起擅自将物业费每平方米上调0.5元，未经业主大会表决，也未进行公示，业主多次质询均未得到答复，望有关部门予以核查。", true},
		{"尊敬的业主：因管道检修，本小区将于12月3日9:00-17:00停水，请提前储水，不便之处敬请谅解。", false},
		{"尊敬的各位业主：为防止高空抛物，物业已在各楼栋安装高空摄像头，请大家自觉遵守，共同维护小区安全。", false},
		{"致全体业主的一封感谢信：在此次暴雨中，物业工作人员连夜排水，保障了地下车库安全，在此向全体工作人员表示衷心的感谢！", false},
		// a story elsewhere stays one even with a petition word in it
		{"看视频说有个小区业主恳请政府尽快解决电梯问题", false},
		// a request retold or already made, a plea with no problem, a question
		{"这事我已经请求物业尽快处理了，估计明天就好", false},
		{"社区已经督促物业把垃圾清了 现在干净多了", false},
		{"恳请各位邻居投票支持我家孩子，不胜感激", false},
		{"请问投诉物业要打哪个电话？想请求他们尽快处理", false},
		{"看新闻说外地有个小区居民恳请相关部门尽快处理电梯问题", false},
	} {
		// a report is a concern and acknowledged; the others are not
		// acknowledged (a question may wait on the review list)
		if r := m.Understand(c.text); c.concern && (!r.Concern || !r.Ack) || !c.concern && r.Ack {
			t.Errorf("concern %v ack %v (confidence %.2f), want %v: %s", r.Concern, r.Ack, r.Confidence, c.concern, c.text)
		}
	}
}

// TestFormalDevSet: on the formal dev set (tuned on), every report is a
// concern and acknowledged, and no notice is acknowledged.
func TestFormalDevSet(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ReadTSVFile("testdata/formal/dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var missed, falseAcks, reports int
	for _, ex := range ds.Examples {
		r := m.Understand(ex.Text)
		switch {
		case ex.Concern == 1:
			reports++
			if !r.Concern || !r.Ack {
				missed++
				t.Logf("missed (%.2f): %s", r.Confidence, ex.Text)
			}
		case r.Ack:
			falseAcks++
			t.Logf("acknowledged notice (%.2f): %s", r.Confidence, ex.Text)
		}
	}
	if reports < 30 || missed > 0 || falseAcks > 0 {
		t.Errorf("%d reports, %d missed, %d notices acknowledged", reports, missed, falseAcks)
	}
}

func TestResidentWrites(t *testing.T) {
	for s, want := range map[string]bool{
		Normalize("我是阳光小区3号楼2单元的住户。"): true,
		Normalize("本人系和平里小区12号楼居民"):   true,
		Normalize("我是老张 今天天气不错"):      false,
	} {
		if residentWrites(s) != want {
			t.Errorf("residentWrites(%q) = %v", s, !want)
		}
	}
}
