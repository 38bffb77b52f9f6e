package intake

import "testing"

// TestEverydayDangerSession9: dangers of the session-9 dev files (dev-s14u,
// and dev-place2, dev-s11, dev-s12, which no list trains on) told in the
// words residents and their letters use: the ground giving way (塌陷), a
// hand caught (夹伤), a person caught in a wreck, an old person not seen in
// a letter's words (两日未见出门, 无人应答, 至今未归), a child not home at the
// hour, a cover missing or askew, no water in deep winter (正值寒冬), a person
// down who cannot speak clearly, a hole with no barrier, blood on the
// ground, a window frame loose, needles where children play, a car broken
// into while the writer watches. Harmless sentences with the same words,
// from the training rows or written for the test, are not dangers.
func TestEverydayDangerSession9(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"致物业：菜鸟驿站门口路面塌陷出一个深坑，约半米深，上面覆盖的木板已断裂，请尽快封闭处理。", true},
		{"致物业：西门入口处的电动伸缩门今天夹伤一名儿童，伸缩门感应失灵，目前仍在使用，请立即停用检修。", true},
		{"地库坡道 一辆车 溜下来 撞墙了 人卡在里面", true},
		{"我楼4层独居的刘老师已有两日未见出门，敲门无人应答，电话亦无人接听", true},
		{"本楼住户张奶奶患有老年痴呆，今日下午外出后至今未归", true},
		{"二年级的家长们 有没有看到我家闺女 六点了还没到家 平时四点半就回来了 住在15号楼", true},
		{"发现污水井盖缺失，仅用树枝遮挡，夜间无照明", true},
		{"自本周一起17号楼整栋停水，至今已三天，正值寒冬，住户无法做饭取暖", true},
		{"我家老爷子糖尿病 刚才在电梯厅里坐地上出汗 说话也不清楚 2号楼电梯厅", true},
		{"小区门口那段路被谁挖了个大坑 没围没挡 晚上我差点开进去", true},
		{"3单远门口有滩血 不知道谁受伤了", true},
		{"瑞幸旁边那个井盖歪了 晚上骑车容易摔", true},
		{"我家的窗户框子松了 刮风的时候整扇窗都在抖 住九楼", true},
		{"沙坑里有人扔了针头 小孩在里面玩", true},
		{"半夜有人在小区里撬车门 我从窗户看到的 现在还在 9栋楼下", true},
		{"有人半夜在地库里撬车门 监控拍到了", false},
		{"垃圾桶边上一堆碎玻璃 差点扎了孩子的脚", false},
		{"物业电话打了三次都无人接听", false},
		{"孩子还没回来 我先做饭了", false},
		{"外墙保温层一级断了的问题 在金桥花园14幢", false},
		{"门口井盖有点歪了 不急 有空弄一下", false},
	})
}

// TestSession9Vetoes: a danger here outweighs what looked like an ad (请联系
// 供电部门), a retraction (已经关了阀门 … 还是有味) or the writer's workplace
// (我在单位 家里就他一个); television, last month and a case the office closed
// calm a danger. Rows of dev-s14u.
func TestSession9Vetoes(t *testing.T) {
	checkAckUrgent(t, []ackUrgentCase{
		{"居委会：小区北门外人行道上有一根电线垂落至地面，雨天偶有火花，行人较多，请联系供电部门。", true, true},
		{"我这个是8号楼403的 家里燃气表那里嘶嘶的响 我已经关了阀门了 还是有味 不敢做饭", true, true},
		{"孩子在家上网课 说家里有股臭鸡蛋味 我在单位 家里就他一个 5号楼1单元702", true, true},
		{"燃气味没了 阀门已经关了 谢谢大家", false, false},
		{"捡到一串钥匙 在东门岗亭 看到请联系我", false, false},
		{"社区简报：本月共处理居民报修一百二十件，其中电梯困人两起均已妥善处置。", false, false},
		// (a question about our lifts after the news, labelled a report:
		// acknowledged until session 11 (0.85); the mixed concern detector
		// of ACKS-CV-8.md left it on the review list (0.61); with the
		// blind dev files of ACKS-CV-10.md in its natural-only rows it is
		// acknowledged again (0.86), as before; not urgent either way)
		{"电视里说有个老人被困电梯两天 咱们小区电梯都有电话吧 问问", true, false},
		{"上个月张大爷在电梯里晕倒那回 多亏了保安小李 今天给他送了面锦旗", false, false},
	})
}

// ackUrgentCase is a message, whether the shipped model acknowledges it and
// whether it marks it urgent.
type ackUrgentCase struct {
	text        string
	ack, urgent bool
}

// checkAckUrgent checks the shipped model's acknowledgement and urgency on
// each case.
func checkAckUrgent(t *testing.T, cases []ackUrgentCase) {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if r := m.Understand(c.text); r.Ack != c.ack || r.Urgent != c.urgent {
			t.Errorf("Understand(%q): ack %v urgent %v; want %v %v", c.text, r.Ack, r.Urgent, c.ack, c.urgent)
		}
	}
}
