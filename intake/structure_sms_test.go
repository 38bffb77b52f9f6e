package intake

import "testing"

// TestSMSRegisterGate checks the two structural cues of the personal and
// service SMS register (session 9, dev-s16c): a sender tag in 【】 opening
// a service or mass text, and a chain message that asks to be passed on.
// Messages written for this test (not taken from any evaluation file).
func TestSMSRegisterGate(t *testing.T) {
	cases := []struct {
		text     string
		possible bool // may still be a report
	}{
		{"【燃气集团】天冷用气多 发现燃气泄漏请立即开窗并拨打抢修热线", false},
		{"【市消防支队】严禁在楼道停放电动车 一旦起火后果严重", false},
		{"【某某快递】您的包裹已放在驿站 取件码22-4-1180", false},
		{"【报修】8号楼二单元楼道灯坏了一个礼拜", true},  // a resident's report headed like a notice
		{"【紧急】4栋楼道里冒烟了 大家快下楼", true},   // an alarm headed 【紧急】
		{"【供电所】6栋配电箱冒烟 抢修人员已出发", true}, // names a building here
		{"求扩散 城南一个五岁男孩走失 穿红色羽绒服", false},
		{"看到一个防骗视频 转发给家里的老人看看", false},
		{"8栋电梯困人了 帮忙扩散一下 物业电话打不通", true}, // names a building here
		{"楼道里一股煤气味 谁家的 快来看看", true},
	}
	for _, c := range cases {
		if ok := structureAllows(c.text); ok != c.possible {
			t.Errorf("%s: possible=%v, want %v (%+v)", c.text, ok, c.possible, structureOf(Normalize(c.text)))
		}
	}
}
