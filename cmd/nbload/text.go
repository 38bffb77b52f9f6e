package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// topic is one kind of problem residents report: the category the bot
// should file it under and several ways of saying it. Each phrase follows a
// place ("3号楼", "12栋2单元").
type topic struct {
	category string
	phrases  []string
}

// topics are the problems reports are made of, across the default taxonomy.
var topics = []topic{
	{"环境卫生", []string{"前的垃圾三天没人收了，味道很大", "垃圾桶满了都溢出来了，臭死了", "楼下有死老鼠，苍蝇到处飞", "门口垃圾堆成山了也没人清"}},
	{"电梯", []string{"电梯又坏了，老人上不去", "电梯门关不上，一直在响", "电梯按钮失灵了，上下楼只能爬楼梯", "电梯轿厢晃得厉害，坐着害怕"}},
	{"水电气暖", []string{"停水一整天了，也没通知", "暖气不热，家里才十三度", "楼道跳闸了，整栋楼没电", "水管爆了，水一直往外冒"}},
	{"停车交通", []string{"消防通道被私家车堵了", "门口乱停车，救护车都进不来", "楼下车位被人用地锁占了", "电动车停满了人行道，走不过去"}},
	{"噪音扰民", []string{"有人装修半夜还在打电钻，吵得睡不着", "楼下广场舞音响太吵了，天天到十点", "楼上半夜拖椅子，噪音扰民"}},
	{"公共设施", []string{"楼道灯坏了一个星期，晚上黑乎乎的", "路灯不亮了，晚上走路害怕", "门禁坏了好几天了，刷卡没反应", "井盖松了，踩上去咣当响"}},
	{"绿化", []string{"门口的树枝挡住窗户了，麻烦修剪一下", "草坪杂草长得比人高了，没人修剪", "花坛里枯树倒了一半，挺危险"}},
	{"宠物", []string{"有人遛狗不拴绳，把小孩吓哭了", "楼下狗屎没人清理，到处都是", "有人在楼道里养狗，宠物粪便也不清理"}},
	{"房屋维修", []string{"外墙墙皮脱落，砸到楼下的车了", "顶楼屋顶渗水，墙都发霉了", "楼道窗户玻璃碎了，风呼呼往里灌"}},
	{"治安安全", []string{"有人私拉电线给电瓶车充电，太危险了", "楼上高空抛物，差点砸到人", "最近有陌生人挨家挨户敲门，大家小心"}},
	{"违章搭建", []string{"一楼住户私搭阳光房，把公共绿地圈了", "楼顶有人加盖违建，还在施工", "楼下有人搭棚占了半条路"}},
}

// Ways a report begins and ends, and how a place is written.
var (
	reportPrefixes = []string{"", "", "反映个问题 ", "@物业 ", "社区的同志你好，", "又来了 ", "麻烦管一下，"}
	reportSuffixes = []string{"", "", "，麻烦尽快处理", "，谢谢", "！！", "，什么时候能解决", "🙏"}
	placeFormats   = []string{"%d号楼", "%d栋", "%d号楼%d单元", "%d幢", "%d栋%d单元"}
)

// maxBuilding is the highest building number in the generated texts.
const maxBuilding = 60

// report is a generated resident's report.
type report struct {
	topic    int    // index into topics
	phrase   int    // index into the topic's phrases
	building int    // building number (1..maxBuilding)
	place    string // the place as written ("12号楼2单元")
	text     string
}

// newReport makes a report about a random topic and building.
func newReport(rng *rand.Rand) report {
	t := rng.IntN(len(topics))
	b := 1 + rng.IntN(maxBuilding)
	r := report{topic: t, phrase: rng.IntN(len(topics[t].phrases)), building: b, place: place(rng, b)}
	r.text = reportText(rng, r)
	return r
}

// repeatReport is another resident telling of the same problem in other
// words: the same topic and building, another phrase, prefix and suffix.
func repeatReport(rng *rand.Rand, of report) report {
	r := of
	if n := len(topics[r.topic].phrases); n > 1 {
		r.phrase = (r.phrase + 1 + rng.IntN(n-1)) % n
	}
	r.text = reportText(rng, r)
	return r
}

func reportText(rng *rand.Rand, r report) string {
	return pick(rng, reportPrefixes) + r.place + topics[r.topic].phrases[r.phrase] + pick(rng, reportSuffixes)
}

// place writes building b in one of the usual ways.
func place(rng *rand.Rand, b int) string {
	f := pick(rng, placeFormats)
	if strings.Count(f, "%d") == 2 {
		return fmt.Sprintf(f, b, 1+rng.IntN(4))
	}
	return fmt.Sprintf(f, b)
}

// chitChat is what a group says most of the time; the bot must not answer.
var chitChat = []string{
	"大家早上好", "收到", "好的", "谢谢", "哈哈哈", "今天天气不错，下午去公园吗", "附近哪家牙医靠谱",
	"周末带孩子去哪玩比较好", "楼下新开的包子铺挺好吃的", "谢谢物业，今天楼道打扫得很干净", "明天社区有义诊吗",
	"有人一起拼车去火车站吗", "幼儿园报名什么时候开始", "晚上吃什么好呢", "刚买的菜很新鲜", "大家周末愉快",
	"今天社区来发米发油了，谢谢", "我家孩子考上大学了，谢谢大家关心", "谁家有多余的纸箱子", "下午三点快递到了吗",
	"这个月的物业费交了吗", "感谢网格员帮忙", "👍👍", "晚安", "中午好", "收到，谢谢通知",
}

// chitChatText returns a random line of chit-chat, sometimes with a
// greeting or an emoji added so that not every line is the same.
func chitChatText(rng *rand.Rand) string {
	s := pick(rng, chitChat)
	switch rng.IntN(4) {
	case 0:
		s += "😊"
	case 1:
		s = "[" + pick(rng, []string{"微笑", "玫瑰", "抱拳", "强"}) + "]" + s
	}
	return s
}

// meTooTexts are the "+1"s residents reply to the bot's acknowledgement.
var meTooTexts = []string{"+1", "+1", "我也是", "同问", "我家也是", "+1+1"}

func meTooText(rng *rand.Rand) string { return pick(rng, meTooTexts) }

// statusText asks where case n stands, in one of the accepted spellings.
func statusText(rng *rand.Rand, n int64) string {
	return fmt.Sprintf(pick(rng, []string{"#进度 %d", "#进度%d", "/status %d", "＃进度 %d"}), n)
}

// acceptText is an officer accepting case n as a project.
func acceptText(n int64) string { return fmt.Sprintf("#立项 %d", n) }

// progressNotes are what owners say when they post progress.
var progressNotes = []string{"已联系物业，明天上午处理", "维修人员已到场", "已安排专人跟进", "材料已采购，本周内完成",
	"已与住户沟通，正在整改", "城管已现场查看"}

// progressText is an officer posting progress on case n.
func progressText(rng *rand.Rand, n int64) string {
	return fmt.Sprintf("#进展 %d %s", n, pick(rng, progressNotes))
}

// residentNicks make residents' names, with a number that keeps them apart.
var residentNicks = []string{"王阿姨", "李大爷", "小周", "陈女士", "张师傅", "刘奶奶", "赵先生", "孙姐", "周老师", "吴叔",
	"郑阿姨", "小马", "何大哥", "林女士", "高爷爷", "罗姐"}

// residentName is the m-th resident of group g.
func residentName(g, m, perGroup int) string {
	return fmt.Sprintf("%s%d", residentNicks[(g+m)%len(residentNicks)], g*perGroup+m)
}

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }
