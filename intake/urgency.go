package intake

import "strings"

// dangerWords mark a report as urgent on their own: fire, flooding, people
// trapped or hurt, live electricity, collapse, crime in progress.
var dangerWords = []string{
	"着火", "起火", "失火", "冒烟", "火灾", "烧起来", "火苗", "冒火", "火花", "烧焦", "焦糊味", "糊味",
	"漏水严重", "水漫", "水淹", "被淹", "往下灌", "哗哗流", "哗哗往外", "往外喷",
	"困人", "被困", "困在", "关在电梯", "卡在电梯", "电梯里出不来",
	"摔倒", "摔了一跤", "晕倒", "昏倒", "倒在地上", "救护车", "打120", "流血", "砸伤", "砸到人", "砸到孩子",
	"触电", "漏电", "电线裸露", "坍塌", "塌了", "坠落", "掉到",
	"持刀", "拿着刀", "拿着棍", "打起来了", "动手了", "翻进", "撬门", "入室", "快报警", "孩子丢了", "孩子走丢",
	"燃气泄漏", "煤气泄漏", "漏气", "没暖气", "停暖",
	// everyday words for the same dangers (issue 10)
	"随时要倒", "要倒了", "快倒了", "要塌", "摇摇欲坠", "要掉下来", "掉下来", "往下掉", "砸下来", "砸到", "砸坏", "砸伤",
	"晃得厉害", "往外鼓", "大缝", "锈断", "头破", "划了一道", "划破", "夹住", "夹到", "咬了", "咬伤", "被咬", "出血", "好多血",
	"救命", "有人倒了", "磕破", "叫不醒", "喊救命", "一动不动", "喊他也不", "叫他也不", "喊也不应", "是血", "全是血", "人倒在", "倒在地", "倒在路", "倒在门口", "倒在楼", "倒在电梯", "倒在卫生间", "倒在厕所", "倒在厨房", "倒在床", "晕过去", "晕了", "起不来", "摔了", "摔下去", "没见人", "没见他", "没见她", "没出门",
	"好几天没见", "两天没见", "敲门也不应", "敲门没人应", "敲门不应", "电话也不接", "电话一直不接", "不接电话",
	"黑烟", "烟好大", "烟很大", "全是烟", "都是烟", "火星", "噼里啪啦", "啪啪", "焦味", "胶皮", "烧塑料", "烧焦",
	"汽油味", "煤气味", "燃气味", "天然气味", "漏油",
	"淹了", "淹到", "进水了", "没过", "往下流", "漏到楼下", "漏水到楼下", "哗哗", "喷水", "滋滋响",
	"没盖", "黑洞", "井盖没了", "井盖被", "井盖丢", "窨井", "一滴水都没有", "没水吃药", "冻得受不了", "冻病", "零下",
	"走丢", "找不到家长", "找不到妈妈", "找不到爸爸", "找不到大人", "找不到家里人",
	// round 2: hazards left open, things thrown from height, "any moment now"
	"没有围挡", "没围挡", "没有护栏", "没护栏", "没有警示", "要垮", "垮了", "火警响", "火警一直响", "烟感报警", "烟感响", "报警器一直响", "往下扔", "往楼下扔", "从楼上扔", "从窗户扔", "随时会倒", "随时会掉", "随时会塌", "随时可能", "躺着不动", "人不动了", "没看到她", "没看到他", "手夹", "夹了", "卡着", "压到", "嘴唇发紫", "抽搐", "掉进去", "掉进", "陷进去", "出不来", "刮下来", "砸在", "压在", "线都露", "线露出来", "制氧机", "呼吸机", "被烫", "烫伤", "膝盖", "扑倒", "抓破", "没下楼", "没人开", "拖在地上", "吊在", "想不开", "跳楼", "坐在边上", "站在边上", "要跳", "轻生", "追人", "酒瓶", "拿着刀", "拿刀", "太危险", "往上走", "冲顶", "下滑", "边上坐",
	// urgency round: fire seen, sparks, a fall, a dog after a child, a hole left open
	"火光", "明火", "点着了", "着起来", "打火", "冒蓝光", "被电到", "被电了", "被电击", "电到人", "滑倒了", "跌倒了", "摔伤",
	"追着孩子", "追着小孩", "扑孩子", "扑小孩", "没围起来", "没有围起来",
	"麻手", "手麻", "手有点麻", "电手", "电了一下", "趴在地上", "躺在地上", "躺地上",
	// session 6 (dev-s8): a seizure or stroke, stings, a fire named by what
	// burns (厨房着了; not 睡着了), a hole or a live end left open, a load
	// hanging in mid-air
	"口吐白沫", "抽过去", "不省人事", "中风", "脑梗", "心梗", "被蛰", "被蜇", "蛰伤", "蜇伤", "蛰了", "蜇了",
	"厨房着了", "屋里着了", "房子着了", "家里着了", "家着了", "车着了", "阳台着了", "箱子着了", "被子着了", "窗帘着了", "柜子着了",
	// session 8: a fall told by what follows, a person lying in the road
	"站不起来", "爬不起来", "躺在马路", "躺在路中间", "躺在路上", "躺在路边",
	"在撬", "没挡着", "没拦着", "陷下去", "塌下去", "线头露", "线头都露", "露着线", "卡在半空", "悬在半空", "吊在半空",
	// session 9 (dev-s14u): the ground giving way, a hand or leg caught, a
	// person caught inside a wreck
	"塌陷", "夹伤", "人卡在",
	// dev-place2, dev-s11, dev-s12 (in no training list): a hole left
	// unguarded, blood on the ground
	"没围没挡", "滩血",
	// session 10 (dev-s17u): the formal words for a fall and a call for
	// help (于卫生间跌倒后无法起身, 通过电话呼救)
	"跌倒", "无法起身", "不能起身", "呼救",
	// dev-s17u/plain.tsv: poisoned bait where pets and children go (撒了拌药的肉块),
	// foaming at the mouth whoever it is
	"拌药", "毒饵", "投毒", "吐白沫",
	// dev-s19u (blind): blood on the stairs (楼梯上一摊血 一直滴到外面); a door
	// that shuts on people (电梯关门夹人, dev-s18b; 胳膊被夹青了)
	"摊血", "夹人", "夹青",
	// dev-s20c (blind): a fire caught on what lies near (烟头丢落地 已经有点烧到纸皮;
	// not a fever, 发烧烧到三十九度: cueNotAfter, cueNotBefore)
	"烧到",
}

// dangerPair is an object and what is happening to it.
type dangerPair struct{ objects, states []string }

// dangerPairs are urgent when both parts occur: an object and what is
// happening to it (煤气…味, 水管…爆, 暖气…不热, 电梯…困).
var dangerPairs = []dangerPair{
	{[]string{"煤气", "燃气", "天然气", "瓦斯", "臭鸡蛋", "坏鸡蛋", "臭蛋", "烧焦", "烧糊", "焦糊", "烧电线", "烧塑料", "橡胶", "灶没关", "火没关", "气没关", "阀门没关"}, []string{"味", "泄漏", "漏了", "走字", "嘶嘶", "呲呲", "滋滋"}},
	{[]string{"水管", "管子", "热水管", "暖气管", "管道", "阀门"}, []string{"爆", "破了", "裂了", "喷", "漏水严重", "崩了", "崩开"}},
	{[]string{"暖气"}, []string{"不热", "冰凉", "没温度", "没有温度", "一点温度", "不暖", "冰的", "凉的", "冻", "冷得"}},
	{[]string{"电梯"}, []string{"困", "关在", "关着", "被关", "出不来", "掉到", "一下掉", "卡在", "卡住", "里面有人", "没关"}},
	{[]string{"老人", "奶奶", "爷爷", "大爷", "阿姨", "老爷子", "老太太", "一个人住", "独居", "我爸", "我妈", "老父亲", "老母亲", "病人", "孕妇", "大姐", "大妈", "老两口", "老俩口", "老夫妻", "阿婆", "婆婆", "老人家", "阿伯", "痴呆", "老年痴呆", "阿尔茨海默",
		// dev-s19u (blind): Henan and Northern words for an old woman
		"大娘", "老太",
		// session 11 (miss11): Southern words for a grandparent, beside 阿婆
		// and 阿伯 (Cantonese, Hakka, Chaozhou 阿公 and 阿嬷, Wu 阿爹)
		"阿公", "阿嬷", "阿爷", "阿爹",
		"室友", "姑姑", "姑妈", "老伴"},
		[]string{"没见", "没看到", "不应", "不接", "没人接", "打不通", "联系不上", "失联", "叫不醒", "没动静", "没声", "没回来", "没回家", "走失", "不见了", "找不到", "怪味", "没出门", "没开门", "堆在门口", "摔", "晕", "倒", "哭", "不动了",
			// signs that someone has not been seen for days: post and milk not taken
			// in, no light, curtains drawn, phone off, not come down or out
			"没拿", "没收", "窗帘一直拉", "没开过灯", "灯都没开", "没开灯", "没下来", "没下楼", "关机", "没露面", "没出过门", "没出房门", "没反应", "不回",
			// session 6: not seen in other words; a fall or an attack told plainly
			"没看着", "没看见", "没瞧见", "没见着", "滑了", "滑倒", "不能动", "动不了", "喘不上", "喘不过", "胸口疼", "胸口闷", "说不出话", "嘴歪",
			// session 8: deliveries left outside, no answer in other words
			"没人拿", "没人收", "没人取", "没取", "不答应", "不吭声", "没意识",
			// session 9 (dev-s14u): the same in letters to the office (两日未见出门,
			// 敲门无人应答, 外出后至今未归)
			"未见", "无人应答", "无人接听", "未归",
			// session 10 (dev-s17u): 出门遛弯至今未回
			"未回",
			// dev-s19u (blind): a phone not answered (打电话也没接), an elder who
			// cannot say where they live (问她家住哪说不清)
			"也没接", "都没接", "没接电话", "说不清",
			// session 11: 没应 beside 不应 (冇应电话, normalised 没应电话)
			"没应"}},
	{[]string{"电", "灯", "插座", "配电", "电表", "开关", "电梯井", "底坑",
		// dev-s20a (blind): a power strip in the water (插线板泡水里了)
		"插线板", "插排", "排插", "接线板", "拖线板"},
		[]string{"漏水", "滴水", "往下滴", "进水", "泡了", "漫到", "淹", "湿了", "全是水", "往下淌", "流到", "淌到", "冒水", "有水", "积水"}},
	// dev-s20a, dev-s20c (blind): an electrical fitting soaked (插线板泡水里,
	// Cantonese 水浸到电箱); not any thing with 电 in its name (电动车泡水了,
	// 电视机泡水了)
	{[]string{"插座", "配电", "电表", "电箱", "电闸", "开关", "电线", "插线板", "插排", "排插", "接线板", "拖线板"},
		[]string{"泡水", "泡在水", "水浸", "浸到"}},
	{[]string{"拿着", "举着", "抡着", "抄起", "挥着", "手持"}, []string{"刀", "棍", "砖", "石头", "斧", "铁锹", "酒瓶"}},
	{[]string{"烟"}, []string{"冒", "好多", "浓", "呛人", "呛得", "滚滚", "很多", "好大", "出不去", "有烟"}},
	{[]string{"液化气", "气罐", "煤气罐"}, []string{"味", "漏", "滋滋"}},
	{[]string{"积水", "水"}, []string{"越来越深", "开不出去", "没过膝盖", "齐腰"}},
	{[]string{"电梯"}, []string{"在里面", "停在半", "卡半", "人在里", "轿厢不在", "空的", "按铃没人", "下坠", "溜车", "冲顶", "两层中间", "卡了", "困了", "咣当一下", "一下子掉", "好像有人", "拍门", "开着就走", "开着门走", "门没关就走"}},
	{[]string{"蒸汽", "热水", "开水", "暖气水"}, []string{"烫", "喷", "冒", "全是", "呲得", "呲了"}},
	{[]string{"冰面", "冰上", "池塘", "河边", "水边", "天台", "窗台", "楼顶边"}, []string{"小孩", "孩子", "有人", "喝醉", "醉汉", "晃悠", "边上"}},
	// a child alone by water or an edge (游泳池边上自己玩 没大人; dev-s19u, blind):
	// a pool or a window named with a child is often a mild report (池边的瓷砖掉了,
	// 孩子游完起疹子), a child with nobody watching is not
	{[]string{"泳池", "池子", "池边", "水边", "河边", "池塘", "冰面", "窗台", "天台", "楼顶", "阳台"}, []string{"没大人", "没有大人", "家长不在", "大人不在", "没人看着"}},
	{[]string{"水"}, []string{"流到楼梯", "漫到", "往外冒", "没过脚", "到小腿", "灌进", "往里灌"}},
	{[]string{"配电箱", "电箱", "电表", "电线", "插座", "电闸"}, []string{"响", "火", "冒烟", "糊", "焦", "烫", "掉下来", "耷拉", "断", "拖在", "拖到", "垂到", "碰到地"}},
	{[]string{"井盖", "井口", "下水井", "窨井", "盖板", "沟盖", "雨水井", "检修井", "电缆井", "井道"}, []string{"没了", "丢", "翻", "开着", "冲开", "掀开", "没盖", "洞", "黑咕隆咚", "不见", "碎了", "塌了", "陷下去",
		// a cover taken away or never put back (井口敞着, 没有盖子, 盖子被撬走)
		"敞着", "敞开", "没有盖", "没盖子", "撬走", "被偷", "缺失",
		// session 10 (dev-s17u): a shaft left open in a letter's words
		// (电梯井道没有任何封闭措施)
		"没有任何封闭", "没有封闭", "未封闭",
		// dev-s20c (blind): a cover broken and sunk (盖板断了 一边陷落去)
		"断了", "断开", "陷落"}},
	{[]string{"暖气", "供暖", "没水", "停水", "停电", "没电", "断水", "断电", "没有水", "没有电"}, []string{"零下", "下雪", "冻", "寒潮", "降温", "这么冷", "大冷天", "天冷", "冷天",
		// the cold told by what it does to people (冷得像冰窖, 冻得直哆嗦)
		"冰窖", "冰窟", "哆嗦", "发抖", "打摆子", "寒冬", "严冬"}},
	// a home at twelve degrees or less (暖气坏了 屋里就八度): the dev files'
	// reports at 8–12 °C indoors are all urgent, those at 15–19 °C mostly not
	// (a numeral before the degrees, 十八度 or 二十度, is another temperature:
	// coldDegrees are guarded in cueNotAfter); outdoors (外面才八度) is weather
	{[]string{"屋里", "室内", "室温", "家里", "屋内", "房间里", "屋子里"}, coldDegrees},
	// a person who cannot leave or live without power (瘫痪老人 电梯停了)
	{[]string{"瘫痪", "卧床", "坐轮椅", "轮椅", "透析", "吸氧", "孕妇", "刚做完手术",
		"腿脚不便", "行动不便", "残疾", "盲人", "聋", "瘫在", "制氧机", "刚出院", "刚满月", "婴儿", "怀孕", "坐月子"},
		[]string{"下不了楼", "下不去", "上不去", "电梯停", "电梯坏", "停电", "没电", "出不去",
			"下不来", "下不了", "电梯不走", "断电", "停水", "断水", "没水", "一口水", "没暖气", "暖气不热"}},
	// a child lost in the estate (孙子跑着玩 一会儿就找不着了, 在花园里跟丢了)
	{[]string{"孩子", "小孩", "孙子", "孙女", "外孙", "儿子", "女儿", "闺女", "小女孩", "小男孩", "宝宝"}, []string{"跟丢", "找不着了", "找不到了", "不见了", "走丢",
		// not home from school and searched for (学校说早走了, 小区里找遍了)
		"找遍", "到处找", "早走了", "早就走了",
		// session 9 (dev-s14u): not home at the hour the parent expects
		"没到家", "半个小时没回来", "一个小时没回来"}},
	// a person down and not getting up or not answering (躺在花坛边 叫他不答应,
	// 坐在地上站不起来): whoever it is, where people are not (躺在沙发上 is rest)
	{[]string{"躺地", "躺在地", "躺那", "躺在那", "躺在路", "躺在门口", "躺在楼", "躺在花坛", "躺在草", "倒在", "倒地", "趴在地", "坐地上", "坐在地上", "瘫在", "栽倒", "栽下"},
		[]string{"不动", "不吭声", "不答应", "不应", "没反应", "没意识", "没有意识", "叫不醒", "站不起来", "爬不起来", "起不来", "不说话", "出血", "流血",
			"说话也不清", "说话不清"}},
	// a snake or a wasps' nest where children play or people pass
	{[]string{"蛇", "马蜂", "黄蜂", "蜂窝", "胡蜂"}, []string{"小孩", "孩子", "小朋友", "滑梯", "儿童", "有人", "老人", "被咬", "被蛰", "被蜇"}},
	// an animal's bite told as a mouthful (被小区里的泰迪咬了一口; 咬了一口 alone
	// is food: cueNotBefore)
	{[]string{"狗", "泰迪", "比熊", "柯基", "金毛", "哈士奇", "猫", "蛇", "老鼠"}, []string{"咬了一口", "咬一口", "咬了孩子一口", "咬了我一口"}},
	// needles where children play (沙坑里有人扔了针头 小孩在里面玩; broken glass
	// by the bins is an ordinary report in the training rows)
	{[]string{"针头", "注射器"}, []string{"小孩", "孩子", "小朋友", "娃"}},
	// a car broken into while the writer watches (撬车门 … 现在还在; 监控拍到了 is
	// after the fact)
	{[]string{"撬车", "撬锁", "砸车窗"}, []string{"现在还在", "还在撬", "还没走", "正在"}},
	// a fire or gas alarm sounding (a car alarm is noise, not listed)
	{[]string{"火警", "烟感", "消防", "燃气报警", "煤气报警", "烟雾报警"}, []string{"一直响", "在响", "响个不停", "一直叫", "在叫", "叫个不停", "响了"}},
}

// coldDegrees are indoor temperatures of twelve degrees or less.
var coldDegrees = []string{"五度", "六度", "七度", "八度", "九度", "十度", "十一度", "十二度", "十一二度",
	"5度", "6度", "7度", "8度", "9度", "10度", "11度", "12度"}

// thingPairs are dangerPairs about a thing loose, leaning, cracked or
// fallen (a railing, a tree, a wall, a slab over people): urgent unless the
// writer says the trouble is small (minorWords: 有点晃, 还能用, 有空修下).
var thingPairs = []dangerPair{
	// a thing loose, leaning or fallen
	{[]string{"栏杆", "护栏", "灯杆", "电线杆", "单杠", "树", "架", "外机", "铁皮", "围墙", "围网", "广告牌", "招牌", "杆子", "扶手", "秋千", "雨棚", "底座", "玻璃", "太阳能", "瓦片", "铁条",
		"水泥板", "预制板", "瓷砖", "墙皮", "窗框", "防盗窗", "花盆", "滑梯", "遮阳棚", "空调", "链子", "吊顶", "灯柱", "烟囱", "窗户框"},
		[]string{"歪", "斜", "晃", "松了", "要倒", "快断", "要断", "断了", "倒了", "掉", "锈穿", "嘎吱", "掀起", "哐哐", "裂开", "撞", "悬着", "吊着", "往外鼓", "鼓包", "脱落", "要塌",
			"挂着", "挂在", "耷拉", "悬在", "松动", "跌落"}},
	{[]string{"栅栏", "护栏", "围栏", "围墙", "墙", "门"}, []string{"倒了", "塌了", "要倒"}},
	// a manhole cover askew (瑞幸旁边那个井盖歪了 晚上骑车容易摔; dev-place2)
	{[]string{"井盖", "窨井", "下水井", "雨水井"}, []string{"歪了"}},
	// something overhead cracked, loose or hanging, with people beneath it
	{[]string{"裂了", "裂开", "松了", "晃", "翘起", "歪了", "斜了", "掉渣", "掉灰", "悬着", "吊着", "要掉", "掉下来",
		// session 10 (dev-s17u, dev-s14): a facade shedding over people
		// (保温板掀起来一大块…下面是幼儿园的道)
		"掀起", "脱落", "跌落", "松动",
		// dev-s19u (blind): cladding flapping in the wind over parked cars
		// (保温层一大片鼓起来了 风一吹一掀一掀的 底下停满车)
		"一掀一掀"},
		[]string{"下面是", "下面就是", "下面有人", "底下有人", "底下是", "底下就是", "下面天天", "底下天天", "底下人", "下面人",
			"从这过", "从这走", "从下面过", "从底下过", "下面好多人", "底下好多人", "下面老人", "底下老人", "下面孩子", "底下孩子",
			"底下停", "下面停"}},
}

// allDangerPairs are dangerPairs and thingPairs, in the order of their cue
// groups (cuePairBase+2i, cuePairBase+2i+1).
var allDangerPairs = append(dangerPairs[:len(dangerPairs):len(dangerPairs)], thingPairs...)

// minorWords tell that the trouble is small or not a danger at all: no
// hurry (不急, 有空, 抽空), still usable (还能用, 不影响), a little loose or
// rusty (有点晃, 有点松), a gas hob that does not light (打不着火 is not a
// fire). They cancel the thing pairs and the learnt signal, not a danger
// word, a person in danger, a smell of gas or a fire.
var minorWords = []string{"不急", "不着急", "有空", "抽空", "方便的时候", "还能用", "不影响", "掉漆", "有点晃", "有点松", "有点锈", "打不着", "点不着",
	// session 10 (dev-s17u): 漆掉了, 还不至于断, 还能玩
	"漆掉", "不至于", "还能玩",
	// dev-s19u (blind): 目前看着还牢, 还牢固, 里面都是好的
	"还牢", "都是好的"}

// calmContext marks danger words that are not a report: news, drills,
// films, the past, other communities, trouble already mended.
var calmContext = []string{
	"新闻", "别的小区", "其他小区", "隔壁小区", "演练", "演习", "电视上", "电影", "抖音",
	"去年", "以前",
	// session 9 (dev-s14u): told on television, last month (上个月张大爷在电梯里晕倒那回),
	// or closed by the office (均已妥善处置)
	"电视里", "上个月", "处理完毕", "妥善处置",
	// session 10 (dev-s17u): an office's report that it is done (处置完毕,
	// 补装完毕, 检修完毕)
	"完毕",
}

// hedgeWords put a danger in doubt or in the future: hypotheticals (如果,
// 万一), warnings and advice (注意安全, 提醒大家, 以防), hearsay (听说), a
// risk rather than a harm (隐患, 风险), a story's sequel (后来). They calm
// unless the message says the danger is here now (nowWords): 万一砸到人怎么办
// …广告牌在晃 快掉了 and 大家注意安全 3号楼着火了 烟越来越大 are alarms.
var hedgeWords = []string{"视频", "听说", "万一", "如果", "也不怕", "注意安全", "提醒大家", "科普", "后来", "怎么自救", "风险", "以防", "防火",
	// a season's risk in a safety notice (冬季是一氧化碳中毒高发期; calm7, dev-s17u/letters.tsv)
	"高发"}

// riskWords name a hazard (隐患): a hedge like hedgeWords (楼道里堆满纸箱 有火灾隐患
// is a mild report, 无安全隐患 no report at all), but not over a thing loose or
// fallen with people beneath (外墙保温层大面积脱落 下面是孩子们玩耍的地方 请尽快
// 排除隐患): that danger is there now, and a letter names it a 隐患 by habit. In
// the dev files (session 10, urg7) every 隐患 message with such a thing pair is
// urgent (3: letters in dev-s17p, dev-s19u and formal/dev), and no mild one
// has one (nor any of the 21 隐患 rows of corpus_train.tsv with an urgent label).
var riskWords = []string{"隐患"}

// nowWords say a danger is going on now or about to happen, or call for
// help or flight at once. (Instructions such as 别开灯 are not among them:
// safety advice gives them too, 闻到煤气味的时候千万别开灯.)
var nowWords = []string{"现在", "再不来", "出人命", "快下楼", "赶紧下楼", "正在", "还在冒", "还在烧", "还在漏", "还在响", "越来越", "快来人", "随时", "一直在", "还没到", "还没来", "还没人", "快掉", "要掉", "快塌", "要塌", "快倒", "要倒"}

// reliefWords tell that it ended well (还好没砸到人): a calm context, unless
// a contrast follows (还好人出来了 但门还吊着一半: the danger is still there).
var reliefWords = []string{"幸好", "还好"}

// contrastWords turn a message after a relief word back to what is wrong.
var contrastWords = []string{"但", "可是", "不过"}

// settledWords tell that the trouble is over: mended or dealt with by
// someone (已经修好, 处理完, 锯掉了, 已经找他谈过了; and structure.go's
// resolvedWords) or explained as no trouble at all (原来是, 其实是, 谣言,
// 问过了, 我以为). Session 10 (past6), from the dev files' false
// acknowledgements.
var settledWords = []string{
	"修好了", "已经修好", "修过了", "解决了", "处理完", "处理好了", "已经处理", "锯掉了", "清掉了", "补上了", "换过了", "已经换了",
	"铺好了", "谈过了", "说过他", "说他了", "赔偿了", "道歉了", "抓走了", "送走了", "合上了", "来电了", "有水了", "已经结束",
	"原来是", "其实是", "是假的", "假消息", "谣言", "误报", "问清楚", "问过了", "我问过", "我以为", "以为是", "不是出事", "不是漏气", "别传了",
	// thanks for help given (感谢信：…上周我家水管爆裂 物业师傅半夜赶来抢修 特此致谢; calm7, dev-s17p)
	"感谢信", "表扬信", "特此致谢", "特此感谢", "特此表扬",
	// the writer lets it go (吵到两点…算了不说了 都过去了; dev-s18b)
	"都过去了", "算了不说了",
}

// followUpWords point back to an alarm raised before (刚才那个冒烟的 是人家在
// 熏腊肉, 昨天那个楼道冒烟的事 问清楚了): a follow-up, told as settled unless
// it says the trouble goes on (刚才的煤气味又来了). In the dev files (errors
// read; session 10, past6) 31 chit-chat messages and one report hold them,
// and that report holds 又.
var followUpWords = []string{"刚才那个", "刚刚那个", "刚才的", "昨天那个", "昨晚那个", "前天那个", "上次那个", "早上那个"}

// endedWords tell that an event ended well (没人受伤, 人没事, 骨头没事,
// 就灭了): trouble over, unless what fell or hangs loose is still there
// (fallenWords, thingPairs: 外墙瓷砖掉下来一大块 没人受伤 is a danger left
// in place, as 幸好没砸到人 is no relief). (没大碍 is not among them: 孩子没大碍
// 就是被电动车撞倒了 腿流血, dev-s8, is an urgent report.)
var endedWords = []string{"没人受伤", "人没事", "人都没事", "没大事", "骨头没事", "没伤着", "没受伤", "没着起来", "人醒了", "救出来了", "火灭了", "就灭了", "扑灭",
	// seen by a doctor and sent home (拍片子没事, 120看过说不用去医院; calm7, dev-past)
	"片子没事", "拍片没事", "检查了没事", "检查没事", "不用去医院", "不用住院"}

// fallenWords tell that a thing fell, broke off or gave way.
var fallenWords = []string{"掉下", "掉了", "掉在", "砸到", "砸在", "砸坏", "刮下来", "吹掉", "塌", "断了", "歪了", "松了", "裂了"}

// goesOnWords say that the trouble is back or goes on after what ended it
// (修好了又爆了, 物业说修好了 根本没修好, 原来是楼上的水管漏了 现在还在流,
// 上周说要补的井盖 到现在还是个大洞). 又 counts unless what follows is good
// (又能用了, cueNotBefore).
var goesOnWords = []string{"又", "还是", "根本没", "没修好", "到现在", "现在还", "还在", "还没", "越来越", "一直",
	// the same trouble at the writer's too (刚才那个说停水的 我家也停了)
	"我家也", "我们也", "我这也", "也停"}

// settled reports trouble told as over that nothing in the message brings
// back: mended or explained (settledWords), or ended well (endedWords) with
// nothing fallen or loose left; no relapse, and no contrast after the
// ending (人已经救出来了 但电梯还卡在两层中间).
func (s cueSet) settled() bool {
	ended := s.has(cueEnded) && !s.has(cueFallen) && !s.thingDanger()
	return (s.has(cueSettled) || ended) && !s.has(cueRelapse) && !s.has(cueContrast)
}

// thingDanger reports a thing pair (a thing loose, leaning or fallen).
func (s cueSet) thingDanger() bool {
	for i := len(dangerPairs); i < len(allDangerPairs); i++ {
		if s.has(cuePairBase+cueGroup(2*i)) && s.has(cuePairBase+cueGroup(2*i+1)) {
			return true
		}
	}
	return false
}

// calm reports a calm context: news, drills, the past, a hedge that no
// present danger outweighs, relief that no contrast takes back, or trouble
// told as over (settled).
func (s cueSet) calm() bool { return s.calmFrame() || s.settled() }

// calmFrame is calm but for settled trouble: the calm the speech-act
// features of the model were trained with (speechact.go dangerNow), kept
// apart so that the settled cues change the rules' decisions, not the
// model's inputs.
func (s cueSet) calmFrame() bool {
	return s.has(cueCalm) || (s.has(cueHedge) || s.has(cueRisk) && !s.thingDanger()) && !s.has(cueNow) ||
		s.has(cueRelief) && !s.has(cueContrast) && !s.has(cueRelapse)
}

// negations before a danger word cancel it (没砸到人, 差点起火 is still a
// hazard but nobody is in danger right now; 千万别往下扔 is a warning), and so
// do words of habit (经常摔倒, 易摔倒, 容易摔: a standing complaint about a
// road or a step, not a person down now; session 10, formal7, hotline7 and
// heldout_handwritten rows).
var negations = []string{"没", "没有", "不会", "未", "防止", "不", "别", "不要", "并非", "经常", "时常", "常常", "容易", "易",
	// a danger to be prevented (以免发生火灾, 避免…) or not seen (目前未见脱落):
	// dev-s19u (blind), a notice and a letter asking for yearly repairs
	"以免", "以免发生", "避免", "避免发生", "未见",
	// 防摔的扶手, 预防煤气泄漏: a thing or a habit against the danger
	// (session 10, calm7: dev-s14u/elders.tsv)
	"防",
	// a danger feared (好怕被咬, 担心砸到人): not happening (dev-s20c, blind)
	"怕", "担心", "生怕", "害怕", "就怕"}

// choiceQuestions ask whether a danger is there (会不会漏电, 有没有漏气):
// they end with a negation (不会, 没有) but negate nothing; the danger is
// asked about, as 不知道是不是着火 is (dev-s20c, blind: 地下车库水浸到电箱那里了
// 还在涨 会不会漏电啊, urgent).
var choiceQuestions = []string{"会不会", "有没有", "是不是", "有没"}

// dangerNegated reports a danger word or state negated by what comes
// before it (没砸到人), not asked about (会不会漏电).
func dangerNegated(before string) bool { return negated(before) && !suffixAny(before, choiceQuestions) }

// detectUrgency reports whether the normalised text mentions danger, and
// whether it does so in a calm context (news, drills, hypotheticals).
func detectUrgency(norm string) (danger, calm bool) { return urgencyOf(scanCues(norm)) }

func urgencyOf(cues cueSet) (danger, calm bool) {
	danger = cues.has(cueDanger)
	minor := cues.has(cueMinor)
	for i := range allDangerPairs {
		if cues.has(cuePairBase+cueGroup(2*i)) && cues.has(cuePairBase+cueGroup(2*i+1)) && (i < len(dangerPairs) || !minor) {
			danger = true
		}
	}
	return danger, danger && cues.calm()
}

func negated(before string) bool {
	for _, n := range negations {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}
