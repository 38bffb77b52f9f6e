package intake

import (
	"strings"
	"unicode/utf8"
)

// The rooms of a flat where the trouble is are places (testdata/README.md,
// "Location labels": the lead's decision of session 13), as the parts of a
// building are: 我家厨房一股煤气味, 卫生间天花板在滴水, 302卫生间的水管爆了.
// The room is the place (厨房; 302卫生间 when the flat's number touches it);
// a writer's 我家厨房 overlaps it. The blind writers since dev-s19u label
// them about half the time.

// flatRooms are the rooms of a flat, longer words before their prefixes.
var flatRooms = []string{"卫生间", "洗手间", "洗澡间", "淋浴间", "冲凉房", "厕所", "茅房", "浴室", "厨房", "灶房", "灶间",
	"客厅", "卧室", "主卧", "次卧", "睡房", "书房", "储藏间", "储物间", "杂物间", "衣帽间"}

// roomFirsts are the first runes of flatRooms (among landmarkFirsts).
const roomFirsts = "卫洗淋冲厕茅浴厨灶客卧主次睡书储杂衣"

// neighbourFlats, right before a room (with an optional 的 or 家), make it
// the room of the flat they name: 楼上卫生间漏水 is placed by 楼上, the
// place of the report, as 楼上1502 is.
var neighbourFlats = []string{"楼上", "楼下", "对门", "隔壁", "对面"}

// fixtureStates after 厕所 make it the toilet itself, the broken thing
// (厕所堵了, 厕所都冲不了), not the room.
var fixtureStates = []string{"堵", "冲不", "不通", "不下水", "不出水"}

// roomsOfFlat finds the rooms of a flat in folded text s outside the
// components found so far. cands are the offsets scanComponents marked
// (landmarkBit).
func roomsOfFlat(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		if !strings.ContainsRune(roomFirsts, firstRune(s[j:])) || coveredBy(have, j) || coveredBy(out, j) {
			continue
		}
		room := leadingWord(s[j:], flatRooms)
		if room == "" || coveredBy(have, j+len(room)-1) || neighbourRoomBefore(s[:j]) {
			continue
		}
		if room == "厕所" && fixtureAfter(s[j+len(room):]) {
			continue
		}
		start := j
		if w := sharedBefore(s[:j]); w != "" && !coveredBy(have, j-len(w)) {
			start -= len(w) // (宿舍区公共浴室: the shared room of a dormitory)
		}
		out = append(out, locMatch{kind: kindPlace, start: start, end: j + len(room), facility: true})
	}
	return out
}

// sharedBefore returns the word right before a room that says it is
// shared (公共浴室, 公用厨房), or "".
func sharedBefore(before string) string {
	for _, w := range []string{"公共", "公用"} {
		if strings.HasSuffix(before, w) {
			return w
		}
	}
	return ""
}

// neighbourRoomBefore reports whether before, the text before a room, ends
// with a word of neighbourFlats and an optional 的 or 家.
func neighbourRoomBefore(before string) bool {
	before = strings.TrimSuffix(strings.TrimSuffix(before, "的"), "家")
	return suffixAny(before, neighbourFlats)
}

// fixtureAfter reports whether after, the text after 厕所, says the
// toilet itself is broken (an adverb may come between: 厕所都冲不了).
func fixtureAfter(after string) bool {
	if r, size := utf8.DecodeRuneInString(after); strings.ContainsRune("都又也还老总", r) {
		after = after[size:]
	}
	return prefixAny(after, fixtureStates)
}
