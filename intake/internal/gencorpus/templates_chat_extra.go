package main

import (
	"math/rand/v2"
	"strings"
)

// chatLexicon composes extra training chit-chat that uses words also found
// in reports: trading, recommendations, celebrations, questions.
var chatLexicon = struct {
	items, services, happy, frames []string
}{
	items: []string{"电钻", "婴儿车", "空调", "冰箱", "狗粮", "猫砂", "灭火器", "电动车", "儿童座椅", "跑步机", "书桌", "钢琴",
		"微波炉", "自行车", "花盆", "绿萝", "电暖气", "热水器", "洗衣机", "沙发", "衣柜", "草莓", "大米", "土鸡蛋", "车位"},
	services: []string{"宽带", "家政阿姨", "装修队", "开锁师傅", "牙医", "补习班", "搬家公司", "修手机的", "理发店", "宠物医院",
		"水电师傅", "月嫂", "驾校", "钢琴老师", "空调清洗", "早餐店"},
	happy: []string{"宝宝满月", "孩子考上大学了", "我家闺女结婚", "乔迁新居", "孙子周岁", "老人八十大寿", "孩子生日"},
	frames: []string{"出闲置%s 九成新 价格好说", "转让%s 自提", "求购二手%s", "拼团买%s 要的接龙", "谁家有多余的%s 借用一下",
		"有没有推荐的%s", "附近哪家%s靠谱", "求推荐%s 谢谢大家", "%s 给大家发个红包", "%s 请大家吃喜糖",
		"%s出了 有意私聊", "送%s 免费 先到先得", "问一下%s多少钱合适", "这%s绝了 哈哈"},
}

// chatLexMessages composes n chit-chat training messages.
func chatLexMessages(rng *rand.Rand, n int) []row {
	var out []row
	for i := 0; i < n; i++ {
		frame := pick(rng, chatLexicon.frames)
		var word string
		switch {
		case contains(frame, "推荐") || contains(frame, "哪家"):
			word = pick(rng, chatLexicon.services)
		case contains(frame, "红包") || contains(frame, "喜糖"):
			word = pick(rng, chatLexicon.happy)
		case contains(frame, "绝了"):
			word = pick(rng, []string{"表情包", "视频", "段子", "天气", "菜", "猫"})
		default:
			word = pick(rng, chatLexicon.items)
		}
		out = append(out, compose(rng, fmtTemplate(frame, word), "", false))
	}
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
