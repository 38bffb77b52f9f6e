package main

import (
	"math/rand/v2"
	"strings"
)

// Training-only material for issue 10 (calm in real group chat): the kinds
// of chit-chat that use complaint words without being a report, and
// reports told in residents' everyday words, often naming a place by a
// landmark. None of it is held out; the separate evaluation set
// (testdata/eval_groupchat_*.tsv) was written by hand, not from these.

// landmarks are places named by facility rather than building number; the
// whole word is the gold location.
var landmarks = []string{"幼儿园门口", "快递柜", "健身器材", "儿童乐园", "篮球场", "凉亭", "中心花园", "物业办公室门口", "保安室",
	"充电桩", "配电房", "水泵房", "大堂", "公厕", "后门", "自行车棚", "车库入口", "羽毛球场", "游乐场", "岗亭", "中心广场",
	"东门", "西门口", "南门", "北门口", "地下车库", "地库", "车棚", "停车场", "垃圾站", "花坛", "楼道", "天台"}

// landmark returns a marked landmark, sometimes with a relational word
// after it (旁边, 那边) that is not part of the place.
func landmark(rng *rand.Rand) string {
	s := mOpen + pick(rng, landmarks) + mClose
	return s + pick(rng, []string{"", "", "旁边", "那边", "附近", "边上", "那块", "里"})
}

// problemFrames wrap a report-like phrase ({P}) so that it is no longer a
// report here and now: another place, the news, an alarm called off, a
// hypothetical question, a joke.
var problemFrames = []string{
	"隔壁小区{P} 还好咱们这没事", "新闻里说有个小区{P} 大家注意", "刷到个视频 {P} 太吓人了", "我老家那边{P} 我爸妈急死了",
	"听我同事说他们小区{P}", "外地有个小区{P} 看着都怕", "朋友圈都在转 说{P} 真的假的", "我公司楼里{P} 烦死了",
	"刚才说{P}的 没事了 是我搞错了", "刚才{P} 已经好了 不用找物业了", "不好意思 刚才说{P} 是我看错了", "撤回 {P}是我家自己的问题",
	"虚惊一场 以为{P} 其实没有", "如果{P}了 应该打哪个电话 先问问", "想问下 万一{P}怎么办", "{P} 开玩笑的 哈哈",
	"我女儿宿舍{P} 她天天跟我说", "电视上演的 {P} 好真实", "以前住的小区{P} 现在好多了", "我们单位{P} 领导也不管",
}

// problemPhrases are short report-like phrases for problemFrames.
var problemPhrases = []string{"电梯困人了", "着火了", "停水了", "停电了", "楼道里一股煤气味", "水管爆了", "狗咬人了", "垃圾没人收",
	"半夜有人吵", "井盖丢了", "外墙掉砖", "有人高空扔东西", "车位被占了", "暖气不热", "下水道堵了", "有老人摔倒了", "漏水漏到楼下",
	"路灯全坏了", "有人私搭乱建", "电动车着火了", "地下车库被淹了", "有小孩走丢了", "树倒了砸到车", "冒黑烟", "家里进贼了"}

// realChat are chit-chat messages of the hard kinds.
var realChat = []string{
	// offers, small ads, lost and found
	"家里的旧书架不要了 谁要自己来搬", "我有多的口罩 需要的邻居来拿", "顺风车 明早八点去高铁站 还能坐两人", "谁家需要婴儿床 免费送",
	"我会修水龙头 邻居们有需要可以喊我", "老人买菜不方便的 我可以帮忙带", "捡到一个小孩的水杯 在{L}保安那里", "谁丢了钥匙 挂在{L}门上了",
	"寻猫 灰色英短 脖子上有铃铛 看到请联系", "丢了一个工牌 好心人捡到请告诉我", "捡到一部手机 已交给物业",
	"专业通下水道 疏通马桶 上门服务", "开锁换锁 电话见图", "周末托管班招生 有意私信", "卖家里种的橘子 甜得很 要的留言",
	"出租{L} 一室一厅 随时看房", "上门维修空调冰箱洗衣机 价格公道", "收旧家电 上门回收",
	// questions asking for information
	"请问去人民医院坐几路车", "谁知道附近哪个幼儿园好", "请问居委会电话多少", "请问今天垃圾车几点来", "有人知道社保在哪办吗",
	"请问物业上班时间是几点到几点", "停车费怎么交 新来的不懂", "请问电梯卡在哪补办", "快递驿站几点关门啊", "哪里可以办老年卡",
	"请问小区可以养大型犬吗", "谁知道附近有没有修鞋的", "孩子上学划片是哪个学校", "请问燃气费在哪交", "问一下供暖费什么时候交",
	// praise of a facility
	"新装的路灯真亮 物业辛苦了", "电梯保养完顺多了 点赞", "保洁大姐每天都扫得很干净 表扬", "{L}新修好了 孩子们玩得可开心了",
	"物业小哥大半夜还来修水管 太负责了", "门禁换了人脸识别 方便多了", "新种的树好看 小区越来越漂亮", "谢谢网格员帮我家老人办了手续",
	// jokes with complaint words
	"我家就是个垃圾场 哈哈 娃玩具满地", "我老公打呼噜比楼上装修还吵", "我被困在加班里出不来了😂", "今天的我电量耗尽 需要充电",
	"我的钱包被双十一偷走了哈哈", "我家猫半夜跑酷 噪音扰民 哈哈", "作业辅导到血压爆表 救命", "减肥失败 体重又超标了",
	"我的脑子进水了 钥匙锁家里了 哈哈 已经找开锁的了", "天太冷了 我要冻成冰棍了", "我就是那个每天被狗遛的人 哈哈",
	// the writer's own trouble
	"我家电脑蓝屏了 谁会弄", "我手机摔坏了 哪里修得便宜", "我家路由器坏了 没网好难受", "我车的电瓶没电了 谁有搭电线",
	"我家冰箱不制冷了 找谁修比较好", "我腰疼得起不来 推荐个按摩的", "我宿舍的热水器又坏了 学校也不修", "孩子学校的厕所太脏了",
	"公司电梯又坏了 爬了二十层", "我家马桶堵了 自己通好了", "我家猫生病了 哪个宠物医院好",
	// near-empty, single words, @mentions, quoted replies
	"。。。。", "…", "？？", "啊？", "嗯嗯", "咋了", "什么情况", "到底怎么回事啊", "真的吗", "哈哈哈", "[旺柴]", "🙏🙏", "👌",
	"吵", "漏水", "电梯", "堵车", "没水", "坏了", "狗", "臭", "停电", "物业", "垃圾", "咬", "电话", "噪音", "停车", "修",
	"@王姐 晚上一起跳舞", "@小李 快递到了吗", "「李阿姨：明天停电吗」 不停 是隔壁小区停", "「老张：电梯好了吗」 好了 早上修好的",
	"@物业 谢谢师傅 修好了", "「王书记：大家注意防火」 收到", "@全体成员 明天社区义诊 欢迎参加",
	// landmarks in chit-chat, so that a place word alone is no report
	"我在{W}等你 快下来", "{W}新开了家水果店 挺新鲜", "晚饭后在{W}散步 好舒服", "孩子们在{W}玩得可开心了",
	"有人在{W}跳绳吗 带上我", "{W}的小猫好可爱 天天有人喂", "快递放{W}了 记得拿", "明天早上{W}集合 一起去爬山",
	"{W}有卖烤红薯的 好香", "刚在{W}碰到王阿姨了", "{W}今天好热闹 在搞活动", "我家老人天天在{W}下棋",
	// other people's places and passing situations
	"我同学家楼下天天吵架 她都想搬家了", "回娘家一趟 那边的路烂得不行", "别人小区都装了充电桩 咱们啥时候有",
	"物业说那个味是在喷药 过一会就散了", "停电是检修 一会就来 别打电话了", "那辆车是送货的 一会就走",
	"新添的椅子真方便 老人们歇脚方便多了", "我家网又断了 运营商客服打不通", "我开了个小饭桌 有需要的邻居找我",
}

// everydayConcern are reports in everyday words; a leading "!" is urgent,
// {W} a landmark, {L} a generated place.
var everydayConcern = map[string][]string{
	"公共设施": {"!{W}的栏杆晃得厉害 快倒了", "!{W}有个井盖没盖 黑乎乎一个洞", "{W}的灯坏了好几天 晚上看不见路",
		"!{W}的秋千链子要断了 小孩还在玩", "{W}的地砖翘起来了 好几个人绊倒", "{W}的椅子坏了 钉子露在外面", "!{W}的铁架子歪了 随时砸下来",
		"{W}的门禁老是刷不开", "!{W}那边的电线掉下来了 还在冒火花", "{W}的地面塌了个坑"},
	"房屋维修": {"!{L}楼上的水一直往下流 灯里都是水", "!{L}的外墙砖松了 下面就是人走的路", "{L}家里墙角一直渗水 墙都黑了",
		"!{L}的天花板掉了一块 差点砸到人", "!{L}漏水漏到楼下了 快来人", "{L}楼梯扶手松了 老人不敢扶", "!{W}的墙裂了大缝 往外鼓"},
	"水电气暖": {"!{L}一股煤气味 好冲", "!{L}的电箱啪啪响 有火星子", "!{L}暖气一点不热 外面零下了 老人冻病了", "!{L}一整天没水了 老人没法做饭吃药",
		"!{W}的水管爆了 水哗哗流", "{L}水压太低 洗不了澡", "!{L}闻到一股焦糊味 好像是电线", "{L}停电了也没个通知",
		"!{L}燃气表那滋滋响", "!下雪了{L}还没来暖气 孩子冻得发烧"},
	"电梯": {"!{L}电梯卡住了 里面有人出不来", "!{L}电梯门开着就往上走", "!{L}电梯突然往下掉了一截 里面有老人", "{L}电梯又停了 爬楼累死", "{L}电梯突然顿了一下 吓死我了", "{L}的电梯老是晃 好吓人",
		"!孩子被关在{L}电梯里了 在哭"},
	"治安安全": {"!{W}有东西在冒烟 快来看看", "!{L}楼道里全是烟 闻着像烧塑料", "!{W}有人拿着刀在吵架", "!{L}楼上扔下来个花盆 差点砸到人",
		"!{W}有个小孩找不到家长了 在哭", "!{W}那边有股汽油味 不知道哪漏的", "{W}晚上总有人翻东西", "!{W}有电动车在冒烟",
		"!{L}有小孩爬到窗户外面了"},
	"其他诉求": {"!{L}的老人好几天没见了 敲门没人应", "!{W}有个老人摔了 起不来", "!{L}有人晕倒了 快来人帮忙",
		"!独居的{L}王奶奶电话一直不接 谁有她家人电话", "!{L}那家门口一股怪味 老人好几天没出门", "!{W}有人倒在地上 流了好多血"},
	"环境卫生": {"{W}的垃圾堆了好几天 臭死了", "隔壁邻居天天把垃圾放门口 {L}臭得不行", "{W}好多老鼠 大白天都有", "!{W}着火了 烟很大", "{W}的污水漫出来了 一股臭味"},
	"停车交通": {"{W}天天被车堵着 进出都难", "!消防通道被堵死了 救护车进不来 在{L}", "{W}电动车乱停 轮椅都过不去"},
	"绿化":   {"!{W}的大树歪了 压在电线上", "!{W}有根大树枝快断了 挂在路上头", "{W}的草长得比人高了 全是蚊子"},
	"宠物":   {"!{W}有只大狗没拴绳 刚咬了人", "{W}到处是狗屎 没法走"},
	"噪音扰民": {"{W}每天晚上有人唱歌 吵到半夜", "{W}的机器嗡嗡响一整夜", "隔壁楼装修天天电钻 {L}都听得见", "隔壁家半夜打麻将 哗啦哗啦 {L}",
		"隔壁单元的狗叫了一晚上 {L}的老人都没睡好"},
}

// realisticRows composes the issue-10 training messages: realChat and the
// problem frames as chit-chat, everydayConcern as reports.
func realisticRows(rng *rand.Rand, per int) []row {
	var out []row
	for _, tpl := range realChat {
		for j := 0; j < 3; j++ {
			t := tpl
			for strings.Contains(t, "{W}") {
				t = strings.Replace(t, "{W}", landmark(rng), 1)
			}
			out = append(out, compose(rng, t, "", false))
		}
	}
	for i := 0; i < 40*len(problemFrames); i++ {
		f := problemFrames[i%len(problemFrames)]
		tpl := strings.Replace(f, "{P}", pick(rng, problemPhrases), 1)
		out = append(out, compose(rng, tpl, "", false))
	}
	for _, cat := range sortedKeys(everydayConcern) {
		for _, tpl := range everydayConcern[cat] {
			for j := 0; j < per; j++ {
				t := tpl
				for strings.Contains(t, "{W}") {
					t = strings.Replace(t, "{W}", landmark(rng), 1)
				}
				out = append(out, compose(rng, t, cat, true))
			}
		}
	}
	return out
}
