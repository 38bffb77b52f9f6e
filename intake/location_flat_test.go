package intake

import "testing"

// TestRoomsOfFlat checks the rooms of a flat where the trouble is (the
// lead's decision of session 13): the room is the place, with the flat's
// number or a shared modifier when they touch it; a room of the flat above
// is placed by 楼上, and a toilet that is itself broken is no room.
func TestRoomsOfFlat(t *testing.T) {
	checkLocations(t, []locCase{
		{"我家厨房一股煤气味", []string{"厨房"}, []string{"厨房"}},
		{"卫生间天花板在往下滴水", []string{"卫生间"}, []string{"卫生间"}},
		{"302卫生间的水管爆了", []string{"302卫生间"}, []string{"302室卫生间"}},
		{"客厅墙上有一道裂缝", []string{"客厅"}, []string{"客厅"}},
		{"老人在浴室摔倒了", []string{"浴室"}, []string{"浴室"}},
		{"宿舍区公共浴室没有热水", []string{"公共浴室"}, []string{"公共浴室"}},
		{"隔壁刘大妈在卫生间喊救命", []string{"隔壁", "卫生间"}, []string{"隔壁", "卫生间"}},
		{"楼上卫生间漏水，滴到我家了", []string{"楼上"}, []string{"楼上"}},
		{"楼上的卫生间又漏了", []string{"楼上"}, []string{"楼上"}},
		{"地下室储藏间门缝里冒烟", []string{"地下室储藏间"}, []string{"地下室储藏间"}},
	})
	checkNoPlaces(t, []string{
		"厕所堵了",
		"厕所都冲不了",
	})
}

// TestRoomsDoNotAnchor checks that a room alone does not anchor a message
// here for the judge, as 楼上 and 阳台 do not: chat names rooms as often.
func TestRoomsDoNotAnchor(t *testing.T) {
	words, norm := ExtractLocation("厨房的番茄炒蛋好香")
	if w, _ := anchoringPlaces(words, norm); len(w) != 0 {
		t.Errorf("anchoringPlaces(%q) = %q, want none", words, w)
	}
}

// TestNamedBuildings checks a building called by a name of two or three
// characters and a bare 楼: a place; a way up or down, a word 楼 starts and
// a building said by which one it is (老楼, 整栋楼, 全楼) are none.
func TestNamedBuildings(t *testing.T) {
	checkLocations(t, []locCase{
		{"海景楼的电梯开门特别慢", []string{"海景楼"}, []string{"海景楼"}},
		{"宿舍楼电梯又不运行了", []string{"宿舍楼"}, []string{"宿舍楼"}},
		{"矿工楼4单元的王师傅三天没见下楼了", []string{"矿工楼4单元"}, []string{"矿工楼4单元"}},
	})
	checkNoPlaces(t, []string{
		"老人上下楼太难了",
		"晚上下楼能看见好几只老鼠",
		"整栋楼都在震",
		"咱们这老楼外墙掉皮",
		"谢谢楼主",
		"老人爬楼爬不动",
		"王楼长说下周来修",
		"洗牌的声音隔着楼板都听得到",
		"今日发现楼内消防栓箱内水管漏水",
	})
}
