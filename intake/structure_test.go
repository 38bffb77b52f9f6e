package intake

import "testing"

// TestStructureGate checks the structural speech-act rules on messages
// written for this test (not taken from any evaluation file).
func TestStructureGate(t *testing.T) {
	cases := []struct {
		text     string
		possible bool // may still be a report
		lowered  bool // possible, but never acknowledged in public on its own
	}{
		{"我大姨她们小区的电梯又坏了 关了好几个人", false, false},
		{"我同事家楼上天天装修 吵得他都失眠了", false, false},
		{"我二舅住的那个楼停了三天水", false, false},
		{"我妈住在5号楼 她家水管爆了 快来人", true, false}, // a building here
		{"孩子的耳机又坏了 哪里能修", false, false},
		{"我家电视没信号了 是不是欠费了", false, false},
		{"我家电动车充电器被人偷了 就在车棚", true, false}, // someone else did it
		{"膝盖疼得走不了路 上下楼真受罪", false, false},
		{"暖气片修好了 谢谢王师傅", false, false},
		{"楼道灯修好了没两天又不亮了", true, false},
		{"路灯还没修好 天天摸黑", true, false},
		{"温馨提示 下周二上午电梯年检 请大家走楼梯", false, false},
		{"后天上午九点停电检修 大家提前准备", false, false},
		{"停水也不通知一声 家里一滴水都没有", true, false},
		{"如果半夜电梯坏了 应该打哪个电话", true, true},
		{"他打呼噜跟拖拉机似的 比装修还吵", true, true},
		{"楼上漏水跟下雨似的 7栋", true, false},
		{"谁有电钻借我用一下 装个挂钩", true, true},
		{"卖自己腌的咸菜 十块一斤", false, false},
		{"谁家的钥匙落在快递柜上面了", false, false},
		{"我家的小猫跑丢了 橘色的 看到请告诉我", false, false},
		{"有个小孩走丢了 蓝衣服 看到请联系我", true, false}, // a child is an emergency
		{"请问社区医院周末几点开门", true, true},
		{"请问楼下的垃圾什么时候清", true, false}, // names something wrong
		{"有人丢了一把蓝色雨伞吗 在电梯口放着", false, false},
		{"我家的电风扇转得特别慢 是不是坏了", false, false},
		{"周末想组织大家去踏青 有兴趣的报名", false, false},
		{"请问社区的打印机一张几块钱", true, true},
	}
	for _, c := range cases {
		norm := Normalize(c.text)
		locs, locNorm := ExtractLocation(c.text)
		_ = locs
		danger, calm := detectUrgency(norm)
		ok, f := structureOf(norm).gate(namesNumberedPlace(locNorm), danger && !calm)
		if ok != c.possible || (ok && (f < 1) != c.lowered) {
			t.Errorf("%s: possible=%v factor=%.2f, want possible=%v lowered=%v (%+v)", c.text, ok, f, c.possible, c.lowered, structureOf(norm))
		}
	}
}

// TestFacilityPlaces checks that places named by what they are are found,
// and that next to a numbered place a relation word joins them into one.
func TestFacilityPlaces(t *testing.T) {
	for text, want := range map[string]string{
		"锅炉房门口一地的煤渣":        "锅炉房门口",
		"社区卫生站前面的台阶碎了":      "卫生站",
		"菜鸟驿站那边的灯不亮":        "菜鸟驿站",
		"一块空地被人圈起来了":        "空地",
		"在3号楼旁边的小卖部门口堆满了箱子": "3号楼旁边的小卖部门口",
	} {
		words, _ := ExtractLocation(text)
		if len(words) == 0 || words[0] != want {
			t.Errorf("%s: places %q, want first %q", text, words, want)
		}
	}
}

// TestDangerByClass checks danger pairs of the everyday kinds issue 10
// lists, in sentences written for this test.
func TestDangerByClass(t *testing.T) {
	for _, text := range []string{
		"单元门口一股臭鸡蛋的味道",
		"楼顶那块预制板悬着 下面就是路",
		"我妈一个人在家 电话一直联系不上",
		"楼上的水淌到电表箱里了",
		"寒潮来了 我们楼停电一天了",
		"池塘结的冰很薄 好几个小孩在上面滑",
		"厨房的煤气管一直呲呲地响",
		"电梯刚才一下子下坠了两层",
		"暖气管爆了 热水喷得到处都是 烫人",
		"我奶奶有老年痴呆 下午出去到现在没回来",
		"楼下花坛边有个人趴着一动不动",
		"还好没砸到人 上面还有几块瓦片在晃",
	} {
		if d, calm := detectUrgency(Normalize(text)); !d || calm {
			t.Errorf("%s: danger=%v calm=%v, want a danger", text, d, calm)
		}
	}
	for _, text := range []string{"绿化带里全是烟头", "门口的垃圾桶没倒", "车打不着火了"} {
		if d, _ := detectUrgency(Normalize(text)); d {
			t.Errorf("%s: a danger, want none", text)
		}
	}
}
