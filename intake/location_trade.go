package intake

import (
	"strings"
	"unicode/utf8"
)

// Residents who know no name or number place a report by what is there:
// a trade (卖煎饼那个路口, 卖水果的那家店门口, 修车那个铺子), a tree or a
// thing everyone knows (有棵大槐树那儿, 有个石狮子旁边). The whole phrase, from
// the verb to the place word or the relation, is the place (session 12,
// loc12: the kind the blind writers of dev-s24d were asked for; no dev
// file read before had it).

// tradeOpeners start a place told by what is there: selling, repairing,
// there being a tree or a thing, or what is put or parked there (放垃圾桶那块,
// 停电动车那排).
var tradeOpeners = []string{"卖", "修", "有棵", "有个", "有家", "放", "停", "摆"}

// tradePointers may come between what is there and the place word (卖煎饼
// 那个路口, 卖水果的那家店).
var tradePointers = []string{"的那个", "的那家", "的那棵", "那个", "那家", "那棵", "的"}

// tradeHeads are the place words a trade phrase ends with: a crossing, a
// door, a shop, a stall, a lane.
var tradeHeads = []string{"路口", "巷口", "街口", "门口", "店门口", "店", "铺子", "摊子", "摊", "巷子", "地方"}

// tradeRelations place the report by the phrase itself (卖肉夹馍那家对面,
// 有棵大槐树那儿; 门口 is among tradeHeads).
var tradeRelations = []string{"斜对面", "对面", "旁边", "后面", "后头", "隔壁", "边上", "那儿", "那边", "那里", "那块", "那排", "跟前", "底下"}

// tradeOpenerBefore may come right before an opener: a verb of place (在卖
// 煎饼那个路口, 就卖菜那个摊子).
const tradeOpenerBefore = "在到从往就靠去是"

// tradeLandmarks finds places told by what is there in folded text s,
// outside the components found so far. cands are the offsets
// scanComponents marked (landmarkBit: the openers' first runes are among
// landmarkFirsts), so that no extra pass over the message is made.
func tradeLandmarks(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, i := range cands {
		op := leadingWord(s[i:], tradeOpeners)
		if op == "" || coveredBy(have, i) || coveredBy(out, i) {
			continue
		}
		// (西边有棵大香樟那儿: a side may say where the phrase is)
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && isHan(r) && !strings.ContainsRune(tradeOpenerBefore, r) && !endsAt(have, i) && !suffixAny(s[:i], sideWords) {
			continue
		}
		if end := tradePhraseEnd(s, i+len(op), strings.HasPrefix(op, "有")); end > 0 {
			out = append(out, locMatch{kind: kindPlace, start: i, end: end, facility: true})
		}
	}
	return out
}

// endsAt reports whether a component of have ends at offset i (小区门口卖水果
// 那家旁边: the phrase continues a place).
func endsAt(have []locMatch, i int) bool {
	for _, m := range have {
		if m.end == i {
			return true
		}
	}
	return false
}

// tradePhraseEnd returns where a phrase told by what is there ends, given
// the offset j after its opener: one to five Han characters (what is sold
// or stands there), an optional pointer, then a head or a relation; 0 if
// none. After an opener of being (有个, 有棵: pointed) a head needs a
// pointer before it: 有个小孩门口摔倒了 tells who, at 门口, not a door
// named by a child.
func tradePhraseEnd(s string, j int, pointed bool) int {
	n := 0
	for k := j; k < len(s) && n < 5; n++ {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isHan(r) || strings.ContainsRune("的那这了在是", r) {
			break
		}
		k += size
		rest := s[k:]
		pointer := false
		for _, p := range tradePointers {
			if strings.HasPrefix(rest, p) {
				rest, pointer = rest[len(p):], true
				break
			}
		}
		at := len(s) - len(rest)
		for _, h := range tradeHeads {
			if strings.HasPrefix(rest, h) && (pointer || !pointed) {
				return at + len(h)
			}
		}
		for _, w := range tradeRelations {
			if strings.HasPrefix(rest, w) {
				return at + len(w)
			}
		}
	}
	return 0
}
