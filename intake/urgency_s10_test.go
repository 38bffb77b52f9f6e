package intake

import "testing"

// TestFormalDangerSession10: dangers of dev-s17u told in the formal and
// retold registers: a fall and a call for help in a work order's words
// (跌倒后无法起身, 通过电话呼救), a knife held (手持菜刀), a lift shaft left
// open (井道没有任何封闭措施), a facade shedding over people, poisoned bait,
// a home at twelve degrees or less, a confused old man not back (至今未回).
// What the same words say harmlessly (注意防止跌倒; people who often fall on
// a road: 经常摔倒, 易摔倒; a shaft closed, a loose board that will not break,
// paint come off, a fire denied; outdoors at eight degrees) is not a danger.
func TestFormalDangerSession10(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"诉求人称：其母亲住在7栋一楼，独自在家时于卫生间跌倒后无法起身", true},
		{"现已通过电话呼救，恳请社区工作人员尽快上门协助", true},
		{"今天下午在楼道内手持菜刀大声叫骂，邻居们不敢出门", true},
		{"小区内一处在建的电梯井道没有任何封闭措施，孩子经常在附近追逐", true},
		{"外墙上的保温板掀起来一大块 风一刮呼嗒呼嗒的 下面是幼儿园的道", true},
		{"雨雪天路滑，出门请注意防止跌倒", false},
		{"电梯井道已全部封闭，请大家放心", false},
		{"中庭的长椅有一根木条松了，坐起来会晃，但还不至于断", false},
		{"游乐场的溜滑梯有一块漆掉了，边边有点刮手", false},
		{"近期楼道内常有烟味，应是有人在楼梯间吸烟，并非着火", false},
		{"晨练的市民经常摔倒，建议对步道进行改造", false},
		{"市民反映某县道路面破损严重，坑洼较多，电动车通行易摔倒。", false},
		{"楼梯台阶边角磕掉了 老人上下楼容易摔", false},
		{"刚才有位老人在台阶上摔倒了 起不来", true},
		{"各位铲屎官注意 小花园草丛里有人撒了拌药的肉块 我家狗子刚吃了一口就吐白沫", true},
		{"我们合租的房子在5号楼 房东说暖气坏了不管修 屋里就八度 室友发着烧", true},
		{"暖气片摸着冰凉 屋里温度计才十度", true},
		{"今天外面才八度 暖气还没来", false},
		{"暖气不太热 屋里十八度", false},
		{"供暖正常 室温二十二度", false},
		{"老伴有点糊涂，今天早饭后出门遛弯至今未回", true},
	})
}

// TestSession10Vetoes: a family far away (女儿在外地, 家属在外地无法赶回)
// or colleagues who are neighbours (诸位老同事 恳请物业…) do not make an
// urgent danger here a story about another place; an office's
// report that it is done (处置完毕, 补装完毕) calms one. Rows of dev-s17u.
func TestSession10Vetoes(t *testing.T) {
	checkAckUrgent(t, []ackUrgentCase{
		{"您好！向物业反映一个情况：我家对门的邻居老两口都八十多了，这两天没见他们开过门，晚上屋里也没亮灯，他们的女儿在外地打电话也打不通，麻烦你们带上钥匙来看一下。", true, true},
		{"诉求人称：其母亲住在7栋一楼，独自在家时于卫生间跌倒后无法起身，现已通过电话呼救，但家属在外地无法赶回，恳请社区工作人员尽快上门协助。", true, true},
		{"物业回复：您反映的6号楼井盖缺失问题，我们已于当天下午补装完毕，并在周边排查了其他井盖，感谢监督。", false, false},
		{"诸位老同事 恳请物业尽快协助：住在9号楼的退休老教师赵老师已三天未下楼，家中电话无人接听，其老伴住院，家中只他一人。", true, true},
		{"我同事说她们小区昨天着火了，烧了一整层，还好人都跑出来了", false, false},
	})
}

func TestOfficeDoneIsCalm(t *testing.T) {
	text := "情况通报：昨晚8号楼地下室因电缆老化引发小范围冒烟，物业已及时切断电源并处置完毕，无人员受伤，请大家放心。"
	if danger, calm := detectUrgency(Normalize(text)); !danger || !calm {
		t.Errorf("detectUrgency(%q) = %v, %v; want a danger in a calm context", text, danger, calm)
	}
}

// TestKinAway: a kin noun shortly before an away word; the writer or
// strangers from elsewhere are not kin away.
func TestKinAway(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"他们的女儿在外地打电话也打不通", true},
		{"李奶奶的子女都在国外，请居委会立即协助开门", true},
		{"家属在外地无法赶回", true},
		{"我是外地的 我姑姑住31号楼", false},
		{"外地游客经常被宰", false},
		{"我在外地就医", false},
	} {
		if got := kinAway(Normalize(c.text)); got != c.want {
			t.Errorf("kinAway(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
