package intake

import (
	"strings"
	"unicode/utf8"
)

// Formal letters and hotline work orders open with the writer's address
// (我是城南家属院的住户, 本人系光华大厦的租户, 家住龙湖春江郦城4栋), and the
// compound is often named without a suffix the patterns know (小区, 花园,
// 苑 …): a 家属院, a 大厦, a 社区, a 城. The frame itself says the name is a
// place: the writer lives there.

// homeOpeners start the frame; the name follows at once.
var homeOpeners = []string{"我是", "本人是", "本人系", "家住", "居住在", "居住于", "住在"}

// homeRoles end the frame after the name and 的 (…的居民, …的业主);
// a worker's role (职工, 员工) names a workplace, not a home.
var homeRoles = []string{"居民", "业主", "住户", "租户", "租客", "老住户"}

// homeStops may not stand in a name the frame gives (我是新搬来的, 我是
// 他们家的 …): function words, people, the writer's own building.
const homeStops = "我你他她们咱俺这那个了是在就都也又还啊吧呢吗说看听有对以本该此新搬来"

// homeNames finds the compound a writer names as where they live, in
// folded text s, when no component found so far covers it: the Han
// characters after an opener, up to 的 and a role word or up to a
// component that touches them (家住龙湖春江郦城4栋: the building).
func homeNames(s string, have []locMatch) []locMatch {
	var out []locMatch
	// every opener ends in 是, 系, 住, 在 or 于: find those by their last
	// byte (indexByLastByte), then the opener before them
	for _, end := range homeOpenerEnds {
		for from := 0; from < len(s); {
			k := indexByLastByte(s[from:], end)
			if k < 0 {
				break
			}
			start := from + k + len(end)
			from = start
			if !suffixAny(s[:start], homeOpeners) {
				continue
			}
			if m, ok := homeName(s, have, start); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// homeOpenerEnds are the last characters of homeOpeners.
var homeOpenerEnds = []string{"是", "系", "住", "在", "于"}

// homeName reads the name that starts at offset start of s, or
// reports false.
func homeName(s string, have []locMatch, start int) (locMatch, bool) {
	end, n := start, 0
	for end < len(s) && n < 8 {
		if coveredBy(have, end) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[end:])
		if !isHan(r) || r == '的' {
			break
		}
		end += size
		n++
	}
	switch {
	case end < len(s) && coveredBy(have, end) && !coveredBy(have, start):
		// (the name touches the building or room that follows it)
	case strings.HasPrefix(s[end:], "的") && prefixAny(s[end+len("的"):], homeRoles):
	default:
		return locMatch{}, false
	}
	name := afterNameBreaks(s[start:end]) // (胜利街道红旗社区 → 红旗社区)
	if utf8.RuneCountInString(name) < 3 || strings.ContainsAny(name, homeStops) {
		return locMatch{}, false
	}
	return locMatch{kind: kindPlace, start: end - len(name), end: end}, true
}
