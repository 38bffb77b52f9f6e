package intake

import "testing"

// TestBlindDangerSession10: dangers of the blind dev set dev-s19u in words
// the lists did not hold (一摊血; a child alone by water or an edge, 没大人;
// cladding flapping over parked cars; an old woman, 大娘, who cannot say where
// she lives or does not answer her phone), and what the same words say
// harmlessly: warm heating (暖气挺足), a danger to be prevented (以免发生火灾,
// 避免…), a thing not seen to fall (目前未见脱落), 感觉要晕倒 after overtime.
func TestBlindDangerSession10(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"二单元门口地上一摊血 顺着台阶往下滴", true},
		{"河边有个小孩自己在扔石子 旁边没大人", true},
		{"阳台上站着个三岁小孩 家长不在", true},
		{"小区游泳池的水好脏 孩子游完身上痒", false},
		{"6号楼顶上的铁皮一掀一掀的 底下停着好几辆车", true},
		{"走廊的瓷砖鼓起来了 有几块已经碎了", false},
		{"小区里有个老大娘转来转去 问她住哪说不清", true},
		{"12号楼的王大娘电话也没接 敲门也没动静", true},
		{"宝贝 我到家了 电梯里信号不好刚才没接到", false},
		{"这天冷得不想出门 家里暖气挺足 二十三度", false},
		{"暖气不热 屋里冻得受不了", true},
		{"请勿在楼道堆放杂物，以免发生火灾", false},
		{"为避免触电，请勿私拉电线", false},
		{"配电室门缝有焦味，以免发生火灾请立即断电检查", true},
		{"2号楼墙皮起皮，目前未见脱落", false},
		{"2号楼墙皮大片脱落，下面是人行道", true},
		{"加班加到感觉要晕倒了", false},
		{"有个老人在花坛边晕倒了", true},
	})
}

// TestBlindAlarmsSession10: 这不是演习 is an alarm, not a drill; hearsay
// (我刚听说) about a numbered place here with the danger still going on is
// relayed news, not a story elsewhere; 小朋友在小区 is a child here, not a
// friend's compound; a thing that is said to hold (还牢, 里面都是好的) is no
// danger, however its learnt signal reads. Rows of dev-s19u, reworded.
func TestBlindAlarmsSession10(t *testing.T) {
	checkAckUrgent(t, []ackUrgentCase{
		{"这不是演习 5号楼1单元楼道里全是烟 警报在响", true, true},
		{"明天上午消防演习 楼道里会有烟 大家别慌", false, false},
		{"我刚听说7栋有个老人摔在浴室里起不来 现在还在里面 7栋301", true, true},
		{"听说隔壁小区有只狗咬了人 大家遛狗记得拴绳", false, false},
		{"有个小朋友在小区人工湖边上玩 没大人 水很深", true, true},
		{"楼道里那个配电箱的门合不上 里面都是好的 4栋2单元", true, false},
	})
}

// TestRiskOverPeople: 隐患 hedges a danger word (有火灾隐患 is a mild report)
// but not a thing loose or fallen over people, which a letter calls a 隐患
// by habit (formal/dev, dev-s17p).
func TestRiskOverPeople(t *testing.T) {
	for _, c := range []struct {
		text         string
		danger, calm bool
	}{
		{"6号楼外墙瓷砖成片脱落，下面是幼儿园门口，请尽快消除隐患。", true, false},
		{"物业管管吧 9栋楼道里堆满纸箱 有火灾隐患", true, true},
		{"如果外墙瓷砖脱落，下面是人行道，大家注意", true, true},
	} {
		if danger, calm := detectUrgency(Normalize(c.text)); danger != c.danger || calm != c.calm {
			t.Errorf("detectUrgency(%q) = %v, %v; want %v, %v", c.text, danger, calm, c.danger, c.calm)
		}
	}
}

// TestStillThereAfterRelief: relief (还好我躲开了) is no calm when the
// danger goes on (还在晃); a pipe that 崩了, hot water 呲得满屋都是, a door that
// 夹人 are dangers; 要不要紧啊 asks and retracts nothing. Dev rows (dev-past,
// dev-place2, dev-s13, dev-s14, dev-s18b), reworded.
func TestStillThereAfterRelief(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"楼下水管子崩了 水往路上淌", true},
		{"暖气水呲得一地 烫脚", true},
		{"单元门关门夹人 刚夹了个小孩", true},
		{"今天股票又崩了 心态也崩了", false},
	})
	for _, c := range []struct {
		text string
		calm bool
	}{
		{"还好我躲开了 楼顶那块招牌还在晃 随风往下掉渣 南门", false},
		{"幸好我躲开了 那块招牌掉下来砸在地上", true},
	} {
		if _, calm := detectUrgency(Normalize(c.text)); calm != c.calm {
			t.Errorf("detectUrgency(%q) calm = %v; want %v", c.text, calm, c.calm)
		}
	}
	checkAckUrgent(t, []ackUrgentCase{
		{"喂 楼道电表箱那里冒烟了 一股焦味 要不要紧啊 快叫电工 6栋", true, true},
	})
}
