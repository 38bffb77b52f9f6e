package intake

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A panicked report often names only the flat: 灯里都进水了 1602 快来人,
// 隔壁单元1101家好像有人倒了. A room number standing alone is a place when it
// looks like one (floor, then a room 01–20: 602, 1502) and is not a phone
// number for help (110, 119, 120 …), a year (2026) or a quantity (500块).

// helpNumbers are the emergency and hotline numbers that look like rooms.
var helpNumbers = []string{"110", "112", "119", "120", "122"}

// roomFollowers may follow a standalone room number (or nothing, a space,
// punctuation): 1101家, 602室 is matched elsewhere.
const roomFollowers = "家的门这那"

// standaloneRooms finds room numbers that stand alone in folded text s.
func standaloneRooms(s string) []locMatch {
	var out []locMatch
	for i := 0; i < len(s); {
		if !isDigit(rune(s[i])) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(rune(s[j])) {
			j++
		}
		// (302卫生间: a room of that flat touches it)
		if roomLike(s[i:j]) && (standsAlone(s[:i], s[j:]) || neighbourRoom(s[:i], s[j:]) || prefixAny(s[j:], flatRooms)) ||
			placedRoom(s[:i], s[i:j], s[j:]) {
			out = append(out, locMatch{kind: kindRoom, start: i, end: j})
		}
		i = j
	}
	return out
}

// roomLike: three or four digits, a room 01–20 on a floor from 1, not a
// help number nor a year.
func roomLike(d string) bool {
	if len(d) < 3 || len(d) > 4 || d[0] == '0' || strings.HasPrefix(d, "19") && len(d) == 4 || strings.HasPrefix(d, "20") && len(d) == 4 {
		return false
	}
	for _, h := range helpNumbers {
		if d == h {
			return false
		}
	}
	room := int(d[len(d)-2]-'0')*10 + int(d[len(d)-1]-'0')
	return room >= 1 && room <= 20
}

// standsAlone: no letter, digit or sign touches the number before it, and
// after it comes the end, a space, punctuation or one of roomFollowers.
func standsAlone(before, after string) bool {
	if p, _ := utf8.DecodeLastRuneInString(before); before != "" && (p < utf8.RuneSelf && p != ' ' && !strings.ContainsRune(",.!?;:", p)) {
		return false
	}
	if after == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return r == ' ' || strings.ContainsRune("，。！？、；：,.!?;:", r) || strings.ContainsRune(roomFollowers, r)
}

// neighbourWords name a flat by where it is from the writer's (楼上1502,
// 对门602), or as the writer's own (我家1502天花板往下滴水: session 11): the
// number after them is a room whatever follows it (楼上1502天天往下扔烟头),
// unless a unit of count or of money does (楼上100块, 我家120平).
var neighbourWords = []string{"楼上", "楼下", "对门", "隔壁", "我家", "俺家", "咱家"}

func neighbourRoom(before, after string) bool {
	if !prefixAny(lastRunes(before, 2), neighbourWords) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after)
	return after == "" || isHan(r) && !strings.ContainsRune("块元号楼层室栋单米斤个次平年岁", r) || standsAlone("", after)
}

// roomsApart returns the rooms standing alone in folded text s whose
// address (have) names a building but no room: the flat written apart
// from it (谁在6栋附近帮我敲下门 602).
func roomsApart(s string, have []locMatch) []locMatch {
	building := false
	for _, m := range have {
		switch m.kind {
		case kindRoom, kindDash:
			return nil
		case kindBuilding:
			building = true
		}
	}
	if !building {
		return nil
	}
	return slices.DeleteFunc(standaloneRooms(s), func(m locMatch) bool { return coveredBy(have, m.start) })
}

// placedRoom reports whether digits d, between before and after, are a
// flat a verb of place puts someone in (工长刚才在1902砸墙, 住1206的老人): 在,
// 住 or 到 right before three or four digits of a room on a floor (a
// 19xx or 20xx too, which is a room there, not a year), no unit of count,
// money or time after them (在2026年, 到500块, 在120平).
func placedRoom(before, d, after string) bool {
	if len(d) < 3 || len(d) > 4 || d[0] == '0' || !endsWithAny(before, "在住到") {
		return false
	}
	room := int(d[len(d)-2]-'0')*10 + int(d[len(d)-1]-'0')
	return room >= 1 && room <= 20 && !strings.ContainsRune("年月日号块元米斤个次平岁点分秒度路公", firstRune(after)) && !isDigit(firstRune(after)) && firstRune(after) != '.'
}
