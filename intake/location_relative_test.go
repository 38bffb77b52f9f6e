package intake

import (
	"slices"
	"testing"
)

// TestRelativePlaces checks the places of the location guideline
// (testdata/README.md, "Location labels"): relative places, sides and parts
// of a building where the trouble is are places; the same words as a way, a
// time, the message above or the broken thing are not. The messages are rows
// of the dev files (dev-s11, dev-s12, dev-s16c/group, dev-s17p, dev-s7,
// dev-s9, formal/dev) or written for this test.
func TestRelativePlaces(t *testing.T) {
	checkLocations(t, []locCase{
		{"楼上漏水了 急", []string{"楼上"}, []string{"楼上"}},
		{"来电人称：南湖公寓B座1506室楼上每晚拖拽家具", []string{"南湖公寓B座1506室楼上"}, []string{"南湖公寓B座1506室楼上"}},
		{"我家楼上在阳台上养了几只鸡 天天四点打鸣", []string{"楼上", "阳台"}, []string{"楼上", "阳台"}},
		{"楼前那几棵树该修了 树枝都碰到电线了", []string{"楼前"}, []string{"楼前"}},
		{"俺们那个楼后头的下水道又堵了 臭哩很 9号楼", []string{"楼后头", "9号楼"}, []string{"楼后头", "9号楼"}},
		{"外面马路边那个下水井盖子翻了", []string{"马路边", "下水井"}, []string{"马路边", "下水井"}},
		{"对门大爷好几天没出门了 敲门没人应", []string{"对门"}, []string{"对门"}},
		{"6栋的老杨在楼梯上滑倒了 头上在淌血", []string{"6栋", "楼梯"}, []string{"6号楼", "楼梯"}},
		{"电梯里的按键有个冒烟了 还有焦味 9号楼", []string{"电梯", "9号楼"}, []string{"电梯", "9号楼"}},
		{"又有人把电动车推进电梯了", []string{"电梯"}, []string{"电梯"}},
		{"垃圾桶旁边有只死猫 好几天了 都臭了", []string{"垃圾桶"}, []string{"垃圾桶"}},
		{"我的车位又被人占了 第三次了", []string{"车位"}, []string{"车位"}},
		{"车位上被人放了地锁", []string{"车位"}, []string{"车位"}},
		{"您好，我们小区3号楼前的大树枝杈伸进了居民家窗户", []string{"小区3号楼前"}, []string{"3号楼"}}, // (the building is what duplicates match on)
		// a building's name before the side: the facility scan's, the side
		// a relation between two places
		{"物业楼后头的化粪池冒出来了 整条路都是", []string{"物业楼后头的化粪池"}, []string{"物业楼后头化粪池"}},
		// kept as they were: the facility heads 楼梯拐角 and 消防楼梯
		{"8号楼楼梯拐角堆满了纸箱", []string{"8号楼楼梯拐角"}, []string{"8号楼楼梯拐角"}},
		{"14栋消防楼梯被杂物堵死了", []string{"14栋消防楼梯"}, []string{"14号楼消防楼梯"}},
		// not places: a way, a time, the message above, everyone, a stall,
		// the lift as the broken thing
		{"快往楼上跑", nil, nil},
		{"下楼前记得关灯", nil, nil},
		{"楼上说得对", nil, nil},
		{"楼上100块一个月", nil, nil},
		{"楼上楼下的 都是邻居 有话好好说", []string{"楼下"}, []string{"楼下"}},
		{"路边摊的烤串真好吃", nil, nil},
		{"电梯坏了三天了", nil, nil},
		{"垃圾桶满了", nil, nil},
		{"3号楼前天停电了", []string{"3号楼"}, []string{"3号楼"}},
		{"机械车位上有积水", []string{"机械车位"}, []string{"机械车位"}},
	})
}

// TestAnchoringPlaces checks that relative places alone do not anchor a
// message for the judge, and that the slices are kept when all places do.
func TestAnchoringPlaces(t *testing.T) {
	words, norm := []string{"楼上的阳台", "3号楼", "电梯"}, []string{"楼上的阳台", "3号楼", "电梯"}
	w, n := anchoringPlaces(words, norm)
	if !slices.Equal(w, []string{"3号楼"}) || !slices.Equal(n, []string{"3号楼"}) {
		t.Errorf("anchoringPlaces = %v %v, want [3号楼]", w, n)
	}
	if words[0] != "楼上的阳台" {
		t.Errorf("anchoringPlaces changed its input: %v", words)
	}
	all := []string{"3号楼楼上", "楼道"}
	if w, _ := anchoringPlaces(all, all); &w[0] != &all[0] {
		t.Errorf("anchoringPlaces copied places that all anchor")
	}
	// a chat message naming only a relative place keeps the confidence it
	// had when the place was not extracted
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := m.Understand("阳台的番茄红了 种了三个月 有成就感")
	if !slices.Equal(r.Location, []string{"阳台"}) || r.Ack {
		t.Errorf("Understand = %v ack %v, want [阳台] and no ack", r.Location, r.Ack)
	}
}
