package main

import (
	"math/rand/v2"
	"strings"
)

var (
	durations = []string{"三天", "好几天", "一个星期", "两天", "半个月", "一周", "四五天", "十来天", "3天", "好多天"}
	times     = []string{"半夜", "晚上十一点", "凌晨两点", "大中午", "早上六点", "晚上", "每天晚上", "早上7点", "半夜12点多", "中午"}
	prefixes  = []string{"", "", "", "", "@物业 ", "@网格员 ", "各位邻居 ", "请问", "反映个问题 ", "社区的同志你好 ",
		"大家好 ", "麻烦问下 ", "物业管管吧 ", "我想说一下 ", "又来了 ", "唉 ", "急！", "@社区 "}
	concernSuffix = []string{"", "", "", " 有没有人管管", "！！！", "？？", "😡", " 谢谢", "[捂脸]", " 麻烦尽快处理",
		" 烦死了", "。", " 急", "🙏", " @物业", " 什么时候能解决", " 能不能处理一下", "[发怒]", " 都没人管吗", "…"}
	chatSuffix = []string{"", "", "", "😊", "!", "~", " 哈哈", "[呲牙]", "。"}
	typos      = [][2]string{{"在", "再"}, {"的", "地"}, {"怎么", "咋"}, {"没有", "木有"}, {"什么", "啥"},
		{"了", "啦"}, {"这个", "这"}, {"吗", "嘛"}, {"坏了", "坏掉了"}, {"厉害", "利害"}}
)

// style wraps a message in a chat style: prefixes and suffixes, dropped or
// changed punctuation, common typos and occasionally traditional characters.
func style(rng *rand.Rand, s string, concern bool) string {
	if concern {
		s = pick(rng, prefixes) + s + pick(rng, concernSuffix)
	} else {
		s += pick(rng, chatSuffix)
	}
	switch rng.IntN(10) {
	case 0, 1, 2:
		s = strings.ReplaceAll(s, " ", "")
	case 3, 4:
		s = strings.ReplaceAll(s, " ", "，")
	case 5:
		s = strings.ReplaceAll(s, " ", "  ")
	}
	if rng.IntN(6) == 0 {
		t := typos[rng.IntN(len(typos))]
		s = strings.Replace(s, t[0], t[1], 1)
	}
	if rng.IntN(20) == 0 {
		s = toTraditional(s)
	}
	return s
}

var simpToTrad = strings.NewReplacer("楼", "樓", "电", "電", "号", "號", "单", "單", "门", "門", "车", "車",
	"灯", "燈", "坏", "壞", "气", "氣", "没", "沒", "里", "裡", "这", "這", "说", "說", "问", "問", "们", "們")

func toTraditional(s string) string { return simpToTrad.Replace(s) }
