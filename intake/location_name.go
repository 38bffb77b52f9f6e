package intake

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Residents place a report by a shop or a brand they all know, which no
// list of heads can hold (瑞幸旁边那个井盖, 钱大妈对面的路灯, 华莱士后面的巷子,
// 兰州拉面那家店的排烟管). A short name that starts a clause and is followed
// right away by a relation word, or by 那家店, is a place: the relation or
// the shop word says the name is somewhere. Names of people and times
// (老人旁边, 今天后面) and words a relation continues as speech (后面再说)
// are not.

// nameRelations are the relation words after which a name is a place. 前面,
// 里面 and 附近 are not among them (前面说的, 心里面, 谁知道附近哪家); 隔壁 is
// one only before a demonstrative or nothing (药房隔壁那个按摩店; 隔壁小区 is
// another estate).
var nameRelations = []string{"斜对面", "正对面", "旁边", "对面", "后面", "后头", "背后", "隔壁", "边上",
	// session 11 (dev-s20a..c): the locatives residents put after a
	// landmark of any kind (西山墙那边, 晾衣绳那儿, 窗户跟前, 院子东头,
	// 老槐树底下), placing what follows as the others do
	"那边", "那儿", "那里", "底下", "跟前", "东头", "西头", "南头", "北头", "东边", "西边", "南边", "北边",
	// session 11 (loc9, dev-s20d, dev-s22b): below and outside a landmark
	// (窗户外头的树枝, 位置在榕树下面)
	"外头", "下面",
	// and "over there" of the south-west and the north-east (海边栈道那块有个孩子)
	"那块",
	// session 12 (loc12, dev-s23a): "that end of" a landmark (亭子那头的水沟)
	"那头"}

// thereWords are the relations that say "over there" by a landmark. After
// a name that is itself a built place or a piece of land (渔具房, 老水塔,
// 西山墙, 市场), they place what follows even when it is an event rather
// than a thing (渔具房那边冒黑烟, 老水塔那边水管爆了: session 12, loc12);
// after other names they are as often speech about somewhere else
// (北京那边出了事, 公司那边说), and need placesSomething as before.
var thereWords = []string{"那边", "那儿", "那里", "那块", "那头"}

// builtPlaceEnds end the names of built places and pieces of land: a
// room or a house, a tower, a pavilion, a pool, a yard, a hall, a wall, a
// well, a bridge, a shed, a market, a slope (渔具房, 水塔, 曲水亭, 泉池,
// 西山墙, 海鲜市场).
const builtPlaceEnds = "房塔亭池场园馆墙屋井桥坊棚厂库廊坡塘湖岗"

// farPlaces are names that end as built places do and are as often
// somewhere else in chat (医院那边说, 火葬场那边), or a thing (电池那儿鼓起来了).
var farPlaces = []string{"医院", "机场", "市场", "商场", "火葬场", "殡仪馆", "法院", "学校", "公园", "电池", "水池子"}

// builtPlaceName reports whether name, before a word of thereWords, is a
// built place of the estate or the street.
func builtPlaceName(name string) bool {
	r, _ := utf8.DecodeLastRuneInString(name)
	if !strings.ContainsRune(builtPlaceEnds, r) {
		return false
	}
	for _, w := range farPlaces {
		if name == w {
			return false
		}
	}
	return true
}

// streetWords follow a name and 那条 or 那栋 when the name is the place the
// street or the building is at (海边那条路的路灯, 握手楼那条巷子, 老宿舍那栋楼道):
// the name is a landmark whatever follows the street.
var streetWords = []string{"那条", "那几栋", "那栋"}

// streetRunes start what 那条 and 那栋 count there: a road, a lane, a
// building.
const streetRunes = "路道街巷楼"

// bodyLocatives place by the body of a landmark (under it, at it, outside
// it): after 在 they make the landmark the place whatever follows, an act
// or the message's end (有人在窗户底下吊嗓子, 位置在榕树下面), as 在 already
// says where something is.
var bodyLocatives = []string{"底下", "下面", "跟前", "外头"}

// nameShops follow a name that is a shop (兰州拉面那家店).
var nameShops = []string{"那家店", "这家店", "那个店", "那家铺子"}

// nameMeasures end a name as nameStops do: a measure word or a count
// (那个, 几栋) is not part of it.
const nameMeasures = "个条块片处间座栋区家几两辆只根"

// nameOpeners may come right before a name: the clause's start (no Han
// character), or a verb of place (在瑞幸旁边, 到罗森对面).
const nameOpeners = "在到去从往靠"

// landmarkOpeners may also come before a landmark placed by a relation: a
// home's 家 (俺家窗户跟前那棵大杨树).
const landmarkOpeners = nameOpeners + "家"

// notNames are words before a relation that are people, times or things
// carried about rather than places.
var notNames = []string{"老人", "孩子", "小孩", "大爷", "大妈", "阿姨", "叔叔", "邻居", "保安", "师傅", "物业", "今天", "昨天", "明天", "刚才",
	"现在", "晚上", "早上", "白天", "以前", "之前", "以后", "上次", "这次", "大家", "别人", "人家", "自己", "小狗", "小猫", "昨晚", "今晚", "前天",
	"知道", "晓得", "路过", "阿拉", "俺们", "咱们"}

// thingEnds end the names of things at a place rather than places (垃圾桶旁边,
// 电线杆后面, 那辆车旁边): the earlier sets label the place, not the thing.
// (A tree is no such thing since session 11: residents place things by a
// big one, 老槐树底下那辆破面包车; a meter is, 燃气表那里.)
const thingEnds = "桶箱杆车灯柱牌椅凳架堆线管机门窗墙表闸"

// thingWords end the names of things as thingEnds do, where the last
// rune alone would end places too (暖气管道, but 下水道 and 过道).
// Furniture of a home is such a thing (沙发底下: session 11).
var thingWords = []string{"管道", "沙发"}

// placesSomething reports whether after, the text after a relation or
// shop word, goes on to what is there: 的, a demonstrative, 有, a heap or a
// car standing there (瑞幸旁边那个井盖, 钱大妈对面的路灯, 华莱士后面全是垃圾).
// A relation that ends the clause or goes on as speech (后面再说, 荣宠旁边)
// places nothing.
func placesSomething(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	return r != utf8.RuneError && strings.ContainsRune(placingRunes, r)
}

// placingRunes may follow a relation word that places something.
const placingRunes = "的那这有全都一堆停放站躺倒坐门"

// namedLandmarks finds names placed by a relation word or a shop word in
// folded text s, outside the components found so far. cands are the
// offsets scanComponents marked (landmarkBit).
func namedLandmarks(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		w := relationAt(s[j:])
		if w == "" || coveredBy(have, j) || j > 0 && coveredBy(have, j-1) {
			continue
		}
		// (a name and 那栋 is the building called so whatever follows:
		// 高层那栋电梯停在半截了, 老厂宿舍那几栋的暖气)
		building := strings.HasSuffix(w, "栋")
		if building {
			if _, side := sideBefore(s, j); side {
				continue // (靠马路那几栋楼, 东边那栋: sideBuildings')
			}
		}
		street := slices.Contains(streetWords, w) && (building || strings.ContainsRune(streetRunes, firstRune(s[j+len(w):])))
		if !street && !placesSomething(s[j+len(w):]) && !(slices.Contains(bodyLocatives, w) && openedByZai(s, j)) && !thereEvent(s, j, w) {
			continue
		}
		if w == "隔壁" && !relationTail(strings.TrimSpace(firstRunes(s[j+len(w):], 3))) && !strings.HasPrefix(s[j+len(w):], "那") && !strings.HasPrefix(s[j+len(w):], "这") {
			continue // (隔壁小区, 隔壁老阿婆: next door, not by a landmark)
		}
		start, ok := nameBeforeOpened(s, j, landmarkOpeners)
		if !ok {
			continue
		}
		end := j
		if strings.HasSuffix(w, "店") || strings.HasSuffix(w, "铺子") {
			end = j + len(w) // (the shop word is part of the place)
		}
		out = append(out, locMatch{kind: kindPlace, start: start, end: end, facility: true})
	}
	return out
}

// thereEvent reports whether w, a word of thereWords at offset j of s,
// follows the name of a built place (builtPlaceName) and goes on to
// something happening there: a Han character (渔具房那边冒黑烟), not the
// clause's end (我在锅炉房那边。), a question (仓库那边呢) nor what is said
// there (工厂那边说要停产: speech about somewhere else, as 公司那边说).
func thereEvent(s string, j int, w string) bool {
	if !slices.Contains(thereWords, w) {
		return false
	}
	r := firstRune(s[j+len(w):])
	if !isHan(r) || strings.ContainsRune("呢吗吧啊呀哦嘛的说讲", r) {
		return false
	}
	start, ok := nameBeforeOpened(s, j, landmarkOpeners)
	return ok && builtPlaceName(s[start:j])
}

// openedByZai reports whether the name ending at offset j of s is opened
// by 在 (在窗户底下).
func openedByZai(s string, j int) bool {
	start, ok := nameBeforeOpened(s, j, landmarkOpeners)
	return ok && strings.HasSuffix(s[:start], "在")
}

// firstRune returns the first rune of s, or utf8.RuneError.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// relationAt returns the relation or shop word rest starts with, or "".
func relationAt(rest string) string {
	r, _ := utf8.DecodeRuneInString(rest)
	switch r {
	case '斜', '正', '旁', '对', '后', '背', '隔', '边', '底', '跟', '东', '西', '南', '北', '外', '下':
	case '那', '这':
		for _, w := range nameShops {
			if strings.HasPrefix(rest, w) {
				return w
			}
		}
		if r == '那' {
			for _, w := range streetWords {
				if strings.HasPrefix(rest, w) {
					return w
				}
			}
			break // (那边, 那儿, 那里)
		}
		return ""
	default:
		return ""
	}
	for _, w := range nameRelations {
		if strings.HasPrefix(rest, w) {
			return w
		}
	}
	return ""
}

// nameBefore returns where a name ending at offset j of s starts: two to
// four Han characters or letters and digits, none of them a word that ends
// names (nameStops), preceded by no Han character or by a verb of place.
func nameBefore(s string, j int) (int, bool) { return nameBeforeOpened(s, j, nameOpeners) }

// nameBeforeOpened is nameBefore with the runes that may come right before
// the name.
func nameBeforeOpened(s string, j int, openers string) (int, bool) {
	start, n := j, 0
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !(isHan(r) && !strings.ContainsRune(nameStops, r) && !strings.ContainsRune(nameMeasures, r) || r < utf8.RuneSelf && isASCIIAlnum(byte(r))) {
			break
		}
		if n == 4 {
			return 0, false // (mid-sentence: 小区里有个人…)
		}
		start -= size
		n++
	}
	if n < 2 {
		return 0, false
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if (isHan(r) || r < utf8.RuneSelf && isASCIIAlnum(byte(r))) && !strings.ContainsRune(openers, r) {
			return 0, false
		}
	}
	name := afterNameBreaks(s[start:j]) // (麻烦问下门口: the name ends the request)
	if start = j - len(name); utf8.RuneCountInString(name) < 2 || slices.Contains(notNames, name) {
		return 0, false // (钱大妈 is a shop, 大妈 a person)
	}
	if r, _ := utf8.DecodeLastRuneInString(name); isAllNumerals(name) || strings.ContainsRune(thingEnds, r) || suffixAny(name, thingWords) {
		return 0, false
	}
	return start, true
}

func isAllNumerals(s string) bool {
	for _, r := range s {
		if !isNumeral(r) {
			return false
		}
	}
	return true
}

// namedDoors widens a bare 门口 to the name of three or four characters
// before it (百果园门口, 在肯德基门口): the door is that shop's. ms are the components found so far.
func namedDoors(s string, ms []locMatch) {
	for k, m := range ms {
		if m.kind != kindPlace || s[m.start:m.end] != "门口" {
			continue
		}
		start, ok := nameBefore(s, m.start)
		if !ok || utf8.RuneCountInString(s[start:m.start]) < 3 {
			continue // (出租门口, 通知门口: two characters are as often a verb)
		}
		if k > 0 && ms[k-1].end > start {
			continue // (the name is part of a component: 3号楼门口)
		}
		ms[k].start = start
	}
}

// sideBuildings finds a building named by where it stands in the estate
// rather than by number: 最里面那栋楼, 靠马路那几栋楼, 东边那栋. A bare 那栋楼
// (that building) is no place. cands are the offsets scanComponents marked.
func sideBuildings(s string, have []locMatch, cands []int, address bool) []locMatch {
	var out []locMatch
	for _, j := range cands {
		n := buildingWord(s[j:])
		if n == 0 && !address && bareBuilding(s[:j], s[j:]) {
			n = len("楼")
		}
		if n == 0 || coveredBy(have, j) {
			continue
		}
		if a, ok := sideBefore(s, j); ok && !coveredBy(have, a) && !(address && acrossSide(s[a:j])) {
			out = append(out, locMatch{kind: kindPlace, start: a, end: j + n})
		}
	}
	return out
}

// buildingWord returns the length of 那栋楼, 那几栋楼, 那排楼, 那栋 … at the
// start of rest, or 0.
func buildingWord(rest string) int {
	if !strings.HasPrefix(rest, "那") {
		return 0
	}
	n := len("那")
	if strings.HasPrefix(rest[n:], "几") {
		n += len("几")
	}
	r, size := utf8.DecodeRuneInString(rest[n:])
	if !strings.ContainsRune("栋幢排", r) {
		return 0
	}
	n += size
	if strings.HasPrefix(rest[n:], "楼") {
		return n + len("楼")
	}
	if r == '排' {
		return 0 // (东边那排路灯: a row of lamps)
	}
	return n
}

// sideWords say where a building stands (after 最, or alone).
var sideWords = []string{"里面", "外面", "后面", "前面", "里边", "外边", "东边", "西边", "南边", "北边", "靠里", "靠外", "斜对面", "对面"}

// acrossSide reports whether side is the building across from the
// writer's (对面, 斜对面): relative to the writer, it is given only when the
// message names no address (隔壁, too: scanComponents).
func acrossSide(side string) bool { return strings.HasSuffix(side, "对面") }

// bareSides may stand right before a bare 楼 (对面楼, 后面楼): the
// building across or behind.
var bareSides = []string{"斜对面", "对面", "后面", "前面"}

// sideBefore returns where the side named right before offset j of s
// starts: 最里面, 东边, 靠马路 (靠 and a name of two or three characters).
func sideBefore(s string, j int) (int, bool) {
	before := s[:j]
	for _, w := range sideWords {
		if strings.HasSuffix(before, w) {
			a := j - len(w)
			if strings.HasSuffix(before[:a], "最") {
				a -= len("最")
			}
			return a, true
		}
	}
	for n := 2; n <= 3; n++ {
		name := lastRunes(before, n)
		at := j - len(name)
		if strings.HasSuffix(before[:at], "靠") && utf8.RuneCountInString(name) == n && namePart(name) {
			return at - len("靠"), true
		}
	}
	return 0, false
}

// bareBuilding reports whether rest, starting with 楼 after before, is a
// building named by its side alone (对面楼的阳台, 后面楼有人): one of
// bareSides right before, and no word 楼 starts (楼主, 楼盘, 楼市).
func bareBuilding(before, rest string) bool {
	if !strings.HasPrefix(rest, "楼") || !suffixAny(before, bareSides) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[len("楼"):])
	return !strings.ContainsRune("主盘市层梯道顶上下", r)
}

// A clause that opens with a place and a locative is about that place,
// whatever follows (窑院这边的自来水一到中午就没了, 晾衣场旁边谁扔了好多外卖盒,
// 支弄里有只猫天天夜里叫春, 后山坡上的土松了): the blind writers label the
// opening noun in 232 of 283 such clauses of the dev files read in session
// 13, most already found as facilities. topicPlaces finds the rest, when
// the noun ends as a place does (placeEnds): a built place, a yard, a cave,
// the foot of a wall, a lane.

// topicLocatives follow the place a clause opens with.
var topicLocatives = []string{"里面", "里头", "里向", "里厢", "里", "上面", "上头", "上", "这边", "那边", "这块", "那块", "那排", "那头",
	"旁边", "边上", "底下", "下头", "下面", "后面", "后头",
	// the area around it (甜水井巷这一片停水, 菜市场后门一带)
	"这一片", "那一片", "这片", "那片", "一带"}

// topicLocativeFirsts are the first runes of topicLocatives.
const topicLocativeFirsts = "里上这那旁边底下后一"

// placeEnds end the nouns of places: builtPlaceEnds but a home's 屋
// (冬天屋里冷冰冰的), and a yard, a cave, the foot of a wall, a lane, a
// dam, a ditch, a lawn. 顶 is as often a car's or a ceiling's (车顶上, 吊顶里),
// 院子 and 宿舍 one's own (在院子里装修, 宿舍这边都是女孩子).
var placeEnds = strings.ReplaceAll(builtPlaceEnds, "屋", "") + "院洞根弄巷坝沟坪"

// topicPlaces finds the places clauses of folded text s open with, outside
// the components found so far. cands are the offsets scanComponents marked.
func topicPlaces(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		if !strings.ContainsRune(topicLocativeFirsts, firstRune(s[j:])) {
			continue
		}
		w := leadingWord(s[j:], topicLocatives)
		if w == "" || coveredBy(have, j) || j > 0 && coveredBy(have, j-1) || coveredBy(out, j-1) {
			continue
		}
		start, ok := nameBeforeOpened(s, j, landmarkOpeners)
		if !ok || coveredBy(have, start) || !placeNoun(s[start:j]) || !topicGoesOn(s[j+len(w):]) {
			continue
		}
		out = append(out, locMatch{kind: kindPlace, start: start, end: j, facility: true})
	}
	return out
}

// placeNoun reports whether name ends as the noun of a place does (a
// rune of placeEnds). The estate itself (小区里: testdata/README.md), a
// garden or a green (在花园里散步: relationOnly) and places as often
// somewhere else (医院那边: farPlaces) are none.
func placeNoun(name string) bool {
	if !strings.ContainsRune(placeEnds, lastRune(name)) || name == "小区" || slices.Contains(farPlaces, name) {
		return false
	}
	return !suffixAny(name, []string{"花园", "绿地", "工厂"})
}

// topicGoesOn reports whether after, the text after the locative, goes on
// to what is there or happens there (a Han character), not to the clause's
// end, a question or what is said there (仓库那边呢, 工厂那边说要停产), as
// thereEvent asks.
func topicGoesOn(after string) bool {
	r := firstRune(after)
	return isHan(r) && !strings.ContainsRune("呢吗吧啊呀哦嘛说讲散玩逛", r)
}
