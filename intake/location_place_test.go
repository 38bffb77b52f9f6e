package intake

import (
	"reflect"
	"testing"
)

// TestPlacesAsResidentsName checks places named by landmark, relation,
// facility, shop, parking row, side, crossing or "our" unit (session 7;
// the messages are those of testdata/dev-place and other dev files, or
// written for this test), and that a relation joins a landmark and an
// address into the one place an officer goes to.
func TestPlacesAsResidentsName(t *testing.T) {
	tests := []locCase{
		// a relation joins them; 中间 names each place
		{"3号楼后面小卖部门口的井盖没了", []string{"3号楼后面小卖部门口"}, []string{"3号楼后面小卖部门口"}},
		{"小花园旁边2单元门口的路灯不亮", []string{"小花园旁边2单元门口"}, []string{"小花园旁边2单元门口"}},
		{"13号楼旁边那个工地晚上十一点还在打桩", []string{"13号楼旁边那个工地"}, []string{"13号楼旁边工地"}},
		{"2栋和5栋中间那条小路上有个大坑", []string{"2栋", "5栋", "小路"}, []string{"2号楼", "5号楼", "小路"}},
		// a landmark told apart from the address is a place of its own
		{"棋牌室的烟味飘到楼上来了 我们家开窗就一股烟 3号楼", []string{"棋牌室", "3号楼"}, []string{"棋牌室", "3号楼"}},
		{"那家面馆的油烟太大了 熏得我们楼都是味儿 8号楼", []string{"面馆", "8号楼"}, []string{"面馆", "8号楼"}},
		{"一号院那个小卖部后头 电线杆子上的线耷拉到地上了", []string{"一号院", "小卖部"}, []string{"1号院", "小卖部"}},
		// …but the thing at an address in the same clause is not
		{"二十二号楼有人用地锁占公共车位", []string{"二十二号楼"}, []string{"22号楼"}},
		{"6号楼底下的商户把门脸往外扩建 人行道都没了", []string{"6号楼"}, []string{"6号楼"}},
		// a side of the estate, not of a building (the labels' way)
		{"小区西侧的废品收购站每天凌晨就开始装卸", []string{"小区西侧"}, []string{"西侧"}},
		{"五号楼西侧的排水沟堵了", []string{"五号楼西侧"}, []string{"5号楼西侧"}}, // (the side joined since loc12),
		// our unit, the next unit; an ordinal building; a row; a side
		{"我们单元的门禁又刷不开了", []string{"单元"}, []string{"单元"}},
		{"隔壁单元的狗天天晚上嚎", []string{"隔壁单元"}, []string{"隔壁单元"}},
		{"第六栋楼顶有人坐在边上", []string{"第六栋楼顶"}, []string{"6号楼楼顶"}},
		{"第三排车位那辆白色的车压线停", []string{"第三排车位"}, []string{"第三排车位"}},
		{"长安街道万福小区8号楼东侧的化粪池满溢", []string{"万福小区8号楼东侧"}, []string{"万福小区8号楼东侧"}}, // (since loc12),
		// a crossing, a garage level written alone, a long modifier
		{"建设街和人民路路口的红绿灯坏了", []string{"建设街", "人民路路口"}, []string{"建设街", "人民路路口"}},
		// a road by what is on it (session 8); not a way to school or work
		{"学府路上那个井盖翻过来了", []string{"学府路"}, []string{"学府路"}},
		{"地下车库积水到小腿了 还在往里灌 B2", []string{"地下车库", "B2"}, []string{"车库", "车库B2"}},
		{"北门那个电动车充电棚又停电了", []string{"北门", "电动车充电棚"}, []string{"北门", "电动车充电棚"}},
		{"报修：8#-1-902 入户门锁芯坏了", []string{"1-902"}, []string{"1号楼902室"}},
		// a switch box or a slide is where the danger is
		{"@物业 后院那个配电柜 门都没了 里头嗡嗡的", []string{"后院", "配电柜"}, []string{"后院", "配电柜"}},
		{"滑梯下面有一大坨狗屎", []string{"滑梯"}, []string{"滑梯"}},
		// no greeting, interjection or addressee is part of a name
		{"@物业金桥花园电梯下坠了一下", []string{"金桥花园"}, []string{"金桥花园"}},
		{"唉长江路41号的狗天天叫", []string{"长江路41号"}, []string{"长江路41号"}},
		{"我想說一下新华路60號墙上裂了", []string{"新华路60號"}, []string{"新华路60号"}},
		// a layer or a climb is no floor
		{"配电室里面地上有一层水 十一号楼", []string{"配电室", "十一号楼"}, []string{"配电室", "11号楼"}},
		{"3号楼的电梯又坏了 天天爬二十层", []string{"3号楼"}, []string{"3号楼"}},
		{"电梯停在两层中间 10号楼", []string{"10号楼"}, []string{"10号楼"}},
		// a lift core after a building, the flat after the core; a
		// lettered core alone; 一梯两户 counts lifts
		{"7栋B梯1203门口一直有股臭味", []string{"7栋B梯1203门口"}, []string{"7号楼B梯1203室门口"}},
		{"5栋2梯602楼上装修 天天砸墙", []string{"5栋2梯602楼上"}, []string{"5号楼2梯602室楼上"}}, // (the flat above: the guideline)
		{"B梯的电梯又停了 9栋", []string{"B梯", "9栋"}, []string{"B梯", "9号楼"}},
		{"5栋2梯4户 电梯老坏", []string{"5栋"}, []string{"5号楼"}},
		// one place named twice is one place
		{"婴儿车在楼道里被人点着了 现在楼道全是黑烟", []string{"楼道"}, []string{"楼道"}},
	}
	checkLocations(t, tests)
}

// TestNotPlaces checks that times, prices, phone and help numbers, dates,
// ordinals, a kind of flat and words before 小区
// that are no name give no place.
func TestNotPlaces(t *testing.T) {
	checkNoPlaces(t, []string{
		"号码是400-820-8820 物业客服",
		"记一下 物业电话 0571-88886666",
		"13812345678有事打我",
		"着火了打119 不是120",
		"房租1500一个月",
		"周六上午10:30 集合",
		"2026-12-01开会",
		"第三单元的作业好难",
		"小区花园里散步",
		"下个路口左转",
		"在路口等我",
		"维生素B2要饭后吃",
		"隔壁老小区要拆迁了",
		"停车费一个月300 比隔壁小区贵",
		"2025年那会儿小区还没这么多车",
		"跑步绕小区3圈 5公里 打卡",
		"请问小区里哪有能打气的地方",
	})
}

// locCase is a message and the places ExtractLocation must find in it.
type locCase struct {
	in          string
	words, norm []string
}

// checkNoPlaces checks that ExtractLocation finds no place in any of texts.
func checkNoPlaces(t *testing.T, texts []string) {
	t.Helper()
	for _, text := range texts {
		if words, _ := ExtractLocation(text); len(words) > 0 {
			t.Errorf("ExtractLocation(%q) = %q, want no place", text, words)
		}
	}
}

func checkLocations(t *testing.T, tests []locCase) {
	t.Helper()
	for _, tt := range tests {
		words, norm := ExtractLocation(tt.in)
		if !reflect.DeepEqual(words, tt.words) || !reflect.DeepEqual(norm, tt.norm) {
			t.Errorf("ExtractLocation(%q) = %q %q, want %q %q", tt.in, words, norm, tt.words, tt.norm)
		}
	}
}

// TestNamedLandmarks checks names of shops and brands placed by a relation
// or a shop word (session 8), and words before a relation that are no
// place: speech, another estate, nearby, a person, a thing, a set phrase.
func TestNamedLandmarks(t *testing.T) {
	checkLocations(t, []locCase{
		{"瑞幸旁边那个井盖歪了", []string{"瑞幸"}, []string{"瑞幸"}},
		{"在罗森对面的路灯一闪一闪的", []string{"罗森"}, []string{"罗森"}},
		{"兰州拉面那家店的排烟管正对着2号楼", []string{"兰州拉面那家店", "2号楼"}, []string{"兰州拉面那家店", "2号楼"}},
		{"药房隔壁那个按摩店晚上老有人闹事", []string{"药房隔壁那个按摩店"}, []string{"药房隔壁按摩店"}},
		{"3号楼斜对面那个配电箱一直在响", []string{"3号楼斜对面那个配电箱"}, []string{"3号楼斜对面配电箱"}},
		{"28栋后面的那片竹林里有条蛇", []string{"28栋后面的那片竹林"}, []string{"28号楼后面竹林"}},
		{"钱大妈对面的路灯一闪一闪的", []string{"钱大妈"}, []string{"钱大妈"}},
		// a shop's door, a shop named in digits, a passage, a lane
		{"百果园门口卸货的车天天堵路", []string{"百果园门口"}, []string{"百果园门口"}},
		{"麻烦问下门口的杂草谁管", []string{"门口"}, []string{"门口"}},
		{"举报门口私搭乱建", []string{"门口"}, []string{"门口"}},
		{"711便利店对面的人行道 井盖没了", []string{"711便利店对面的人行道"}, []string{"711便利店对面人行道"}},
		{"5号楼和6号楼中间那条过道 有人拉了绳子", []string{"5号楼", "6号楼", "过道"}, []string{"5号楼", "6号楼", "过道"}},
		// a building by where it stands
		{"最里面那栋楼的单元门锁坏了", []string{"最里面那栋楼的单元门"}, []string{"最里面那栋楼单元门"}},
		{"靠马路那几栋楼 晚上渣土车过去震得窗户响", []string{"靠马路那几栋楼"}, []string{"靠马路那几栋楼"}},
		// a crossing after a relation; the formal writers' 入口处
		{"幼儿园正对着的那个路口 早上堵成一锅粥", []string{"幼儿园正对着的那个路口"}, []string{"幼儿园正对着路口"}},
		{"小区地下车库入口处有人私自加装地锁", []string{"小区地下车库入口处"}, []string{"车库"}},
		// an exit of the estate or a gate
		{"卸货的车天天堵住小区出口", []string{"小区出口"}, []string{"出口"}},
		// place words typed by sound
		{"6号楼楼到的灯坏了", []string{"6号楼楼到"}, []string{"6号楼楼道"}},
		{"3单远门口有滩血", []string{"3单远门口"}, []string{"3单元门口"}},
		{"从一楼到五楼都没灯", []string{"一楼", "五楼"}, []string{"1层", "5层"}},
		// a flat named from the writer's; a name ending in 里
		{"楼上1502天天往下扔烟头", []string{"楼上1502"}, []string{"楼上1502室"}},
		{"幸福里小区南门口有个井盖松了", []string{"幸福里小区南门口"}, []string{"幸福里小区南门"}},
	})
	checkNoPlaces(t, []string{
		"这事后面再说",
		"荣宠旁边",
		"谁知道附近哪里能修鞋",
		"昨晚隔壁小区着火了",
		"阿拉隔壁老阿婆两日没开门了",
		"老人旁边有个拐杖",
		"瑞幸旁边新开了家面包",
		"楼上100块一个月",
		"这里小区的人真多",
		"谁知道小院一般多久检查一次",
		"放学路上有个卖糖葫芦的",
		"一路上都堵车",
		"这周末学府路上有马拉松",
		"东边那排路灯整夜亮着",
		"下个路口右转就到",
		"出口转内销",
		"那栋楼的人真有意思",
	})
}
