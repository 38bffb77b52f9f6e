package intake

import "testing"

// TestEverydayDangerRound checks the danger classes added in the urgency
// round of issue 10, each with a message that must not match.
func TestEverydayDangerRound(t *testing.T) {
	danger := []string{
		"楼上那户的阿姨 这几天门口的牛奶都没拿", // a person not seen: post not taken in
		"对门老太太家好几天没开过灯了",
		"我照顾的大爷腿脚不便 楼里停电了 电梯不走 下不来", // cut off: a person who cannot leave
		"家里有刚满月的婴儿 停水两天了",
		"天窗裂了一大块 下面就是游泳池", // overhead, people beneath
		"雨棚的玻璃裂开了 孩子天天从这过",
		"电缆井里有火光",
		"插座一插就冒蓝光",
		"像灶没关好那种味儿",
		"幼儿园门口水沟的盖板不见了",
		"大狗追着孩子跑",
		"玻璃门碎了一半 剩下的还挂在门框上",
		"电梯按钮是湿的 按的时候手有点麻",
		"轮椅翻了 人趴在地上",
		"雨水往里灌",
		"断水一整天了 这么冷的天", // no water or power in the cold
		"暖气坏了 冷得手都僵了",
	}
	for _, s := range danger {
		if d, calm := detectUrgency(Normalize(s)); !d || calm {
			t.Errorf("%s: danger=%v calm=%v, want a danger", s, d, calm)
		}
	}
	calm := []string{
		"消防通道又被电动车堵了",    // 被电 of 被电动车 is not a shock
		"打火机放哪了",         // 打火 of 打火机
		"阿姨 快递我帮你拿了",     // 拿 without 没
		"宣传栏的玻璃裂了 通知都泡了", // cracked, nobody beneath
		"婴儿车推不进电梯",
		"垃圾直接倒在绿化带里", // 倒 of pouring, not of a fall
		"扭腰器转不动了",    // a machine that does not move
		"窗户关不上 风呼呼往里灌",
		"明天断水 大家提前接水", // announced, and not in the cold
	}
	for _, s := range calm {
		if d, _ := detectUrgency(Normalize(s)); d {
			t.Errorf("%s: a danger, want none", s)
		}
	}
}

// TestRelayedReport checks that a report written for someone else (a
// grandchild for a grandparent, a relative far away) about a danger at a
// numbered place here is a report, and that a relative's trouble elsewhere
// stays a story.
func TestRelayedReport(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	reports := []string{
		"帮我外公发 他说他们那栋楼道里烧焦的味道好重 从昨晚闻到现在 6栋",
		"我是外地的 我姑姑住31号楼 一个人住 三天了电话不接 谁能帮忙去看一下",
		"我哥是聋人 他说家里有股煤气味 他听不到报警器 18栋303 谁能帮忙去看看",
		// offer words (可以帮, 顺路, 有需要的) in a danger at a place here
		"楼下有个老人摔倒了 谁可以帮忙扶一下 我一个人扶不动 5号楼",
		"我顺路看到东门那边冒黑烟了 好像是垃圾站",
		"有没有人可以帮忙 电梯里关着个小孩 哭得厉害 3号楼",
	}
	for _, s := range reports {
		if r := m.Understand(s); !r.Concern || !r.Urgent {
			t.Errorf("%s: concern=%v urgent=%v, want an urgent report", s, r.Concern, r.Urgent)
		}
	}
	stories := []string{
		"我姐她们小区3号楼着火了 好吓人",          // no relay, no request: a story
		"我哥家楼道里一股煤气味 他说物业不管 气死了",    // no numbered place here
		"看新闻说外地一个小区5号楼着火了 谁能帮忙转发一下", // news: calm
	}
	for _, s := range stories {
		if r := m.Understand(s); r.Urgent && r.Ack {
			t.Errorf("%s: acknowledged as urgent, want a story", s)
		}
	}
}
