package intake

import (
	"strings"
	"unicode/utf8"
)

// zone matches a part of the estate named by phase or district rather than
// by building: a numeral and 期 (二期, 3期), a compass district or corner
// (东区, 西北角), a lettered district (b区). It returns the match length at
// the start of rest, or -1. Words that continue into something else (期末,
// 期间, 东西区别, 北区域) are not places.
func zone(rest string) int {
	r, size := utf8.DecodeRuneInString(rest)
	n := 0
	switch {
	case isNumeral(r):
		for n < len(rest) && n < 3*3 {
			q, qs := utf8.DecodeRuneInString(rest[n:])
			if !isNumeral(q) {
				break
			}
			n += qs
		}
		if !strings.HasPrefix(rest[n:], "期") {
			return -1
		}
		n += len("期")
		if q, _ := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("间待望限末货刊满盼", q) {
			return -1
		}
		return n
	case r >= 'a' && r <= 'h':
		n = size
	default: // 东南西北, one or two of them
		n = size
		if q, qs := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("东南西北", q) {
			n += qs
		} else if isCNNumeral(q) || isDigit(q) {
			// a numbered district (天通苑东三区, 西2区): only with 区
			if k := n + qs; strings.HasPrefix(rest[k:], "区") {
				n = k
			}
		}
		if strings.HasPrefix(rest[n:], "角") {
			return n + len("角")
		}
		// a side (小区西侧, 南侧绿地); 西侧门 is a gate
		if strings.HasPrefix(rest[n:], "侧") && !strings.HasPrefix(rest[n+len("侧"):], "门") {
			return n + len("侧")
		}
	}
	if !strings.HasPrefix(rest[n:], "区") {
		return -1
	}
	n += len("区")
	if q, _ := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("别域分间", q) {
		return -1
	}
	return n
}

// relationWords join a landmark and an address named together into one
// place (3号楼后面小卖部门口, 小花园旁边2单元门口, 6号楼对面的配电箱): the
// officer needs the most specific place the resident gave. 中间 and 之间
// are not among them: 3号楼和5号楼中间的花园 names three places. Longer
// words come before the words they end with (斜对面 before 对面).
var relationWords = []string{"斜对面", "正对面", "后面", "旁边", "对面", "前面", "边上", "后头", "前头", "背后", "拐角", "里面", "里头", "外面", "附近",
	"隔壁", "左边", "右边", "下面", "正对着"}

// relationGap reports whether s[start:end], the text between two places,
// is a relation word (with an optional 的 before it and a tail after it,
// relationTail); a and b are the relation word's offsets.
func relationGap(s string, start, end int) (a, b int, ok bool) {
	gap := s[start:end]
	if len(gap) > 8*3 {
		return 0, 0, false
	}
	lead := len(gap) - len(strings.TrimPrefix(gap, "的"))
	g := gap[lead:]
	for _, w := range relationWords {
		if !strings.HasPrefix(g, w) {
			continue
		}
		if relationTail(strings.TrimSpace(g[len(w):])) {
			return start + lead, start + lead + len(w), true
		}
	}
	return 0, 0, false
}

// relationTail reports whether tail, the text after a relation word and
// before the next place, is empty or a demonstrative with a measure word
// and 的 where they may stand: 的, 那个, 的那片, 那一排, 这条, 那边的.
func relationTail(tail string) bool {
	tail = strings.TrimPrefix(tail, "的")
	if tail == "" {
		return true
	}
	if !strings.HasPrefix(tail, "那") && !strings.HasPrefix(tail, "这") {
		return false
	}
	tail = strings.TrimPrefix(tail[len("那"):], "一")
	r, size := utf8.DecodeRuneInString(tail)
	if tail == "" || !strings.ContainsRune(relationMeasures, r) {
		return false
	}
	rest := tail[size:]
	return rest == "" || rest == "的"
}

// relationMeasures are the measure words of a place after a relation
// (那个, 那条, 那片, 那排 …) and 边 (那边).
const relationMeasures = "个条片排块家间栋根棵座段处边幢"

// deicticUnits finds a unit named by the writer's side rather than its
// number: 我们单元的楼道 → 单元, 隔壁单元的狗 → 隔壁单元 (a unit of this
// building, not elsewhere). Numbered units are found by their pattern.
// cands are the offsets scanComponents marked (landmarkBit).
func deicticUnits(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		if !strings.HasPrefix(s[j:], "单元") || coveredBy(have, j) || strings.HasPrefix(s[j+len("单元"):], "的单元") {
			continue // (我们单元的单元门: the door is the place)
		}
		end := j + len("单元")
		before := s[:j]
		switch {
		case strings.HasSuffix(before, "隔壁") && !coveredBy(have, j-len("隔壁")):
			out = append(out, locMatch{kind: kindPlace, start: j - len("隔壁"), end: end})
		case prefixAny(lastRunes(before, 2), deicticOwners) || strings.HasSuffix(before, "本"):
			out = append(out, locMatch{kind: kindPlace, start: j, end: end})
		}
	}
	return out
}

// deicticOwners say whose unit (我们单元, 咱单元 …).
var deicticOwners = []string{"我们", "咱们", "俺们", "我家", "这个", "咱", "俺"}

// crossings finds a road crossing named without a house number: 人民路路口,
// 建设路口, 十字路口, and the formal writers' 学府路与科技路交叉口, 长江西路与
// 黄山路交汇处, 东环路与北二环交口. The name before it has two to four
// characters (five before the formal words) no nameStops character ends
// (在路口, 下个路口 are not places).
func crossings(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		w := crossingAt(s[j:])
		if w == "" || coveredBy(have, j) {
			continue
		}
		formal := w != "路口" && w != "街口"
		start, n := j, 0
		if formal {
			start, n = crossingName(s, have, j)
		}
		for !formal && n < 4 && start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if !isHan(r) || strings.ContainsRune(nameStops, r) || coveredBy(have, start-size) {
				break
			}
			start -= size
			n++
		}
		if n >= 2 {
			out = append(out, locMatch{kind: kindPlace, start: start, end: j + len(w)})
			// 建设街和人民路路口: the other road of the crossing
			if a, ok := roadBefore(s, have, start, formal); ok {
				out = append(out, locMatch{kind: kindPlace, start: a, end: start - len("和")})
			}
		}
	}
	return out
}

// crossingWords end the name of a crossing.
var crossingWords = []string{"路口", "街口", "交叉口", "交汇处", "交界处", "交口"}

// crossingAt returns the crossing word rest starts with, or "".
func crossingAt(rest string) string {
	// (tried at many offsets: the first rune rules most of them out)
	if r, _ := utf8.DecodeRuneInString(rest); r != '路' && r != '街' && r != '交' {
		return ""
	}
	for _, w := range crossingWords {
		if strings.HasPrefix(rest, w) {
			return w
		}
	}
	return ""
}

// roadBefore returns where a road named right before "和" (or 与, 跟) and
// offset start of s begins (建设街和人民路路口 → 建设街). formal: the crossing
// is named by a formal word (交叉口), so the first road may be a ring road
// or end in 道 (东环路与北二环交叉口 is read from its end: 北二环).
func roadBefore(s string, have []locMatch, start int, formal bool) (int, bool) {
	before := s[:start]
	if !strings.HasSuffix(before, "和") && !strings.HasSuffix(before, "与") && !strings.HasSuffix(before, "跟") {
		return 0, false
	}
	before = before[:len(before)-len("和")]
	if formal {
		if !endsWithRoad(before) {
			return 0, false
		}
		return formalRoadName(s, have, len(before))
	}
	if !strings.HasSuffix(before, "路") && !strings.HasSuffix(before, "街") {
		return 0, false
	}
	return roadName(s, len(before)-len("路"))
}

// crossingName returns where the name of the road before a formal crossing
// word at offset j of s starts (科技路 in 学府路与科技路交叉口, 和平街 in
// 幸福路与和平街交叉口) and its length in runes: see formalName.
func crossingName(s string, have []locMatch, j int) (int, int) {
	return formalName(s, have, j, true)
}

// formalName reads a road's name back from offset end of s: up to five Han
// characters, ending at a name stop, a component or a name break (反映,
// 投诉…). In a crossing (atCrossing), a 与, 和 or 跟 ends it only where it
// joins a road named before it (a 和 that joins none starts a name: 和平街).
// It returns where the name starts and its length in runes.
func formalName(s string, have []locMatch, end int, atCrossing bool) (int, int) {
	start, n := end, 0
	for n < 5 && start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !isHan(r) || coveredBy(have, start-size) {
			break
		}
		joins := r == '与' || r == '和' || r == '跟'
		if atCrossing && joins {
			if endsWithRoad(s[:start-size]) || r != '和' {
				break
			}
		} else if strings.ContainsRune(nameStops, r) {
			break
		}
		start -= size
		n++
	}
	name := afterNameBreaks(s[start:end])
	return end - len(name), utf8.RuneCountInString(name)
}

// afterNameBreaks returns the part of name after the last word of
// nameBreaks in it (麻烦问下门口 → 门口, 胜利街道红旗社区 → 红旗社区).
func afterNameBreaks(name string) string {
	if !mayHoldBreak(name) {
		return name
	}
	for _, w := range nameBreaks {
		if k := strings.LastIndex(name, w); k >= 0 {
			name = name[k+len(w):]
		}
	}
	return name
}

// endsWithRoad reports whether s ends with the suffix of a road name (路,
// 街, 道, 环: 北二环).
func endsWithRoad(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("路街道环巷", r)
}

// formalRoadName returns where the road whose name ends at offset end of
// s starts (学府路 in 学府路与科技路交叉口): two to five Han characters, see
// formalName.
func formalRoadName(s string, have []locMatch, end int) (int, bool) {
	start, n := formalName(s, have, end, false)
	return start, n >= 2
}

// roadName returns where the name of a road whose 路 or 街 is at offset j
// starts: two to four characters nameBefore accepts, not a way to work or
// school (上班路上, 放学路上).
func roadName(s string, j int) (int, bool) {
	a, ok := nameBefore(s, j)
	if !ok {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:j])
	return a, !strings.ContainsRune("班学来去回走", r)
}

// roadsOn finds a road named without a house number by what is on it:
// 学府路上那个井盖 → 学府路 (一路上, 回家路上 are no roads).
func roadsOn(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		if !strings.HasPrefix(s[j:], "路上") && !strings.HasPrefix(s[j:], "街上") || coveredBy(have, j) {
			continue
		}
		if !placesSomething(s[j+len("路上"):]) {
			continue
		}
		if a, ok := roadName(s, j); ok && !coveredBy(have, a) {
			out = append(out, locMatch{kind: kindPlace, start: a, end: j + len("路")})
		}
	}
	return out
}

// coveredBy reports whether a component covers offset i.
func coveredBy(have []locMatch, i int) bool {
	for _, m := range have {
		if m.start <= i && i < m.end {
			return true
		}
	}
	return false
}

// standaloneLevels finds a garage level written alone (地下车库积水了 … B2):
// b1–b4 with no letter or digit touching it, in a message about parking
// or a garage. cands are the offsets scanComponents marked (landmarkBit).
func standaloneLevels(s string, have []locMatch, cands []int) []locMatch {
	var out []locMatch
	for _, j := range cands {
		if s[j] != 'b' || j+2 > len(s) || s[j+1] < '1' || s[j+1] > '4' || coveredBy(have, j) || coveredBy(have, j+1) {
			continue
		}
		if j > 0 && isASCIIAlnum(s[j-1]) || j+2 < len(s) && isASCIIAlnum(s[j+2]) {
			continue
		}
		if containsAny(s, garageWords) {
			out = append(out, locMatch{kind: kindGarage, start: j, end: j + 2})
		}
	}
	return out
}

// garageWords make a lone b1–b4 a garage level.
var garageWords = []string{"车库", "地库", "停车", "车位", "地下"}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
