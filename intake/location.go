package intake

import (
	"cmp"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// num matches an address number in digits or Chinese numerals.
const num = `[0-9零〇一二两三四五六七八九十百千]+`

// component kinds, in the order they nest in an address.
const (
	kindNamed = iota
	kindRoad
	kindBuilding
	kindUnit
	kindFloor
	kindRoom
	kindDash
	kindGarage
	kindGate
	kindPlace
	kindBareCommunity
	kindZone // a phase or district of the estate: 二期, 东区, b区, 西北角
	// kindRelation is the relation word joining a landmark and an address
	// in one span (后面 in 3号楼后面小卖部); no pattern finds it alone.
	kindRelation
	// kindCore is a lift core of a building (7栋B梯, 5栋2梯): estates with
	// several lifts a building number them by core, and the flat follows
	// (7栋B梯1203). A lettered core may stand alone (B梯的电梯又停了).
	kindCore
)

// locPatterns are tried at every position whose first rune passes the
// pattern's filter; the first match wins. They run on foldRunes output, so
// the text is lower case, half-width and simplified. The filters keep the
// scan fast: most positions try no regular expression at all.
var locPatterns = []struct {
	kind  int
	first func(rune) bool
	match func(rest string) int // length of the match at the start of rest, or -1
}{
	{kindDash, isDigit, digitsThen(1, 3, "-", dashAddress)},
	{kindRoad, isHan, hanThen(roadSuffixes, numberedHouse)},
	{kindNamed, isHan, hanThen(namedSuffixes, nil)},
	{kindGarage, runeIn("地车b负"), guarded([]string{"地下", "地库", "车库", "b", "负"}, `^(?:地下)?(?:车库|地库)(?:b[1-4]|负[一二三1-3]层?)?(?:入口|出口)?|^b[1-4](?:车库|层)|^负[一二三1-3](?:层|楼)|^地下[一二三1-3]层`)},
	{kindUnit, isNumeral, numbered("单元", "单远")},
	{kindBuilding, isNumeral, numbered("号楼", "好楼", "号院", "#楼", "栋", "幢", "座", "号")},
	{kindBuilding, runeIn("abcdefgh"), prefixes("a座", "b座", "c座", "d座", "e座", "f座", "g座", "h座",
		"a栋", "b栋", "c栋", "d栋", "e栋", "f栋", "g栋", "h栋", "a梯", "b梯", "c梯", "d梯", "e梯", "f梯", "g梯", "h梯")},
	{kindRoom, isNumeral, numbered("室", "号房")},
	{kindRoom, isDigit, digitsThen(3, 4, "房", re(`^[0-9]{3,4}房`))},
	{kindFloor, isNumeral, numbered("层", "楼")},
	{kindGate, runeIn("东南西北正侧大"), prefixes("东南门口", "东北门口", "西南门口", "西北门口", "东南门", "东北门", "西南门", "西北门",
		"东门口", "南门口", "西门口", "北门口", "正门口", "侧门口", "大门口", "东门", "南门", "西门", "北门", "正门", "侧门", "大门")},
	{kindPlace, runeIn("楼顶天电地车单门消垃快广花绿草健停走幼儿游篮羽乒网凉中物保岗充配水大一公后前老自阳露马路对隔小窗晒"), prefixes("楼下", "楼道", "楼到", "楼顶", "楼栋门口", "楼栋口", "顶楼", "天台", "电梯间", "电梯口", "电梯厅",
		"楼梯间", "楼梯口", "地下室", "车棚", "单元门口", "单元门", "门口", "门前", "消防通道", "垃圾站", "垃圾房", "快递柜", "广场", "花坛",
		"绿化带", "草坪", "健身区", "健身器材", "停车场", "走廊", "幼儿园门口", "幼儿园", "儿童乐园", "儿童游乐区", "游乐场", "篮球场", "羽毛球场",
		"乒乓球台", "网球场", "凉亭", "中心花园", "中心广场", "小广场", "物业办公室门口", "物业办公室", "物业门口", "保安室", "岗亭", "充电桩", "配电房", "配电室",
		"水泵房", "大堂", "一楼大堂", "公厕", "后门", "前门", "老年活动室", "自行车棚", "车库入口", "车库出口", "地库入口", "地库出口",
		// relative places, sides and parts of a building (location_relative.go)
		"楼上", "楼前", "楼后面", "楼后头", "楼后边", "楼梯拐角", "楼梯", "后楼梯", "消防楼梯", "阳台", "露台", "晒台", "电梯", "马路边", "路边", "对门",
		"垃圾桶", "车位", "隔壁", "楼后", "窗台", "对面")},
	{kindBareCommunity, runeIn("小"), prefixes("小区")},
	// a lane by its number, as the urban villages of the south number them
	// (3巷那栋楼道: session 11, dev-s22b)
	{kindPlace, isDigit, digitsThen(1, 3, "巷", laneNumber)},
	{kindZone, func(r rune) bool { return isNumeral(r) || strings.ContainsRune("东南西北abcdefgh", r) }, zone},
}

// dashFlat matches a flat written with dashes (3-2-1202, 8-502).
var dashFlat = re(`^[0-9]{1,3}-[0-9]{1,2}-[0-9]{2,4}|^[0-9]{1,3}-[0-9]{3,4}`)

// dashAddress matches a flat written with dashes, or a building and unit
// (3-2) right before a part of the building (3-2楼道, 5-1单元门口) or at
// the message's end (…灯坏了 3-2; not glued to a word before it, as a score
// or a date is: scanner.matchAt): alone, 3-2 is as often a score (session
// 12, loc12).
func dashAddress(rest string) int {
	if n := dashFlat(rest); n >= 0 {
		return n
	}
	k := strings.IndexByte(rest, '-') + 1
	n := k
	for n < len(rest) && n-k < 2 && isDigit(rune(rest[n])) {
		n++
	}
	if n == k || n < len(rest) && isDigit(rune(rest[n])) {
		return -1
	}
	after := rest[n:]
	if strings.TrimSpace(after) == "" {
		return n
	}
	if strings.HasPrefix(after, "单元") {
		return n + len("单元") // (4-1单元门口: the unit written twice)
	}
	for _, w := range dashPartWords {
		if strings.HasPrefix(after, w) {
			return n
		}
	}
	return -1
}

// dashPartWords are the parts of a building that may follow a building
// and unit written 3-2 (单元 after it is read by dashAddress itself).
var dashPartWords = []string{"楼道", "楼梯", "门口", "电梯", "楼下", "楼上", "楼顶", "顶楼", "走廊", "过道", "的楼道", "的电梯", "的门口"}

// reWindow bounds the text an anchored location expression is run on. The
// expressions given to re match at most 30 bytes, so the bound changes no
// match; without it, each call would cost time in proportion to the rest of
// the message (regexp's backtracker clears a bit set as long as its input),
// making the scan of a long message quadratic.
const reWindow = 64

// re adapts an anchored regular expression, whose matches are shorter than
// reWindow bytes and which has no end anchor, to the match signature.
func re(expr string) func(string) int {
	x := regexp.MustCompile(expr)
	return func(rest string) int {
		if len(rest) > reWindow {
			rest = rest[:reWindow]
		}
		if loc := x.FindStringIndex(rest); loc != nil {
			return loc[1]
		}
		return -1
	}
}

// digitsThen runs match only when rest starts with lo to hi ASCII digits
// followed by next, which match's expression requires: most digits of a
// message start no such text, and a regular expression costs more than the
// test.
func digitsThen(lo, hi int, next string, match func(string) int) func(string) int {
	return func(rest string) int {
		k := 0
		for k < len(rest) && k <= hi && isDigit(rune(rest[k])) {
			k++
		}
		if k < lo || k > hi || !strings.HasPrefix(rest[k:], next) {
			return -1
		}
		return match(rest)
	}
}

// hanThen matches as the expression ^\p{Han}{1,6}?(?:suffixes…)tail would,
// without a regular expression: the fewest Han characters (one to six)
// followed by the first suffix that fits, then tail (nil: nothing). tail
// returns the length it matches at the start of its argument, or -1.
func hanThen(suffixes []string, tail func(string) int) func(string) int {
	return func(rest string) int {
		i := 0
		for range 6 {
			if i == len(rest) {
				return -1
			}
			r, size := decodeRuneAt(rest, i)
			if !isHanRune(r) {
				return -1
			}
			i += size
			for _, suf := range suffixes {
				// (the first byte first: most positions start no suffix)
				if i == len(rest) || rest[i] != suf[0] || !strings.HasPrefix(rest[i:], suf) {
					continue
				}
				end := i + len(suf)
				if tail == nil {
					// a suffix that ends a longer name's first word (北苑小区,
					// 幸福花园小区): the name runs to the last suffix
					for more := leadingWord(rest[end:], suffixes); more != ""; more = leadingWord(rest[end:], suffixes) {
						end += len(more)
					}
					return end
				}
				if n := tail(rest[end:]); n >= 0 {
					return end + n
				}
			}
		}
		return -1
	}
}

// numberedHouse matches num followed by 号 and an optional 院 (the house
// number after a road name: 88号, 12号院), or a lane, num and 弄, with an
// optional house num and 号 after it (Shanghai's 长乐路120弄3号, 1518弄).
// laneNumber matches a numbered lane (3巷) at the start of rest, not a
// lane's worth of something (1巷子的人).
func laneNumber(rest string) int {
	n := addressDigits(rest)
	if n == 0 || !strings.HasPrefix(rest[n:], "巷") || strings.HasPrefix(rest[n+len("巷"):], "子") {
		return -1
	}
	return n + len("巷")
}

func numberedHouse(rest string) int {
	n := addressDigits(rest)
	if n == 0 {
		return -1
	}
	if strings.HasPrefix(rest[n:], "弄") {
		n += len("弄")
		if k := addressDigits(rest[n:]); k > 0 && strings.HasPrefix(rest[n+k:], "号") {
			n += k + len("号")
		}
		return n
	}
	if !strings.HasPrefix(rest[n:], "号") {
		return -1
	}
	n += len("号")
	if strings.HasPrefix(rest[n:], "院") {
		n += len("院")
	}
	return n
}

// addressDigits returns the length of the run of num at the start of s.
func addressDigits(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isAddressNumeral(r) {
			break
		}
		n += size
	}
	return n
}

// isAddressNumeral reports whether r is in the class num.
func isAddressNumeral(r rune) bool {
	return isDigit(r) || strings.ContainsRune("零〇一二两三四五六七八九十百千", r)
}

// guarded runs the expression only when rest starts with one of the words.
func guarded(words []string, expr string) func(string) int {
	pre, match := prefixes(words...), re(expr)
	return func(rest string) int {
		if pre(rest) < 0 {
			return -1
		}
		return match(rest)
	}
}

// prefixes matches the first listed word rest starts with; list longer
// words before their prefixes.
// The words are grouped by first rune (in list order) so that only those
// that can match are tried.
func prefixes(words ...string) func(string) int {
	byFirst := make(map[rune][]string)
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		byFirst[r] = append(byFirst[r], w)
	}
	return func(rest string) int {
		r, _ := utf8.DecodeRuneInString(rest)
		for _, w := range byFirst[r] {
			if strings.HasPrefix(rest, w) {
				return len(w)
			}
		}
		return -1
	}
}

// numbered matches a run of digits or Chinese numerals followed by one of
// the suffixes.
func numbered(suffixes ...string) func(string) int {
	after := prefixes(suffixes...)
	return func(rest string) int {
		n := 0
		for n < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[n:])
			if !isNumeral(r) {
				break
			}
			n += size
		}
		if n == 0 {
			return -1
		}
		if k := after(rest[n:]); k > 0 {
			return n + k
		}
		return -1
	}
}

func isDigit(r rune) bool   { return r >= '0' && r <= '9' }
func isNumeral(r rune) bool { return isDigit(r) || isCNNumeral(r) }
func isHan(r rune) bool     { return r >= 0x4E00 && r <= 0x9FFF }

// runeIn returns a test of membership in the set of runes of set (a map:
// strings.ContainsRune over a long set of Han characters, tried at every
// position of a message, cost more than all the matching).
func runeIn(set string) func(rune) bool {
	in := make(map[rune]bool)
	for _, r := range set {
		in[r] = true
	}
	return func(r rune) bool { return in[r] }
}

// firstRuneMasks holds, for each rune of the Basic Multilingual Plane, the
// set of locPatterns (bit k: pattern k) whose first-rune filter accepts it,
// built on first use (about 1 ms) so that the scan tests one bit per
// pattern instead of calling each filter at every position.
var firstRuneMasks = sync.OnceValue(func() *[0x10000]uint16 {
	var t [0x10000]uint16
	for r := range t {
		t[r] = firstRuneMaskOf(rune(r))
	}
	return &t
})

func firstRuneMaskOf(r rune) uint16 {
	var mask uint16
	for k, p := range locPatterns {
		if p.first(r) {
			mask |= 1 << k
		}
	}
	if len(facilityIndex[r]) > 0 || strings.ContainsRune(landmarkFirsts, r) {
		mask |= landmarkBit
	}
	return mask
}

// landmarkBit, the last bit of a first-rune mask, marks the runes that may
// start a landmark: a facility head, or what deicticUnits (单元), crossings
// (路口, 街口, 交叉口), standaloneLevels (b2), namedLandmarks (旁边, 那家店, 底下,
// 东头), sideBuildings (那栋, 对面楼), tradeLandmarks (卖, 有棵) and
// roomsOfFlat (厨房, 卫生间) look for.
const landmarkBit = 1 << 15

const landmarkFirsts = "单路街交b斜正旁对后背隔边那这底跟东西南北楼外下" +
	"卖修有放停摆" + // (tradeLandmarks' openers: location_trade.go)
	roomFirsts + // (the rooms of a flat: location_flat.go)
	"里这上一" // (topicPlaces' locatives: location_name.go)

func firstRuneMask(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return firstRuneMasks()[r]
	}
	return firstRuneMaskOf(r)
}

// locMatch is one address component found in the folded text, in byte
// offsets of the folded text.
type locMatch struct {
	kind       int
	start, end int
	facility   bool // found by scanFacilities: joins only what touches it
}

// ExtractLocation finds the places a message mentions. words are the
// locations as they appear in text (maximal runs of address components such
// as "阳光小区3号楼2单元楼道"); norm has the same length and holds the
// canonical form of each word used for matching ("三栋" → "3号楼").
func ExtractLocation(text string) (words, norm []string) {
	return extractLocationFolded(text, foldRunes(text))
}

// extractLocationFolded is ExtractLocation given foldRunes(text) as folded.
func extractLocationFolded(text, folded string) (words, norm []string) {
	folded = foldPlaceRunes(folded)
	matches := scanComponents(folded)
	valid := utf8.ValidString(text)
	for _, span := range mergeComponents(folded, matches) {
		w := sliceRunesValid(text, folded, span.start, span.end, valid)
		n := canonicalLocation(folded, span.parts)
		if w == "" || n == "" || slices.Contains(words, w) {
			continue // (电梯井里有水 电梯还在跑: one place)
		}
		words = append(words, w)
		norm = append(norm, n)
	}
	return words, norm
}

// scanComponents walks the folded text and collects address components.
func scanComponents(s string) []locMatch {
	sc := scanner{s: s, namedAt: notSearched(len(namedSuffixes)), roadAt: notSearched(len(roadSuffixes)), masks: firstRuneMasks()}
	sc.named = sc.nextSuffix(0, namedSuffixes, sc.namedAt)
	sc.road = sc.nextSuffix(0, roadSuffixes, sc.roadAt)
	var out []locMatch
	// cands are the offsets, outside components, whose rune may start a
	// landmark (landmarkBit): the scans after the patterns visit only them
	var buf [32]int
	cands := buf[:0]
	for i := 0; i < len(s); {
		r, size := decodeRuneAt(s, i)
		if m, ok := sc.matchAt(i, r); ok {
			out = append(out, m)
			i = m.end
			if n := coreAfter(s[i:], m.kind); n > 0 {
				m = locMatch{kind: kindCore, start: i, end: i + n}
				out = append(out, m)
				i += n
			}
			if n := bareRoomAfter(s[i:], m.kind); n > 0 {
				out = append(out, locMatch{kind: kindRoom, start: i, end: i + n})
				i += n
			}
			if n := wayAfter(s[i:], m.kind); n > 0 {
				out = append(out, locMatch{kind: kindPlace, start: i, end: i + n})
				i += n
			}
			continue
		}
		if sc.landmark {
			cands = append(cands, i)
		}
		i += size
	}
	namedDoors(s, out)
	address := namesAddress(out)
	// a landmark is a place next to a number too (棋牌室的烟味…3号楼, 面馆…
	// 8号楼): the writers of every labelled set name both
	fs := scanFacilities(s, out, cands, address)
	if address {
		fs = slices.DeleteFunc(fs, func(f locMatch) bool { return objectOfAddress(s, out, f) })
	}
	out = append(out, fs...)
	if !address {
		out = append(out, standaloneRooms(s)...)
	} else {
		out = append(out, roomsApart(s, out)...)
		// the flat next door, relative to the writer's, says nothing an
		// address does not (隔壁的阿姨三天没回家了 … 5号楼2单元)
		out = slices.DeleteFunc(out, func(m locMatch) bool {
			return m.kind == kindPlace && (s[m.start:m.end] == "隔壁" || s[m.start:m.end] == "对面")
		})
	}
	out = append(out, standaloneLevels(s, out, cands)...)
	out = append(out, deicticUnits(s, out, cands)...)
	out = append(out, crossings(s, out, cands)...)
	out = append(out, tradeLandmarks(s, out, cands)...)
	out = append(out, namedLandmarks(s, out, cands)...)
	out = append(out, roadsOn(s, out, cands)...)
	out = append(out, sideBuildings(s, out, cands, address)...)
	out = append(out, homeNames(s, out)...)
	out = append(out, roomsOfFlat(s, out, cands)...)
	out = append(out, topicPlaces(s, out, cands)...)
	return out
}

// namesAddress reports whether a component is an address (a numbered
// building, unit, floor or room, a road, a named community or a garage),
// not only a gate or a generic place word.
func namesAddress(ms []locMatch) bool {
	for _, m := range ms {
		switch m.kind {
		case kindGate, kindPlace, kindBareCommunity, kindZone:
		default:
			return true
		}
	}
	return false
}

// coreAfter returns the length of a lift core right after a building
// (7栋b梯, 5栋2梯: one letter or digit and 梯), or 0. 一梯两户 and 2梯4户
// count lifts, not a core.
func coreAfter(rest string, kind int) int {
	if kind != kindBuilding || len(rest) < 1+len("梯") || !isLiftCoreRune(rest[0]) || !strings.HasPrefix(rest[1:], "梯") {
		return 0
	}
	if countsLifts(rest[1+len("梯"):]) {
		return 0
	}
	return 1 + len("梯")
}

func isLiftCoreRune(c byte) bool { return c >= 'a' && c <= 'h' || c >= '1' && c <= '9' }

// countsLifts reports whether the text after a 梯 counts flats (两户, 4户):
// then the 梯 counted lifts (一梯两户).
func countsLifts(after string) bool {
	r, size := utf8.DecodeRuneInString(after)
	return isNumeral(r) && strings.HasPrefix(after[size:], "户")
}

// wayAfter returns the length of an exit or entrance right after the
// estate or a gate (小区出口, 东门入口处), or 0: alone, 出口 is as often an
// export or a way out of anything.
func wayAfter(rest string, kind int) int {
	if kind != kindBareCommunity && kind != kindGate && kind != kindNamed {
		return 0
	}
	if !strings.HasPrefix(rest, "出口") && !strings.HasPrefix(rest, "入口") {
		return 0
	}
	if strings.HasPrefix(rest[len("出口"):], "处") {
		return len("出口处")
	}
	return len("出口")
}

// bareRoomAfter returns the length of a room number written without 室
// right after a building, unit or lift core (11栋401, 3单元1202,
// 7栋b梯1203), or 0.
func bareRoomAfter(rest string, kind int) int {
	if kind != kindBuilding && kind != kindUnit && kind != kindCore {
		return 0
	}
	n := 0
	for n < len(rest) && isDigit(rune(rest[n])) {
		n++
	}
	if n < 3 || n > 4 || n < len(rest) && (rest[n] == '.' || rest[n] == '-' || strings.HasPrefix(rest[n:], "室") || strings.HasPrefix(rest[n:], "号") || strings.HasPrefix(rest[n:], "元") || strings.HasPrefix(rest[n:], "块")) {
		return 0 // 室 and 号房 rooms are found by their own patterns
	}
	return n
}

// scanner remembers where the next place-name and road suffixes are, so the
// costly name patterns only run when a suffix is a few characters ahead.
type scanner struct {
	s           string
	named, road int // byte offset of the next suffix, or -1
	// namedAt and roadAt hold, for each suffix word, the offset of its
	// next occurrence (-1: none left), so that each word's search resumes
	// where it stopped instead of searching the rest of the text again.
	namedAt, roadAt []int
	masks           *[0x10000]uint16 // firstRuneMasks()
	// landmark: the rune matchAt last looked at may start a landmark
	landmark bool
}

// unsearched marks a suffix word not yet searched for.
const unsearched = -2

func notSearched(n int) []int {
	at := make([]int, n)
	for k := range at {
		at[k] = unsearched
	}
	return at
}

// nextSuffix returns the smallest offset ≥ from of any of the words, or -1,
// as nextAny(sc.s, from, words) would; at caches each word's next offset
// (starting from notSearched), with from never decreasing between calls.
func (sc *scanner) nextSuffix(from int, words []string, at []int) int {
	best := -1
	for k, w := range words {
		if at[k] == unsearched || at[k] >= 0 && at[k] < from {
			at[k] = from
			if j := indexByLastByte(sc.s[from:], w); j >= 0 {
				at[k] = from + j
			} else {
				at[k] = -1
			}
		}
		if at[k] >= 0 && (best < 0 || at[k] < best) {
			best = at[k]
		}
	}
	return best
}

// nameWindow is how far (in bytes) a name may extend before its suffix.
const nameWindow = 6 * 3

// matchAt tries the patterns whose first-rune filter accepts r at offset i.
func (sc *scanner) matchAt(i int, r rune) (locMatch, bool) {
	sc.landmark = false
	if i > 0 && (isNumeral(r) || r == '负') && strings.HasSuffix(sc.s[:i], "第") {
		// 第三单元 is an ordinal (a chapter), not an address; 第六栋 is a building
		if n := ordinalBuilding(sc.s[i:]); n > 0 {
			return locMatch{kind: kindBuilding, start: i - len("第"), end: i + n}, true
		}
		return locMatch{}, false
	}
	var mask uint16
	if r >= 0 && r < 0x10000 && sc.masks != nil {
		mask = sc.masks[r]
	} else {
		mask = firstRuneMask(r)
	}
	sc.landmark = mask&landmarkBit != 0
	if mask &^= landmarkBit; mask == 0 {
		return locMatch{}, false
	}
	rest := sc.s[i:]
	for ; mask != 0; mask &= mask - 1 { // the patterns of mask's bits, in order
		p := &locPatterns[bits.TrailingZeros16(mask)]
		if (p.kind == kindNamed || p.kind == kindRoad) && !sc.nameSuffixNear(p.kind, i) {
			continue
		}
		n := p.match(rest)
		if n < 0 || p.kind == kindDash && inLongerNumber(sc.s, i, i+n) {
			continue
		}
		m := locMatch{kind: p.kind, start: i, end: i + n}
		if p.kind == kindNamed || p.kind == kindRoad {
			if m.start = i + trimNamePrefix(rest[:n], p.kind); m.start < i || straddlesBreak(sc.s, m.start) {
				continue
			}
		}
		if p.kind == kindBuilding && strings.HasSuffix(sc.s[i:m.end], "梯") {
			if i > 0 && isASCIIAlnum(sc.s[i-1]) || countsLifts(sc.s[m.end:]) {
				continue
			}
			m.kind = kindCore // b梯 alone
		}
		if p.kind == kindBuilding && strings.HasSuffix(sc.s[i:m.end], "楼") && strings.HasPrefix(sc.s[m.end:], "下") {
			m.end += len("下") // 7号楼下 = 7号楼楼下
		}
		if p.kind == kindBuilding && strings.HasSuffix(sc.s[i:m.end], "楼") && buildingFront(sc.s[m.end:]) {
			m.end += len("前") // 3号楼前: the side is the place (location_relative.go)
		}
		if p.kind == kindPlace && strings.HasPrefix(sc.s[m.end:], "舞") {
			continue // 广场舞 is a dance, not a square
		}
		if p.kind == kindPlace && sc.s[i:m.end] == "楼到" && !typedForCorridor(sc.s[:i], sc.s[m.end:]) {
			continue
		}
		if p.kind == kindPlace && !relativePlace(sc.s[:i], sc.s[i:m.end], sc.s[m.end:]) {
			continue
		}
		if (p.kind == kindPlace || p.kind == kindGate || p.kind == kindGarage) && strings.HasSuffix(sc.s[i:m.end], "口") && strings.HasPrefix(sc.s[m.end:], "处") {
			m.end += len("处") // 车库入口处, 大门口处: the formal writers' way
		}
		if p.kind == kindBareCommunity {
			if n := estateSide(sc.s[:i], sc.s[m.end:]); n > 0 {
				m.kind, m.end = kindPlace, m.end+n // 小区后面那个工地, 小区对面的商场
			}
		}
		if p.kind == kindFloor && (notAFloor(sc.s[:i], sc.s[i:m.end]) || layerOf(sc.s[:i], sc.s[i:m.end], sc.s[m.end:])) {
			continue
		}
		if (p.kind == kindBuilding || p.kind == kindFloor) && reduplicated(sc.s[:i], sc.s[i:m.end], sc.s[m.end:]) {
			continue // (一栋一栋塞门缝: one by one, no building)
		}
		if p.kind == kindBuilding && strings.HasSuffix(sc.s[i:m.end], "号") && dateNumber(sc.s[:i], sc.s[m.end:]) {
			continue // (说好十五号供暖, 今天都二十号了: a day of the month)
		}
		if p.kind == kindDash && strings.TrimSpace(sc.s[m.end:]) == "" && dashFlat(sc.s[i:]) < 0 && isHan(lastRune(sc.s[:i])) {
			continue // (比赛结果3-2, 维权日是3-15: a score or a date; an address tagged on stands apart: 灯坏了 3-2)
		}
		if p.kind == kindZone && strings.HasSuffix(sc.s[i:m.end], "侧") && endsNumbered(sc.s[:i]) {
			continue // 五号楼西侧: the building is the place (the labels' way)
		}
		return m, true
	}
	return locMatch{}, false
}

// estateSides are the relations that make a bare 小区 a place: the side of
// the estate where the trouble is (小区后面, 小区对面). 小区里 stays no place.
var estateSides = []string{"斜对面", "对面", "后面", "后头", "背后", "外面", "外边", "旁边", "边上", "前面",
	// and since session 11 (loc9) its sides by the compass (小区东边那棵树)
	"东边", "西边", "南边", "北边"}

// estateSide returns the length of the side after a bare 小区 (the text
// after), or 0; another estate (隔壁小区对面, 别的小区后面) has none.
func estateSide(before, after string) int {
	for _, w := range []string{"隔壁", "别的", "其他", "人家", "他们", "你们", "她们", "那个", "老家"} {
		if strings.HasSuffix(before, w) {
			return 0
		}
	}
	for _, w := range estateSides {
		if strings.HasPrefix(after, w) {
			return len(w)
		}
	}
	return 0
}

// typedForCorridor reports whether 楼到, between before and after, is 楼道
// typed by sound (6号楼楼到的灯, 楼到里堆满了): after a numbered building or
// unit, or before 里, 口 or a lamp; 下楼到家 is a way home.
func typedForCorridor(before, after string) bool {
	if endsNumbered(before) {
		return true
	}
	after = strings.TrimPrefix(after, "的")
	r, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune("里口灯", r)
}

// notAFloor reports whether floor, a numbered 层 or 楼 after the text
// before, is a layer or a count of floors rather than a floor: 地上有一层水,
// 加盖一层, 堆了一层, 爬二十层, 两层中间 (a floor is 二层).
func notAFloor(before, floor string) bool {
	if strings.HasPrefix(floor, "两") {
		return true
	}
	if !strings.HasSuffix(floor, "层") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	// (isNumeral: the rest of a number whose start was refused, 二十层 → 十层)
	return strings.ContainsRune("有了盖铺堆厚薄积满爬", r) || isCNNumeral(r)
}

// layerOf reports whether 一层, between before and after, is a layer of
// something or one flight of stairs rather than the first floor (楼道里一层土,
// 地上已经一层了, 灰尘一层, 坐到上一层再走下来: session 12, loc12); 一层大堂
// and 在一层 stay floors.
func layerOf(before, floor, after string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if floor != "一层" || r == '在' {
		return false // (电梯卡在一层了: 在一层 is a floor)
	}
	return strings.ContainsRune(layerStuff, firstRune(after)) || strings.ContainsRune("上下走尘灰已经", r)
}

// layerStuff may follow 一层 that is a layer: dust, earth, water, ice,
// oil, snow, mud, skin, or 了 (已经一层了).
const layerStuff = "土灰水冰油雪泥霜沙毛膜皮锈了黑白"

// reduplicated reports whether a numbered building or floor is said
// twice in a row (一栋一栋, 一层一层): one by one, not a place.
func reduplicated(before, m, after string) bool {
	return strings.HasPrefix(after, m) || strings.HasSuffix(before, m)
}

// dateNumber reports whether a number and 号 (not 号楼), between before and
// after, is a day of the month: after 月 or a day word (今天都二十号了), or
// before what is done on it (十五号供暖, 3号来修, 5号以后; not 5号后门).
func dateNumber(before, after string) bool {
	for _, w := range []string{"月", "今天都", "今天是", "今天", "说好", "等到", "截止到", "截至"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	for _, w := range []string{"了", "供暖", "来修", "之前", "以前", "以后", "之后", "开始", "到现在", "那天", "停水", "停电", "停气"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// endsNumbered reports whether s ends with the suffix of a numbered
// building or unit (号楼, 栋, 单元 …).
func endsNumbered(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("楼栋幢座号元院", r)
}

// ordinalBuilding matches a building counted with 第 (第六栋, 第3号楼).
var ordinalBuilding = numbered("号楼", "栋", "幢")

// inLongerNumber reports whether s[start:end], a 3-2-1202 address, is part
// of a longer run of digits and dashes: a phone number (400-820-8820,
// 0571-88886666) or a date (2026-12-01).
func inLongerNumber(s string, start, end int) bool {
	if start > 0 && isDigit(rune(s[start-1])) || start > 1 && s[start-1] == '-' && isDigit(rune(s[start-2])) {
		return true // (8#-1-902 is a flat: building 8, unit 1)
	}
	return end < len(s) && (isDigit(rune(s[end])) || s[end] == '-')
}

func (sc *scanner) nameSuffixNear(kind, i int) bool {
	next, words, at := &sc.named, namedSuffixes, sc.namedAt
	switch kind {
	case kindRoad:
		next, words, at = &sc.road, roadSuffixes, sc.roadAt
	case kindNamed:
	default:
		return true
	}
	if *next >= 0 && *next < i {
		*next = sc.nextSuffix(i, words, at)
	}
	return *next >= i && *next-i <= nameWindow
}

var namedSuffixes = []string{"小区", "花园", "家园", "公寓", "新村", "苑"}
var roadSuffixes = []string{"路", "街", "大道", "巷"}

func nextNamedSuffix(s string, from int) int { return nextAny(s, from, namedSuffixes) }
func nextRoadSuffix(s string, from int) int  { return nextAny(s, from, roadSuffixes) }

// nextAny returns the smallest offset ≥ from of any of the words, or -1.
func nextAny(s string, from int, words []string) int {
	best := -1
	for _, w := range words {
		if j := strings.Index(s[from:], w); j >= 0 && (best < 0 || from+j < best) {
			best = from + j
		}
	}
	return best
}

// nameStops are characters that end a run of function words before a
// place name: the name starts after the last of them (我们阳光小区 → 阳光小区,
// 看新闻说别的小区 → no name).
const nameStops = "我你他她们咱俺这那个在的了是住家到去和跟把被给说从往里就都也又还啊吧呢吗看听有当对以前后"

// nameBreaks are words that end a run before a place name as nameStops
// do: verbs of asking and reporting, a subdistrict, a moment, the one
// addressed, an interjection (想反映小区, 谁知道小区, 投诉锦绣花园, 长安街道
// 万福小区, 那会儿小区, 跑步绕小区, @物业金桥花园, 各位邻居东方公寓, 唉长江路).
var nameBreaks = []string{"请问", "问下", "问一下", "知道", "反映", "投诉", "咨询", "进入", "街道", "会儿", "隔壁", "跑步", "绕", "关于", "改造", "加装",
	"一下", "物业", "邻居", "最近", "建议", "唉", "哎", "喂", "嗯",
	// session 10: times, verbs of thinking, passing and upkeep, and
	// determiners read as names in the dev files' chat and notices (今天小区,
	// 明日上午小区, 觉得小区, 下班路过小区, 共同维护小区, 一步提升小区, 本市老旧小区,
	// 某某小区, 别人小区)
	"今天", "明天", "昨天", "刚才", "现在", "周末", "近期", "今年", "去年", "上午", "下午", "中午", "晚上", "早上", "觉得", "感觉", "问问",
	"影响", "征集", "维护", "提升", "路过", "某某", "某地", "本市", "本人系", "本人为", "本人是", "本人", "别人", "好多", "为什么", "老旧",
	// session 12 (loc12): what lies below in a letter (下方为小区主干道)
	"下方为", "下方是"}

// nameBreakFirsts holds the first rune of every word of nameBreaks.
var nameBreakFirsts = func() map[rune]bool {
	firsts := map[rune]bool{}
	for _, w := range nameBreaks {
		r, _ := utf8.DecodeRuneInString(w)
		firsts[r] = true
	}
	return firsts
}()

// mayHoldBreak reports whether a word of nameBreaks may start in s: one of
// its runes starts one. Most names hold none, and then the list (some sixty
// words) need not be searched.
func mayHoldBreak(s string) bool {
	for _, r := range s {
		if nameBreakFirsts[r] {
			return true
		}
	}
	return false
}

// straddlesBreak reports whether a name starting at offset start of s
// begins inside a word of nameBreaks (隔壁老小区 read from 壁): the scan tries
// every offset, and the one before has seen the whole word already.
func straddlesBreak(s string, start int) bool {
	before := lastRunes(s[:start], 2)
	if !mayHoldBreak(before) {
		return false // (a straddling word starts before the name)
	}
	window := before + firstRunes(s[start:], 2)
	for _, w := range nameBreaks {
		for j := 0; j < len(before); {
			k := strings.Index(window[j:], w)
			if k < 0 {
				break
			}
			if at := j + k; at < len(before) && at+len(w) > len(before) {
				return true
			}
			j += k + 1
		}
	}
	return false
}

// trimNamePrefix returns the offset in m where the place name starts, or -1
// when fewer than two name characters remain.
func trimNamePrefix(m string, kind int) int {
	suffixAt := nameSuffixStart(m, kind)
	name := lastRunes(m[:suffixAt], 4)
	for i := len(name); i > 0; {
		r, size := utf8.DecodeLastRuneInString(name[:i])
		if r == '里' && i == len(name) && namePart(name[:i-size]) {
			i -= size // 幸福里小区: 里 ends the name, as in a lane's (这里小区 is none)
			continue
		}
		if strings.ContainsRune(nameStops, r) {
			name = name[i:]
			break
		}
		i -= size
	}
	name = afterNameBreaks(name)
	if utf8.RuneCountInString(name) < 2 || name == "小区" {
		return -1 // 小区花园 is the community's garden, not a name
	}
	return suffixAt - len(name)
}

// namePart reports whether the last two runes of s are Han characters
// that no nameStops character is among.
func namePart(s string) bool {
	last := lastRunes(s, 2)
	if utf8.RuneCountInString(last) < 2 {
		return false
	}
	for _, r := range last {
		if !isHan(r) || strings.ContainsRune(nameStops, r) {
			return false
		}
	}
	return true
}

// locSpan is a run of adjacent components.
type locSpan struct {
	start, end int
	parts      []locMatch
}

// mergeComponents joins components that touch (or are separated only by
// "的" or spaces) into spans and drops spans made only of a bare 小区.
func mergeComponents(s string, ms []locMatch) []locSpan {
	// (the same pattern-defeating quicksort as sort.Slice, without its
	// reflection and allocations: the same order, equal starts included)
	slices.SortFunc(ms, func(a, b locMatch) int { return cmp.Compare(a.start, b.start) })
	var spans []locSpan
	for _, m := range ms {
		if n := len(spans); n > 0 && m.start < spans[n-1].end {
			continue // (the scans after the patterns may overlap a place: b2-1-301)
		}
		if n := len(spans); n > 0 && joinable(s[spans[n-1].end:m.start]) && !(m.facility && m.start > spans[n-1].end) {
			spans[n-1].end = m.end
			spans[n-1].parts = append(spans[n-1].parts, m)
			continue
		}
		if n := len(spans); n > 0 && m.start > spans[n-1].end {
			// 3号楼后面小卖部门口, 小花园旁边2单元门口: one place, the
			// landmark placed by the relation (kept in the canonical form)
			if a, b, ok := relationGap(s, spans[n-1].end, m.start); ok {
				spans[n-1].end = m.end
				spans[n-1].parts = append(spans[n-1].parts, locMatch{kind: kindRelation, start: a, end: b}, m)
				continue
			}
		}
		spans = append(spans, locSpan{start: m.start, end: m.end, parts: []locMatch{m}})
	}
	joinBuildingSides(s, spans)
	out := spans[:0]
	for _, sp := range spans {
		if len(sp.parts) == 1 && sp.parts[0].kind == kindBareCommunity {
			continue
		}
		out = append(out, sp)
	}
	return out
}

func joinable(gap string) bool {
	return strings.TrimSpace(gap) == "" || strings.TrimSpace(gap) == "的"
}

// sliceRunesLike returns the part of orig that corresponds to folded[start:end].
// foldRunes keeps one rune for one rune, so rune offsets are shared.
func sliceRunesLike(orig, folded string, start, end int) string {
	return sliceRunesValid(orig, folded, start, end, utf8.ValidString(orig))
}

// sliceRunesValid is sliceRunesLike given utf8.ValidString(orig).
func sliceRunesValid(orig, folded string, start, end int, valid bool) string {
	rs := utf8.RuneCountInString(folded[:start])
	re := rs + utf8.RuneCountInString(folded[start:end])
	if !valid {
		o := []rune(orig)
		if re > len(o) {
			return ""
		}
		return strings.TrimSpace(string(o[rs:re]))
	}
	// valid UTF-8 reads back as itself: slice orig at the runes' offsets
	bs, n := -1, 0
	for i := range orig {
		if n == rs {
			bs = i
		}
		if n == re {
			return strings.TrimSpace(orig[bs:i])
		}
		n++
	}
	if n == re {
		if bs < 0 {
			bs = len(orig) // rs == re == the rune count
		}
		return strings.TrimSpace(orig[bs:])
	}
	return ""
}

func init() {
	if len(locPatterns) > 15 {
		panic("intake: firstRuneMasks holds 15 patterns and landmarkBit")
	}
}
