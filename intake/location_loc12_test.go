package intake

import "testing"

// Places of session 12's place round (branch loc12), by kind, from the
// misses of the dev files read (dev-s23a first) and the kinds the lead
// asked for: each test fails on 8ee4309.

// TestBuiltPlaceThere checks a built place followed by "over there" and an
// event (not only a thing): the place is the landmark; names that are as
// often somewhere else, things, questions and what is said there are none.
func TestBuiltPlaceThere(t *testing.T) {
	checkLocations(t, []locCase{
		{"锅炉房那边一直冒白烟", []string{"锅炉房"}, []string{"锅炉房"}},
		{"老水塔那头水管爆了", []string{"老水塔"}, []string{"老水塔"}},
		{"车棚里的电瓶车 电池那儿鼓起来了", []string{"车棚"}, []string{"车棚"}},
	})
	checkNoPlaces(t, []string{
		"仓库那边呢",
		"医院那边说还要排队",
		"工厂那边说要停产",
		"公司那边出事了",
	})
}

// TestWaterEdgesAndTrees checks the edge of water and the foot of a named
// tree: places; a bare 树下 and a water edge one goes to are none.
func TestWaterEdgesAndTrees(t *testing.T) {
	checkLocations(t, []locCase{
		{"江边那段栏杆松了", []string{"江边"}, []string{"江边"}},
		{"大槐树下那张石凳塌了", []string{"大槐树下"}, []string{"大槐树下"}},
		{"泉池边有人遛狗不拴绳", []string{"泉池边"}, []string{"泉池边"}},
		{"湖面的冰太薄了 有孩子在上面跑", []string{"湖面"}, []string{"湖面"}},
		{"物业前台一个人都没有", []string{"物业前台"}, []string{"物业前台"}},
		// 到 says where someone is now, not where one goes
		{"孩子跑到河边去了 快来人", []string{"河边"}, []string{"河边"}},
		{"老人走到湖边去了 叫不应", []string{"湖边"}, []string{"湖边"}},
	})
	checkNoPlaces(t, []string{
		"在树下乘凉真舒服",
		"周末去海边溜达了",
		"前台说等一下",
	})
}

// TestPlacesByWhatIsThere checks a place told by what is sold or stands
// there: the whole phrase, from the verb to the place word or relation.
func TestPlacesByWhatIsThere(t *testing.T) {
	checkLocations(t, []locCase{
		{"卖煎饼那个路口的井盖没了", []string{"卖煎饼那个路口"}, []string{"卖煎饼那个路口"}},
		{"有棵老榆树那儿的路灯不亮", []string{"有棵老榆树那儿"}, []string{"有棵老榆树那儿"}},
		{"卖包子那家对面堆了好多垃圾", []string{"卖包子那家对面"}, []string{"卖包子那家对面"}},
		{"在修车的那个摊子旁边有人摔倒了", []string{"修车的那个摊子"}, []string{"修车的那个摊子"}},
		// who is there, then a door: the door is the place (session 12 review)
		{"有个小孩门口摔倒了", []string{"门口"}, []string{"门口"}},
	})
	checkNoPlaces(t, []string{
		"有个老人摔倒了",
		"修好了那个灯",
		"卖房子的又打电话来了",
	})
}

// TestBuildingUnitDash checks a building and unit written 3-2 before a
// part of the building or at the message's end, apart from the words
// before it; a score or a date is none.
func TestBuildingUnitDash(t *testing.T) {
	checkLocations(t, []locCase{
		{"3-2楼道的灯坏了", []string{"3-2楼道"}, []string{"3号楼2单元楼道"}},
		{"楼道灯坏了 3-2", []string{"楼道", "3-2"}, []string{"楼道", "3号楼2单元"}},
		{"4-1单元门口的台阶塌了", []string{"4-1单元门口"}, []string{"4号楼1单元门口"}},
	})
	checkNoPlaces(t, []string{"昨天球赛3-2赢了", "昨晚比赛结果3-2", "维权日是3-15"})
}

// TestSpuriousPlaces12 checks the spurious places of the dev files read: a day of
// the month, a layer of dust, one flight of stairs, one by one, weather and
// breaking in before a head, a quantity before parking spaces; and the
// word 滑滑梯 kept whole. A floor, a building and a back door stay places.
func TestSpuriousPlaces12(t *testing.T) {
	checkNoPlaces(t, []string{
		"交了暖气费说好十五号供暖 今天都二十号了 屋里冰冷",
		"11月5号到现在还没修",
		"地上已经一层水了",
		"电梯按钮坏了 只能坐到上一层再走下来",
		"有陌生人在小区里发小广告 一栋一栋塞门缝",
		"二手车贩子占了好多车位",
		"有人撬店铺的锁",
	})
	checkLocations(t, []locCase{
		{"楼道里一层土 没人打扫", []string{"楼道"}, []string{"楼道"}},
		{"一下雨屋顶就渗水", []string{"屋顶"}, []string{"屋顶"}},
		{"楼下是小孩滑滑梯的地方", []string{"楼下", "滑滑梯"}, []string{"楼下", "滑滑梯"}},
		{"一层大堂的灯不亮", []string{"一层大堂"}, []string{"1层大堂"}},
		{"电梯卡在一层了 快来人", []string{"一层"}, []string{"1层"}},
		{"3号门口的垃圾没人收", []string{"3号门口"}, []string{"3号楼门口"}},
		{"5号后门的灯坏了", []string{"5号后门"}, []string{"5号楼后门"}},
	})
}

// TestBuildingSides checks a side of a numbered building joined to it, as
// the guideline and the blind writers since dev-s19u have it, when no
// landmark is joined after it (3号楼后面小卖部门口 stays one place); a
// letter's 下方为 names no estate.
func TestBuildingSides(t *testing.T) {
	checkLocations(t, []locCase{
		{"2栋外面那根电线杆是斜的", []string{"2栋外面"}, []string{"2号楼外面"}},
		{"十二栋后面冒黑烟 好像着火了", []string{"十二栋后面"}, []string{"12号楼后面"}},
		{"消防通道又被堵了 就在9号楼侧面", []string{"消防通道", "9号楼侧面"}, []string{"消防通道", "9号楼侧面"}},
		{"11号楼南侧绿化带有人烧东西", []string{"11号楼南侧", "绿化带"}, []string{"11号楼南侧", "绿化带"}},
		{"3号楼后面小卖部门口全是垃圾", []string{"3号楼后面小卖部门口"}, []string{"3号楼后面小卖部门口"}},
		{"11号楼东侧外墙瓷砖脱落，下方为小区主干道", []string{"11号楼东侧", "小区主干道"}, []string{"11号楼东侧", "主干道"}},
	})
}

// TestShopOnFloorAndPutThere checks a shop on a floor (a place of its own,
// not a thing on the floor), a place told by what is put or parked there,
// and a trade phrase right after a place.
func TestShopOnFloorAndPutThere(t *testing.T) {
	checkLocations(t, []locCase{
		{"一楼新开的KTV吵到两点", []string{"一楼", "KTV"}, []string{"1层", "ktv"}},
		{"楼下一楼商铺后厨的排烟管道起火", []string{"楼下一楼商铺"}, []string{"楼下1层商铺"}},
		{"放垃圾桶那块臭死了", []string{"放垃圾桶那块"}, []string{"放垃圾桶那块"}},
		{"停电动车那排有辆车冒烟", []string{"停电动车那排"}, []string{"停电动车那排"}},
		{"小区门口卖水果那家旁边的下水道堵了", []string{"小区门口卖水果那家旁边"}, []string{"门口卖水果那家旁边"}},
	})
	checkNoPlaces(t, []string{"我停车那边有个坑", "放那里就行", "摆摊的又来了"})
}
