package intake

import "testing"

// TestFormalAddresses checks the places of formal letters and hotline work
// orders (session 10; the messages are rows of testdata/dev-s17p or written
// for this test): a lane after a road, a crossing of two named roads, a
// facility told in a clause of its own or outside a gate, the compound the
// writer says they live in.
func TestFormalAddresses(t *testing.T) {
	checkLocations(t, []locCase{
		// Shanghai's lanes: 弄, then an optional house number
		{"本人居住在长乐路120弄3号，弄堂口的垃圾箱房已经三天没有清运", []string{"长乐路120弄3号", "弄堂口", "垃圾箱房"}, []string{"长乐路120弄3号", "弄堂口", "垃圾箱房"}},
		{"金沙江路1518弄的路灯坏了", []string{"金沙江路1518弄"}, []string{"金沙江路1518弄"}},
		// a crossing: both roads, as 建设街和人民路路口 gives them; 和平街 is a name
		{"诉求人反映：学府路与科技路交叉口的红绿灯已坏三天", []string{"学府路", "科技路交叉口"}, []string{"学府路", "科技路交叉口"}},
		{"诉求人反映：幸福路与和平街交叉口东北角的井盖缺失", []string{"幸福路", "和平街交叉口东北角"}, []string{"幸福路", "和平街交叉口东北角"}},
		{"市民来电：东环路与北二环交叉口向南50米的路边", []string{"东环路", "北二环交叉口", "路边"}, []string{"东环路", "北二环交叉口", "路边"}},
		{"长江西路与黄山路交汇处的施工围挡被风吹倒", []string{"长江西路", "黄山路交汇处"}, []string{"长江西路", "黄山路交汇"}},
		// a facility outside a gate, or in a clause of its own, is no
		// thing at the address before it
		{"解放大道218号金色港湾小区北门外的人行道被共享单车堵满", []string{"解放大道218号金色港湾小区北门", "人行道"}, []string{"解放大道218号金色港湾小区北门", "人行道"}},
		{"世纪大道888号楼下的地铁站C出口外，共享单车乱停乱放，堵住了无障碍坡道", []string{"世纪大道888号楼下", "无障碍坡道"}, []string{"世纪大道888号楼下", "无障碍坡道"}},
		// the compound the writer lives in, whatever its name ends with
		{"尊敬的领导：我是城南家属院的住户，家属院大门口的化粪池已经满溢三天", []string{"城南家属院", "大门口", "化粪池"}, []string{"城南家属院", "大门", "化粪池"}},
		{"诉求人反映：家住龙湖春江郦城4栋，小区地库负二层C区的排风机坏了", []string{"龙湖春江郦城4栋", "小区地库负二层C区"}, []string{"龙湖春江郦城4号楼", "车库B2c区"}},
		{"我是胜利街道红旗社区的居民 楼道灯坏了", []string{"红旗社区", "楼道"}, []string{"红旗社区", "楼道"}},
		// facilities of the formal register and of plain words
		{"您好！贵小区西北角的垃圾中转站每天凌晨四点开始作业", []string{"小区西北角", "垃圾中转站"}, []string{"西北角", "垃圾中转站"}},
		{"恳请将投放点移至别处", []string{"投放点"}, []string{"投放点"}},
		{"丰巢柜那里的灯坏了", []string{"丰巢柜"}, []string{"丰巢柜"}},
		{"公共厕所里面有个人晕倒了", []string{"公共厕所"}, []string{"公共厕所"}},
		{"设备层的管道漏水", []string{"设备层"}, []string{"设备层"}},
		{"楼栋口那块瓷砖掉下来了 5号楼", []string{"楼栋口", "5号楼"}, []string{"楼栋口", "5号楼"}},
		{"街口的下水道井盖不见了", []string{"街口"}, []string{"街口"}},
		// a side of the estate; a numbered district
		{"就是小区后面那个工地 晚上十点多还在打桩", []string{"小区后面", "工地"}, []string{"小区后面", "工地"}},
		{"本人家住天通苑东三区7号楼", []string{"天通苑东三区7号楼"}, []string{"天通苑东3区7号楼"}},
	})
	checkNoPlaces(t, []string{
		"我是隔壁小区的业主",
		"我是新搬来的住户",
		"我是纺织厂的退休职工",
		"我是做外卖的",
		"请问小区里哪有能打气的地方",
		"东三角的事情",
		// times, verbs and determiners before 小区 are no name (dev files'
		// chat and notices)
		"今天小区里好安静 大家都出去玩了吗",
		"明日上午小区停水四小时 请业主提前储水",
		"有没有人觉得小区的猫越来越胖了",
		"为进一步提升小区环境，物业将于本月启动垃圾分类工作",
		"新闻联播说今年要改造老旧小区",
		"紧急扩散！某某小区有人贩子出没",
		"别人小区物业费都降了",
	})
	checkLocations(t, []locCase{
		{"我下班路过小区北门看见有根树枝断了", []string{"小区北门"}, []string{"北门"}},
		{"本人为兰亭雅苑5号楼业主", []string{"兰亭雅苑5号楼"}, []string{"兰亭雅苑5号楼"}},
		// a verb before a facility is not part of its name
		{"下班路过菜市场 买了点菜", []string{"菜市场"}, []string{"菜市场"}},
		{"篮球场的球老是飞出去 堵围墙那边", []string{"篮球场", "围墙"}, []string{"篮球场", "围墙"}},
		{"召开居民议事会，讨论停车位规划事宜", []string{"停车位"}, []string{"停车位"}},
	})
	// another estate's side is no side of this one
	if words, _ := ExtractLocation("隔壁小区对面开了个超市"); len(words) != 1 || words[0] != "超市" {
		t.Errorf("ExtractLocation(隔壁小区对面开了个超市) = %q, want only the shop", words)
	}
}
